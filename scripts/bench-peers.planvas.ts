// A Planvas child of `npm run bench:peers` (scripts/bench-peers.mjs starts it; not run by hand).
// One long-lived process per system, driven over IPC, so no two systems share a heap or event loop.
// Two shapes, both through public entry points only (the engine's internals are free to change):
//   run-plan — the product's path, as scripts/bench-engine.ts drives it: the embedded runner, the
//              real serve handler, the run-plan function, startRun, a no-op tool via configureEngine;
//   bare     — the embedded runner and a real inngest serve() handler with one function of N bare
//              step.run no-ops: the engine alone, without the app's tables.
// BENCH_DATABASE_URL: a PostgreSQL database (migrated here); empty → PGlite in BENCH_DATA_DIR.
import { Inngest } from "inngest";
import { serve } from "inngest/next";
import { inngest as appInngest, registerEmbeddedRunner, withFixedHeaders } from "../inngest/client";
import { EmbeddedRunner } from "../inngest/embedded/runner";
import { runRequested } from "../inngest/events";
import { runPlan } from "../inngest/functions/run-plan";
import { inngestHandler } from "../inngest/serve";
import { LOCAL_OWNER } from "../lib/auth";
import { openWorkspace } from "../lib/bootstrap";
import { type Database, setDatabase } from "../lib/db";
import { asService } from "../lib/db/rls";
import { planStore } from "../lib/plans";
import { startRun } from "../lib/runs/service";
import { configureEngine } from "../lib/runs/steps";
import { noopChain, noopTool } from "./bench-engine-plan";

type Handler = (req: Request) => Promise<Response>;
interface System {
  /** One run of an n-step chain, to its durable end. */
  chain(n: number): Promise<void>;
  /** `runs` runs of `steps` steps started at once, all to their durable end. */
  burst(runs: number, steps: number): Promise<void>;
  close(): Promise<void>;
}

const OP_TIMEOUT_MS = 5 * 60_000;

/**
 * Counts the runs of function `fnId` the runner ended, from its log: "run completed" and "run
 * failed" are logged after the transaction that ended the run committed. (The runner also runs the
 * app's cron, schedule-tick, every minute: its runs are not the workload's.) A workload is over when its runs have ended, seen
 * as it happens, as DBOS's workflow call returns once its result is stored; polling the runs'
 * status would add up to a poll interval to every sample and a query per interval to its work.
 */
function runEnds(fnId: string) {
  let ended = 0;
  let failed = 0;
  let wake: (() => void) | null = null;
  return {
    log(msg: string, data?: Record<string, unknown>) {
      if ((msg !== "run completed" && msg !== "run failed") || data?.fnId !== fnId) return;
      ended++;
      if (msg === "run failed") failed++;
      wake?.();
    },
    /** Taken before the runs start: they may end before anyone waits. */
    mark: () => ({ ended, failed }),
    async wait(mark: { ended: number; failed: number }, runs: number): Promise<void> {
      const deadline = Date.now() + OP_TIMEOUT_MS;
      while (ended - mark.ended < runs) {
        if (Date.now() > deadline) throw new Error(`${ended - mark.ended} of ${runs} runs ended within ${OP_TIMEOUT_MS} ms`);
        await new Promise<void>((r) => {
          const t = setTimeout(r, 1000);
          wake = () => (clearTimeout(t), r());
        });
      }
      if (failed > mark.failed) throw new Error(`${failed - mark.failed} of ${runs} runs failed in the engine`);
    },
  };
}

async function openDb(): Promise<Database> {
  const url = process.env.BENCH_DATABASE_URL ?? "";
  if (!url && !process.env.BENCH_DATA_DIR) throw new Error("BENCH_DATABASE_URL or BENCH_DATA_DIR must be set");
  // openWorkspace applies the migrations (and, on PGlite, seeds the demo's documents), as at server start.
  return openWorkspace({ ...process.env, DATABASE_URL: url, PLANVAS_DATA_DIR: process.env.BENCH_DATA_DIR ?? "" });
}

const concurrency = () => Number(process.env.PLANVAS_MAX_CONCURRENT_RUNS) || undefined; // undefined: the product's default

