// Liveness of runners sharing one database: a dead runner's runs are taken over within ~1 s (its
// session lock is gone), a live runner's never (see the top of runner.ts).
import { afterEach, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing";
import * as store from "./store";
import { gate, harness, type Handler, type Harness, waitForRun } from "./testkit";
import { startRunnerProcess, type RunnerProcess } from "./testing/runner-process";
import { takeoverFunctions } from "./testing/takeover-app";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Below the 5 s poll, so only liveness can explain the takeover; under load a takeover may take longer
// than the ~1 s it takes on a quiet machine, which `npm run bench:takeover` measures.
const LIVENESS_BOUND_MS = 4_500;

/** Wraps a handler to note, per run id, every SDK call: when it starts and how many are in flight. */
function tracked(onCall: (runId: string, phase: "start" | "end") => void) {
  return (h: Handler): Handler =>
    async (req) => {
      const runId = req.method === "POST" ? ((await req.clone().json()) as { ctx?: { run_id?: string } }).ctx?.run_id : undefined;
      if (!runId) return h(req);
      onCall(runId, "start");
      try {
        return await h(req);
      } finally {
        onCall(runId, "end");
      }
    };
}

describe.skipIf(!onPostgres)("embedded runner takeover of a killed process, on postgres", () => {
  let h: Harness | undefined;
  let child: RunnerProcess | undefined;
  let unblock = () => {};
  afterEach(async () => {
    unblock();
    unblock = () => {};
    await child?.kill();
    child = undefined;
    await h?.close();
    h = undefined;
  });

  it.each([
    ["started after the kill", "after"],
    ["already running", "before"],
  ] as const)("a runner %s takes over a SIGKILLed runner's run mid-step before the next poll", async (_, when) => {
    const counts = { first: 0, slow: 0, last: 0 };
    const firstCall = new Map<string, number>();
    h = await harness("postgres", (inngest) => takeoverFunctions(inngest, (_runId, name) => void counts[name]++), {
      start: false,
      // The production poll (5 s) and lease (30 s): only liveness can make the takeover fast.
      runner: { pollMs: 5_000, leaseMs: 30_000 },
      wrap: tracked((runId, phase) => phase === "start" && !firstCall.has(runId) && firstCall.set(runId, performance.now())),
    });
    child = startRunnerProcess(h.db.url!, { key: when });
    const { runId } = await child.blocked;
    const leased = await store.getRun(h.db, runId);
    expect(leased?.leaseOwner).toMatch(/^runner-.*-k\d+$/);

    if (when === "before") {
      await h.runner.start();
      await sleep(1_300); // longer than a liveness poll: a live runner's run is not taken
      expect(firstCall.has(runId)).toBe(false);
    }
    const killedAt = performance.now();
    await child.kill();
    if (when === "after") await h.runner.start();

    const run = await waitForRun(h.runner, { runId }, (r) => r.status !== "running", 10_000);
    const takeoverMs = firstCall.get(runId)! - killedAt;
    expect(run).toMatchObject({ status: "completed", output: { k: when, last: 3 } });
    // "first" completed in the dead process and is not run again; "slow" was in flight there.
    expect(counts).toEqual({ first: 0, slow: 1, last: 1 });
    expect(takeoverMs).toBeLessThanOrEqual(LIVENESS_BOUND_MS);
    expect(h.logs).toContainEqual(
      expect.objectContaining({ msg: expect.stringMatching(/^took over a run/), data: expect.objectContaining({ runId, from: leased!.leaseOwner }) }),
    );
  });

  it("a runner whose lock connection is lost stops driving, and a live runner takes over before the next poll", async () => {
    const held = gate();
    const started = gate();
    const counts = { hold: 0, after: 0 };
    const calls: { runner: "a" | "b"; at: number }[] = [];
    h = await harness(
      "postgres",
      (inngest) => [
        inngest.createFunction({ id: "lossy", triggers: [{ event: "test/lossy" }] }, async ({ step }) => {
          await step.run("hold", async () => {
            if (counts.hold++ === 0) {
              started.open();
              await held.promise; // the first runner's call stays in flight through the loss
            }
          });
          await step.run("after", () => void counts.after++);
          return "done";
        }),
      ],
      { runner: { pollMs: 5_000 }, wrap: tracked((_, phase) => phase === "start" && calls.push({ runner: "a", at: performance.now() })) },
    );
    unblock = () => held.open(); // on failure too: stop() waits for the call in flight
    await h.runner.receive([{ name: "test/lossy" }]);
    await started.promise;
    const b = h.newRunner({ handler: tracked((_, phase) => phase === "start" && calls.push({ runner: "b", at: performance.now() }))(h.serveHandler) });
    await b.start();
    const [run] = await h.runner.listRuns();
    const owner = (await store.getRun(h.db, run!.id))!.leaseOwner!;
    const key = Number(/-k(\d+)$/.exec(owner)![1]);

    const lostAt = performance.now();
    const killed = await h.db.query<{ ok: boolean }>(
      `select pg_terminate_backend(pid) as ok from pg_locks where locktype = 'advisory' and classid = $1::int8::oid and objid = $2::int8::oid and objsubid = 2`,
      [store.OWNER_LOCK_NS, key],
    );
    expect(killed).toEqual([{ ok: true }]);
    const done = await waitForRun(b, { runId: run!.id }, (r) => r.status !== "running", 10_000);
    expect(done).toMatchObject({ status: "completed", output: "done" });
    expect(h.logs).toContainEqual(expect.objectContaining({ msg: expect.stringMatching(/^runner lock lost/), data: expect.objectContaining({ owner }) }));
    const taken = calls.find((c) => c.runner === "b");
    expect(taken!.at - lostAt).toBeLessThanOrEqual(LIVENESS_BOUND_MS);
    expect(calls.filter((c) => c.runner === "a" && c.at > lostAt)).toEqual([]); // no new call after the loss

    held.open(); // the old call's result arrives after the takeover: it is discarded
    await waitForRun(b, { runId: run!.id }, () => h!.logs.some((l) => l.msg.startsWith("result discarded")), 5_000);
    expect(counts).toEqual({ hold: 2, after: 1 });
    expect((await h.runner.getRun(run!.id))!.output).toBe("done");
    // The runner came back under a new identity and drives new runs again.
    await waitForRun(h.runner, { runId: run!.id }, () => h!.logs.some((l) => l.msg === "runner lock taken again"), 5_000);
  });
});

describe.each(testBackends)("two live runners on one database (%s)", (backend) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("never drive the same run concurrently, and run every step exactly once", async () => {
    const RUNS = 40;
    const steps = new Map<string, number>(); // "<run>:<step>" -> times its body ran
    const inStep = new Map<string, number>();
    const inCall = new Map<string, number>();
    const byRunner = { a: new Set<string>(), b: new Set<string>() };
    let overlaps = 0;
    const track = (who: "a" | "b") =>
      tracked((runId, phase) => {
        if (phase === "start") byRunner[who].add(runId);
        const n = (inCall.get(runId) ?? 0) + (phase === "start" ? 1 : -1);
        if (n > 1) overlaps++;
        inCall.set(runId, n);
      });
    h = await harness(
      backend,
      (inngest) => [
        inngest.createFunction({ id: "contended", triggers: [{ event: "test/contended" }] }, async ({ step, runId }) => {
          for (const name of ["one", "two", "three"]) {
            await step.run(name, async () => {
              const k = `${runId}:${name}`;
              steps.set(k, (steps.get(k) ?? 0) + 1);
              const n = (inStep.get(runId) ?? 0) + 1;
              if (n > 1) overlaps++;
              inStep.set(runId, n);
              await sleep(2 + Math.random() * 10);
              inStep.set(runId, (inStep.get(runId) ?? 1) - 1);
              return name;
            });
          }
          return "ok";
        }),
      ],
      // A lease short enough to be renewed during the test, long enough that a renewal delayed by a
      // loaded machine (PGlite queues it behind the steps' transactions) does not lapse: a lapsed
      // lease of a live runner is taken over (safely, see the runner), which this test would report.
      { runner: { leaseMs: 6_000, maxConcurrentRuns: 4 }, wrap: track("a") },
    );
    const b = h.newRunner({ handler: track("b")(h.serveHandler) });
    await b.start();
    await h.runner.receive(Array.from({ length: RUNS }, () => ({ name: "test/contended" })));
    const deadline = Date.now() + 30_000;
    let runs = await h.runner.listRuns();
    while (runs.some((r) => r.status === "running") && Date.now() < deadline) {
      await sleep(20);
      runs = await h.runner.listRuns();
    }
    expect(runs.map((r) => r.status)).toEqual(Array(RUNS).fill("completed"));
    expect(overlaps).toBe(0);
    expect(steps.size).toBe(RUNS * 3);
    expect([...steps.values()].every((n) => n === 1)).toBe(true);
    expect(byRunner.a.size).toBeGreaterThan(0);
    expect(byRunner.b.size).toBeGreaterThan(0);
    expect(h.logs.filter((l) => /^took over|lock lost|result discarded/.test(l.msg))).toEqual([]);
  });
});
