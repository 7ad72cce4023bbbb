// npm run bench:engine — the durable engine's own cost, in one process: the embedded runner
// driving the real run-plan function through the Inngest SDK protocol, on an embedded database.
// The tool is a no-op, so what is measured is orchestration: state writes, run events, SDK calls,
// memoization and the executor's single forced tool call (offline model).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { registerEmbeddedRunner } from "../inngest/client";
import { EmbeddedRunner } from "../inngest/embedded/runner";
import { inngest } from "../inngest/client";
import { runRequested } from "../inngest/events";
import { inngestHandler } from "../inngest/serve";
import { LOCAL_OWNER } from "../lib/auth";
import { type Database, setDatabase } from "../lib/db";
import { openWorkspace } from "../lib/bootstrap";
import { asService } from "../lib/db/rls";
import { planStore } from "../lib/plans";
import { configureEngine } from "../lib/runs/steps";
import { isTerminal } from "../lib/runs/status";
import { startRun } from "../lib/runs/service";
import { noopChain, noopTool } from "./bench-engine-plan";

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "planvas-bench-engine-"));
  // BENCH_DATABASE_URL: run on that PostgreSQL (a throwaway one: scripts/pg-throwaway.sh) instead of PGlite.
  const pgUrl = process.env.BENCH_DATABASE_URL ?? "";
  const db: Database = await openWorkspace({ ...process.env, DATABASE_URL: pgUrl, PLANVAS_DATA_DIR: dir });
  setDatabase(db);
  configureEngine({ resolveTool: () => noopTool });
  const handler = (req: Request) => (inngestHandler as unknown as Record<string, (r: Request, c: unknown) => Promise<Response>>)[req.method]!(req, undefined);
  const maxConcurrentRuns = Number(process.env.PLANVAS_MAX_CONCURRENT_RUNS ?? 4);
  const runner = new EmbeddedRunner({ db, handler, serveUrl: "http://127.0.0.1:3000/api/inngest", appId: "planvas", maxConcurrentRuns, log: () => {} });
  registerEmbeddedRunner(runner);
  await runner.start();

  const chain = noopChain;
  const start = async (planId: string) => {
    const r = await startRun(db, LOCAL_OWNER, planId);
    if (r.status !== "started") throw new Error(r.status);
    await inngest.send(runRequested.create({ runId: r.runId }));
    return r.runId;
  };
  const status = async (ids: string[]) =>
    asService(db, (tx) => tx.query<{ id: string; status: string }>("select id, status from public.runs where id = any($1::uuid[])", [ids]));
  const waitAll = async (ids: string[]) => {
    for (;;) {
      const rows = await status(ids);
      if (rows.every((r) => isTerminal(r.status))) return rows;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  // Warm-up: module init, JIT, the first SDK sync.
  const warm = await planStore(db, LOCAL_OWNER).create(chain(3));
  await waitAll([await start(warm.id)]);

  // 1. One 20-step chain.
  const p20 = await planStore(db, LOCAL_OWNER).create(chain(20));
  const t0 = performance.now();
  const one = await start(p20.id);
  await waitAll([one]);
  const chainMs = performance.now() - t0;

  // 2. 100 runs of 5 steps, started at once.
  const p5 = await planStore(db, LOCAL_OWNER).create(chain(5));
  const t1 = performance.now();
  const ids = await Promise.all(Array.from({ length: 100 }, () => start(p5.id)));
  const final = await waitAll(ids);
  const wallMs = performance.now() - t1;

  // Step latency: from the previous step's end (or the run's start) to this step's end.
  const steps = await asService(db, (tx) =>
    tx.query<{ run_id: string; step_index: number; finished_at: Date; started_at: Date }>(
      "select s.run_id, s.step_index, s.finished_at, r.started_at from public.run_steps s join public.runs r on r.id = s.run_id where s.run_id = any($1::uuid[]) order by s.run_id, s.step_index",
      [ids],
    ),
  );
  const latencies: number[] = [];
  let prev: { run: string; at: number } | undefined;
  for (const s of steps) {
    const from = prev?.run === s.run_id ? prev.at : new Date(s.started_at).getTime();
    latencies.push(new Date(s.finished_at).getTime() - from);
    prev = { run: s.run_id, at: new Date(s.finished_at).getTime() };
  }
  // Lost events: every run's event seqs must be 1..n with no gap, and match the run's seq.
  const gaps = await asService(db, (tx) =>
    tx.query<{ lost: number }>(
      "select coalesce(sum(r.seq - (select count(*) from public.run_events e where e.run_id = r.id)), 0)::int as lost from public.runs r where r.id = any($1::uuid[])",
      [ids],
    ),
  );

  await runner.stop();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(
    `machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}; ${pgUrl ? "PostgreSQL" : "embedded PGlite (data dir)"}, maxConcurrentRuns=${maxConcurrentRuns}`,
  );
  console.log(`20-step chain of a no-op tool: ${chainMs.toFixed(0)} ms total, ${(chainMs / 20).toFixed(1)} ms orchestration per step`);
  console.log(
    `100 concurrent 5-step runs: wall ${(wallMs / 1000).toFixed(2)} s, ${(100 / (wallMs / 1000)).toFixed(1)} runs/s, step latency p50 ${pct(latencies, 50)} ms p95 ${pct(latencies, 95)} ms, succeeded ${final.filter((r) => r.status === "succeeded").length}/100, lost events ${gaps[0]!.lost}`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