async function runPlanSystem(): Promise<System> {
  const db = await openDb();
  setDatabase(db);
  configureEngine({ resolveTool: () => noopTool });
  const served = inngestHandler as unknown as Record<string, (r: Request, c: unknown) => Promise<Response>>;
  const handler: Handler = (req) => served[req.method]!(req, undefined);
  const ends = runEnds(runPlan.id(appInngest.id));
  const runner = new EmbeddedRunner({
    db,
    handler,
    serveUrl: "http://127.0.0.1:3000/api/inngest",
    appId: "planvas",
    maxConcurrentRuns: concurrency(),
    log: ends.log,
  });
  registerEmbeddedRunner(runner);
  await runner.start();

  const plans = new Map<number, string>();
  const planOf = async (n: number) => {
    let id = plans.get(n);
    if (!id) {
      id = (await planStore(db, LOCAL_OWNER).create(noopChain(n))).id;
      plans.set(n, id);
    }
    return id;
  };
  const start = async (planId: string) => {
    const r = await startRun(db, LOCAL_OWNER, planId);
    if (r.status !== "started") throw new Error(`startRun: ${r.status}`);
    await appInngest.send(runRequested.create({ runId: r.runId }));
    return r.runId;
  };
  /** Starts `runs` runs of the plan and waits for the engine to end them; each must have succeeded in the app's table. */
  const runAll = async (planId: string, runs: number) => {
    const mark = ends.mark();
    const ids = await Promise.all(Array.from({ length: runs }, () => start(planId)));
    await ends.wait(mark, runs);
    const rows = await asService(db, (tx) => tx.query<{ status: string }>("select status from public.runs where id = any($1::uuid[])", [ids]));
    const bad = rows.filter((r) => r.status !== "succeeded");
    if (rows.length !== ids.length || bad.length) throw new Error(`${bad.length} of ${ids.length} runs did not succeed (${bad[0]?.status ?? "missing"})`);
  };
  return {
    chain: async (n) => runAll(await planOf(n), 1),
    burst: async (runs, steps) => runAll(await planOf(steps), runs),
    async close() {
      await runner.stop();
      registerEmbeddedRunner(undefined);
      await db.close();
    },
  };
}

async function bareSystem(): Promise<System> {
  const db = await openDb();
  const APP = "planvas-bench-bare";
  const ends = runEnds(`${APP}-chain`); // the function below: its id prefixed with the app's
  const runner = new EmbeddedRunner({
    db,
    handler: (req) => served(req as never, undefined), // defined below, called only after start()
    serveUrl: "http://127.0.0.1:3000/api/inngest",
    appId: APP,
    maxConcurrentRuns: concurrency(),
    log: ends.log,
  });
  const client = withFixedHeaders(new Inngest({ id: APP, isDev: true, fetch: runner.fetch }));
  const fn = client.createFunction({ id: "chain", triggers: [{ event: "bench/chain" }], retries: 0 }, async ({ event, step }) => {
    const n = (event.data as { n: number }).n;
    for (let i = 0; i < n; i++) await step.run(`s${i}`, () => i);
    return n;
  });
  const served = serve({ client, functions: [fn] });
  await runner.start();
  const runAll = async (runs: number, n: number) => {
    const mark = ends.mark();
    await client.send(Array.from({ length: runs }, () => ({ name: "bench/chain", data: { n } })));
    await ends.wait(mark, runs);
  };
  return {
    chain: (n) => runAll(1, n),
    burst: (runs, steps) => runAll(runs, steps),
    async close() {
      await runner.stop();
      await db.close();
    },
  };
}

// --- the IPC loop shared with bench/peers/child.mjs (same messages) --------------------------------
async function main() {
  const mode = process.env.BENCH_MODE;
  const system = mode === "run-plan" ? await runPlanSystem() : mode === "bare" ? await bareSystem() : null;
  if (!system) throw new Error(`BENCH_MODE must be run-plan or bare, not ${mode}`);
  process.on("message", (m: { id: number; op: "chain" | "burst" | "close"; n?: number; runs?: number; steps?: number }) => {
    void (async () => {
      try {
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        if (m.op === "chain") await system.chain(m.n!);
        else if (m.op === "burst") await system.burst(m.runs!, m.steps!);
        else await system.close();
        const ms = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        process.send!({ id: m.id, ok: true, ms, cpuMs: (cpu.user + cpu.system) / 1000 });
        if (m.op === "close") process.exit(0);
      } catch (e) {
        process.send!({ id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      }
    })();
  });
  process.send!({ ready: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
