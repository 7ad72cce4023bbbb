import { afterEach, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing";
import type { EmbeddedRunner } from "./runner";
import { fnId, gate, harness, type Harness, waitForRun } from "./testkit";

describe.each(testBackends)("embedded runner recovery on %s", (backend) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  // checkpointing off: b's result travels back in the call's response; on (the default): in a
  // checkpoint, while the call goes on.
  it.each([false, true])("resumes a crashed run in a new runner without re-running completed steps (checkpointing %s)", async (checkpointing) => {
    const calls = { a: 0, b: 0, c: 0 };
    let crashing = false;
    let dying = false;
    let stopped: Promise<void> | undefined;
    const ref: { first?: EmbeddedRunner } = {};
    // The first runner "crashes" right after step b's body ran and before its result reached the
    // runner: it is stopped, and the call fails as a dying process's would.
    const crashAfterB = (handler: (r: Request) => Promise<Response>) => async (req: Request) => {
      const res = await handler(req);
      if (dying) {
        dying = false; // the call whose checkpoint was lost fails with its process
        throw new Error("process crashed");
      }
      if (!crashing && req.method === "POST" && res.status === 206) {
        const ops = (await res.clone().json()) as { op: string; displayName?: string }[];
        if (ops.some((o) => o.op === "StepRun" && o.displayName === "b")) {
          crashing = true;
          stopped = ref.first!.stop();
          throw new Error("process crashed");
        }
      }
      return res;
    };
    // With checkpointing, b's result leaves in a checkpoint that never arrives.
    const crashAtB =
      (f: typeof fetch): typeof fetch =>
      async (input, init) => {
        const body = typeof init?.body === "string" ? init.body : "";
        if (String(input instanceof Request ? input.url : input).includes("/v1/checkpoint/") && /"displayName":"b"/.test(body)) {
          if (!crashing) {
            crashing = dying = true;
            stopped = ref.first!.stop();
          }
          throw new Error("process crashed");
        }
        return f(input, init);
      };
    h = await harness(
      backend,
      (inngest) => [
        inngest.createFunction({ id: "crashy", triggers: [{ event: "test/crashy" }], checkpointing }, async ({ step }) => {
          const a = await step.run("a", () => (calls.a++, "A"));
          const b = await step.run("b", () => (calls.b++, `${a}B`));
          const c = await step.run("c", () => (calls.c++, `${b}C`));
          return c;
        }),
      ],
      { wrap: crashAfterB, wrapFetch: crashAtB },
    );
    ref.first = h.runner;
    await h.runner.receive([{ name: "test/crashy" }]);
    await waitForRun(h.runner, { fnId: fnId("crashy") }, () => crashing);
    await stopped;
    const mid = (await h.runner.listRuns())[0]!;
    expect(mid).toMatchObject({ status: "running", stack: [expect.any(String)] });
    expect(calls).toEqual({ a: 1, b: 1, c: 0 });

    const second = h.newRunner();
    await second.start();
    const run = await waitForRun(second, { runId: mid.id }, (r) => r.status !== "running");
    expect(run).toMatchObject({ status: "completed", output: "ABC" });
    // a completed before the crash and never ran again; b was in flight (its result was lost),
    // so it ran once more; c ran once.
    expect(calls).toEqual({ a: 1, b: 2, c: 1 });
  });

  it("stops a checkpointed call after the step in flight, and a new runner goes on without re-running it", async () => {
    const ran: number[] = [];
    const inS1 = gate();
    const release = gate();
    h = await harness(backend, (inngest) => [
      inngest.createFunction({ id: "long", triggers: [{ event: "test/long" }] }, async ({ step }) => {
        for (let i = 0; i < 5; i++) {
          await step.run(`s${i}`, async () => {
            ran.push(i);
            if (i === 1 && ran.filter((x) => x === 1).length === 1) {
              inS1.open();
              await release.promise;
            }
            return i;
          });
        }
        return "done";
      }),
    ]);
    await h.runner.receive([{ name: "test/long" }]);
    await inS1.promise; // one call runs the chain; s1 is in flight
    const stopped = h.runner.stop();
    release.open();
    await stopped; // returns once s1's result is stored, not after the whole chain
    const mid = (await h.runner.listRuns())[0]!;
    expect(mid).toMatchObject({ status: "running" });
    expect(mid.stack).toHaveLength(2);
    expect(ran).toEqual([0, 1]);
    expect(h.logs.some((l) => l.msg === "call ended at a checkpoint: the runner is stopping")).toBe(true);

    const second = h.newRunner();
    await second.start();
    const run = await waitForRun(second, { runId: mid.id }, (r) => r.status !== "running");
    expect(run).toMatchObject({ status: "completed", output: "done" });
    expect(ran).toEqual([0, 1, 2, 3, 4]);
  });

  it("re-arms sleeps and waits from the database after a restart", async () => {
    let offset = 0;
    const now = () => Date.now() + offset;
    h = await harness(
      backend,
      (inngest) => [
        inngest.createFunction({ id: "patient", triggers: [{ event: "test/patient" }] }, async ({ event, step }) => {
          await step.sleep("nap", "1d");
          const ok = await step.waitForEvent("ok", { event: "test/ok", timeout: "7d", match: "data.k" });
          return { k: event.data.k, ok: ok?.data ?? null };
        }),
      ],
      { runner: { now } },
    );
    await h.runner.receive([{ name: "test/patient", data: { k: 1 } }]);
    const sleeping = await waitForRun(h.runner, { fnId: fnId("patient") }, (r) => r.sleeps.length === 1);
    await h.runner.stop();

    offset += 86_400_000 + 1; // the process was down for a day
    const second = h.newRunner({ now });
    await second.start();
    await waitForRun(second, { runId: sleeping.id }, (r) => r.waits.length === 1);
    await second.stop();

    const third = h.newRunner({ now });
    await third.start();
    await third.receive([{ name: "test/ok", data: { k: 1 } }]);
    const run = await waitForRun(third, { runId: sleeping.id }, (r) => r.status !== "running");
    expect(run).toMatchObject({ status: "completed", output: { k: 1, ok: { k: 1 } } });
  });

  it("never drives a run from two live runners at once", async () => {
    const held = gate();
    const started = gate();
    let calls = 0;
    h = await harness(
      backend,
      (inngest) => [
        inngest.createFunction({ id: "leased", triggers: [{ event: "test/leased" }] }, async ({ step }) =>
          step.run("long", async () => {
            calls++;
            started.open();
            await held.promise;
            return "done";
          }),
        ),
      ],
      { runner: { leaseMs: 300 } },
    );
    await h.runner.receive([{ name: "test/leased" }]);
    await started.promise;
    const other = h.newRunner({ leaseMs: 300 });
    await other.start();
    await new Promise((r) => setTimeout(r, 700)); // longer than a lease: the heartbeat keeps it
    expect(calls).toBe(1);
    held.open();
    const run = await waitForRun(h.runner, { fnId: fnId("leased") }, (r) => r.status !== "running");
    expect(run).toMatchObject({ status: "completed", output: "done" });
    expect(calls).toBe(1);
  });
});
