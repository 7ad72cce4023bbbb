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
import { inngest as appInngest, registerEmbeddedRunner } from "../inngest/client";
import { EmbeddedRunner } from "../inngest/embedded/runner";
import { runRequested } from "../inngest/events";
import { inngestHandler } from "../inngest/serve";
import { LOCAL_OWNER } from "../lib/auth";
import { openWorkspace } from "../lib/bootstrap";
import { type Database, setDatabase } from "../lib/db";
import { asService } from "../lib/db/rls";
import { planStore } from "../lib/plans";
import { startRun } from "../lib/runs/service";
import { isTerminal } from "../lib/runs/status";
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const POLL_MS = 10; // a run of the chain takes ~1 s: ≤ 1 % of resolution, and little load from the polling

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
  const runner = new EmbeddedRunner({
    db,
    handler,
    serveUrl: "http://127.0.0.1:3000/api/inngest",
    appId: "planvas",
    maxConcurrentRuns: concurrency(),
    log: () => {},
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
  const waitAll = async (ids: string[]) => {
    for (;;) {
      const rows = await asService(db, (tx) => tx.query<{ status: string }>("select status from public.runs where id = any($1::uuid[])", [ids]));
      if (rows.length === ids.length && rows.every((r) => isTerminal(r.status))) {
        const bad = rows.filter((r) => r.status !== "succeeded");
        if (bad.length) throw new Error(`${bad.length} of ${ids.length} runs did not succeed (${bad[0]!.status})`);
        return;
      }
      await sleep(POLL_MS);
    }
  };
  return {
    async chain(n) {
      const planId = await planOf(n);
      await waitAll([await start(planId)]);
    },
    async burst(runs, steps) {
      const planId = await planOf(steps);
      await waitAll(await Promise.all(Array.from({ length: runs }, () => start(planId))));
    },
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
  const runner = new EmbeddedRunner({
    db,
    handler: (req) => served(req as never, undefined), // defined below, called only after start()
    serveUrl: "http://127.0.0.1:3000/api/inngest",
    appId: APP,
    maxConcurrentRuns: concurrency(),
    log: () => {},
  });
  const client = new Inngest({ id: APP, isDev: true, fetch: runner.fetch });
  const fn = client.createFunction({ id: "chain", triggers: [{ event: "bench/chain" }], retries: 0 }, async ({ event, step }) => {
    const n = (event.data as { n: number }).n;
    for (let i = 0; i < n; i++) await step.run(`s${i}`, () => i);
    return n;
  });
  const served = serve({ client, functions: [fn] });
  await runner.start();
  // Done = the runner has nothing runnable left (the function has no waits or sleeps), and no run
  // of it is still running or failed.
  const settle = async (expected: number) => {
    await runner.idle(120_000);
    const left = await runner.listRuns({ status: "running" });
    const failed = await runner.listRuns({ status: "failed" });
    if (left.length || failed.length) throw new Error(`bare engine: ${left.length} runs still running, ${failed.length} failed (of ${expected})`);
  };
  const send = (runs: number, n: number) => client.send(Array.from({ length: runs }, () => ({ name: "bench/chain", data: { n } })));
  return {
    async chain(n) {
      await send(1, n);
      await settle(1);
    },
    async burst(runs, steps) {
      await send(runs, steps);
      await settle(runs);
    },
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
