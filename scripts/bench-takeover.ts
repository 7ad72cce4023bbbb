// npm run bench:takeover — how soon a runner takes over the run of a runner whose process was
// SIGKILLed mid-step, on PostgreSQL (liveness = the dead runner's session lock; see the top of
// inngest/embedded/runner.ts). Each repetition starts a runner in a child process
// (inngest/embedded/testing/runner-child.ts) that leases a run and blocks in a step, kills it, and
// times kill → the first SDK call another runner makes for that run, with the production poll
// (5 s) and lease (30 s). Two cases: a runner started after the kill (a restart) and one that was
// already running (another live runner on the same database).
// Needs TEST_DATABASE_URL or DATABASE_URL: a throwaway database is created on that server and
// dropped afterwards. BENCH_REPS (default 10) repetitions per case.
import { harness } from "../inngest/embedded/testkit";
import { startRunnerProcess } from "../inngest/embedded/testing/runner-process";
import { takeoverFunctions } from "../inngest/embedded/testing/takeover-app";
import { redactUrl } from "../lib/db/postgres";

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const server = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!server) throw new Error("set TEST_DATABASE_URL or DATABASE_URL to a PostgreSQL server (a throwaway database is created on it)");
  process.env.TEST_DATABASE_URL = server;
  const reps = Number(process.env.BENCH_REPS ?? 10);

  const firstCall = new Map<string, number>();
  const h = await harness("postgres", (inngest) => takeoverFunctions(inngest, () => {}), {
    start: false,
    runner: { pollMs: 5_000, leaseMs: 30_000 },
    wrap: (serve) => async (req) => {
      if (req.method === "POST") {
        const runId = ((await req.clone().json()) as { ctx?: { run_id?: string } }).ctx?.run_id;
        if (runId && !firstCall.has(runId)) firstCall.set(runId, performance.now());
      }
      return serve(req);
    },
  });
  console.log(`database: ${redactUrl(h.db.url!)}; ${reps} repetitions per case`);
  const results: Record<string, number[]> = { "runner started after the kill": [], "runner already running": [] };
  try {
    for (let i = 0; i < reps; i++) {
      for (const [label, times] of Object.entries(results)) {
        const live = label === "runner already running";
        const child = startRunnerProcess(h.db.url!, { key: `${i}` });
        try {
          const { runId } = await child.blocked;
          const runner = h.newRunner({ log: () => {} });
          if (live) {
            await runner.start();
            await sleep(200 + Math.random() * 1_000); // a random phase against its liveness poll
          }
          const killedAt = performance.now();
          await child.kill();
          if (!live) await runner.start();
          const deadline = Date.now() + 60_000;
          while (!firstCall.has(runId)) {
            if (Date.now() > deadline) throw new Error(`run ${runId} was not taken over within 60 s`);
            await sleep(2);
          }
          times.push(firstCall.get(runId)! - killedAt);
          await runner.idle();
          await runner.stop();
          const run = await runner.getRun(runId);
          if (run?.status !== "completed") throw new Error(`run ${runId} ended ${run?.status}`);
          console.log(`  ${label}: ${times.at(-1)!.toFixed(0)} ms`);
        } finally {
          await child.kill();
        }
      }
    }
  } finally {
    await h.close();
  }
  console.log("\nkill → takeover (first SDK call by another runner), ms:");
  for (const [label, times] of Object.entries(results)) {
    console.log(
      `  ${label.padEnd(30)} p50 ${pct(times, 50).toFixed(0).padStart(5)}   max ${Math.max(...times)
        .toFixed(0)
        .padStart(5)}   (n=${times.length})`,
    );
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
