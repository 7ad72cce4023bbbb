import { afterEach, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing";
import { fnId, gate, harness, type Harness, waitForRun } from "./testkit";

describe.each(testBackends)("embedded runner events on %s", (backend) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** A clock the test can move forward: sleeps and timeouts of hours pass at once. */
  const clock = () => {
    let offset = 0;
    return { now: () => Date.now() + offset, advance: (ms: number) => (offset += ms) };
  };

  it("resolves waitForEvent with a matching event and ignores one that does not match", async () => {
    let after = 0;
    h = await harness(backend, (inngest) => [
      inngest.createFunction({ id: "approval", triggers: [{ event: "test/approval.requested" }] }, async ({ step }) => {
        const decided = await step.waitForEvent("approval", { event: "test/approval.decided", timeout: "1h", match: "data.key" });
        const checked = await step.waitForEvent("checked", {
          event: "test/approval.checked",
          timeout: "1h",
          if: "async.data.ok == true && (event.data.key == async.data.key || async.data.key == 'any')",
        });
        await step.run("after", () => after++);
        return { decided: decided?.data ?? null, checked: checked?.data ?? null };
      }),
    ]);
    await h.runner.receive([{ name: "test/approval.requested", data: { key: "k1" } }]);
    const waiting = await waitForRun(h.runner, { fnId: fnId("approval") }, (r) => r.waits.length === 1);
    expect(waiting.waits[0]).toMatchObject({ event: "test/approval.decided", if: "event.data.key == async.data.key" });

    await h.runner.receive([{ name: "test/approval.decided", data: { key: "other", ok: true } }]);
    await h.runner.idle();
    expect((await h.runner.getRun(waiting.id))!).toMatchObject({ status: "running", stack: [] });

    await h.runner.receive([{ name: "test/approval.decided", data: { key: "k1", ok: true } }]);
    await waitForRun(h.runner, { runId: waiting.id }, (r) => r.waits[0]?.event === "test/approval.checked");
    await h.runner.receive([{ name: "test/approval.checked", data: { key: "zzz", ok: true } }]);
    await h.runner.receive([{ name: "test/approval.checked", data: { key: "any", ok: false } }]);
    await h.runner.idle();
    expect((await h.runner.getRun(waiting.id))!.status).toBe("running");
    await h.runner.receive([{ name: "test/approval.checked", data: { key: "any", ok: true } }]);
    const run = await waitForRun(h.runner, { runId: waiting.id }, (r) => r.status !== "running");
    expect(run).toMatchObject({ status: "completed", output: { decided: { key: "k1", ok: true }, checked: { key: "any", ok: true } } });
    expect(after).toBe(1);
  });

  it("resolves waitForEvent with null when it times out", async () => {
    const c = clock();
    h = await harness(
      backend,
      (inngest) => [
        inngest.createFunction({ id: "timeout", triggers: [{ event: "test/timeout" }] }, async ({ step }) => {
          const evt = await step.waitForEvent("never", { event: "test/never", timeout: "2h" });
          return { evt };
        }),
      ],
      { runner: { now: c.now } },
    );
    await h.runner.receive([{ name: "test/timeout" }]);
    const waiting = await waitForRun(h.runner, { fnId: fnId("timeout") }, (r) => r.waits.length === 1);
    expect(Date.parse(waiting.waits[0]!.expiresAt) - c.now()).toBeGreaterThan(2 * 3_600_000 - 60_000);
    c.advance(2 * 3_600_000 + 1);
    const run = await waitForRun(h.runner, { runId: waiting.id }, (r) => r.status !== "running");
    expect(run).toMatchObject({ status: "completed", output: { evt: null }, waits: [] });
    expect(h.logs.some((l) => l.msg === "waitForEvent timed out")).toBe(true);
  });

  // checkpointing off: "check" runs in one call and the wait is registered by the next; on (the
  // default): both happen in one call, "check" checkpointed before the wait is reached.
  it.each([false, true])("does not lose an event sent between the previous SDK call and the wait (the gap rule; checkpointing %s)", async (checkpointing) => {
    const c = clock();
    const self: { h?: Harness } = {};
    // After step "check" ran and its result was stored, but before the wait is registered, an
    // approval arrives (here: injected right there, after the call's response or the checkpoint).
    const injectAtCheckpoint =
      (f: typeof fetch): typeof fetch =>
      async (input, init) => {
        const res = await f(input, init);
        const body = typeof init?.body === "string" ? init.body : "";
        if (res.ok && String(input instanceof Request ? input.url : input).includes("/v1/checkpoint/") && body.includes('"check"')) {
          const run = await self.h!.runner.getRun((JSON.parse(body) as { run_id: string }).run_id);
          if ((run?.event.data as { key?: string }).key === "gap")
            await self.h!.runner.receive([{ name: "test/decision", data: { key: "gap", approved: true } }]);
        }
        return res;
      };
    const injectAfterCheck = (handler: (r: Request) => Promise<Response>) => async (req: Request) => {
      const body = req.method === "POST" ? await req.clone().text() : "";
      const res = await handler(req);
      if (req.method === "POST" && res.status === 206) {
        const ops = (await res.clone().json()) as { op: string; displayName?: string }[];
        const run = JSON.parse(body) as { event: { data: { key: string } } };
        if (ops.some((o) => o.op === "StepRun" && o.displayName === "check") && run.event.data.key === "gap") {
          await self.h!.runner.receive([{ name: "test/decision", data: { key: "gap", approved: true } }]);
        }
      }
      return res;
    };
    self.h = h = await harness(
      backend,
      (inngest) => [
        inngest.createFunction({ id: "gap", triggers: [{ event: "test/gap" }], checkpointing }, async ({ step }) => {
          await step.run("check", () => "not in the database yet");
          const decision = await step.waitForEvent("decision", { event: "test/decision", timeout: "1h", match: "data.key" });
          return decision?.data ?? null;
        }),
      ],
      { wrap: injectAfterCheck, wrapFetch: injectAtCheckpoint, runner: { now: c.now } },
    );
    // A decision received before the run's previous call started does not count (Inngest's rule).
    await h.runner.receive([{ name: "test/decision", data: { key: "early", approved: true } }]);
    await h.runner.receive([
      { name: "test/gap", data: { key: "early" } },
      { name: "test/gap", data: { key: "gap" } },
    ]);
    const [early, gap] = await h.runner.listRuns({ fnId: fnId("gap") });
    const done = await waitForRun(h.runner, { runId: gap!.id }, (r) => r.status !== "running");
    expect(done).toMatchObject({ status: "completed", output: { key: "gap", approved: true } });
    expect(h.logs.some((l) => l.msg === "waitForEvent matched an event received since the previous call")).toBe(true);

    await waitForRun(h.runner, { runId: early!.id }, (r) => r.waits.length === 1);
    c.advance(3_600_000 + 1);
    expect(await waitForRun(h.runner, { runId: early!.id }, (r) => r.status !== "running")).toMatchObject({ status: "completed", output: null });
  });

  it("applies the gap rule across parallel branches, whatever ran last", async () => {
    const self: { h?: Harness } = {};
    let yTries = 0;
    // Branch x checks, then waits; branch y fails once, so its retry is the latest call before the
    // wait is registered — and starts after the decision arrived.
    const injectAfterCheck = (handler: (r: Request) => Promise<Response>) => async (req: Request) => {
      const res = await handler(req);
      if (req.method === "POST" && res.status === 206) {
        const ops = (await res.clone().json()) as { op: string; displayName?: string }[];
        if (ops.some((o) => o.op === "StepRun" && o.displayName === "check-x")) {
          await self.h!.runner.receive([{ name: "test/decision", data: { key: "x" } }]);
        }
      }
      return res;
    };
    self.h = h = await harness(
      backend,
      (inngest) => [
        inngest.createFunction({ id: "branches", triggers: [{ event: "test/branches" }] }, async ({ step }) => {
          const x = (async () => {
            await step.run("check-x", () => "nothing yet");
            return step.waitForEvent("decision-x", { event: "test/decision", timeout: "1h", if: "async.data.key == 'x'" });
          })();
          const y = step.run("y", () => {
            if (++yTries < 2) throw new Error("y once");
            return "y";
          });
          const [decision] = await Promise.all([x, y]);
          return decision?.data ?? null;
        }),
      ],
      { wrap: injectAfterCheck },
    );
    await h.runner.receive([{ name: "test/branches" }]);
    const run = await waitForRun(h.runner, { fnId: fnId("branches") }, (r) => r.status !== "running");
    expect(run).toMatchObject({ status: "completed", output: { key: "x" } });
    expect(yTries).toBe(2);
  });

  it("sleeps until the stored time", async () => {
    const c = clock();
    const seen: string[] = [];
    h = await harness(
      backend,
      (inngest) => [
        inngest.createFunction({ id: "sleepy", triggers: [{ event: "test/sleepy" }] }, async ({ step }) => {
          await step.run("before", () => seen.push("before"));
          await step.sleep("nap", "3h");
          await step.sleepUntil("until", new Date(c.now() + 60_000));
          await step.run("after", () => seen.push("after"));
          return "rested";
        }),
      ],
      { runner: { now: c.now } },
    );
    await h.runner.receive([{ name: "test/sleepy" }]);
    const sleeping = await waitForRun(h.runner, { fnId: fnId("sleepy") }, (r) => r.sleeps.length === 1);
    const until = Date.parse(sleeping.sleeps[0]!.until) - c.now();
    expect(until).toBeGreaterThan(3 * 3_600_000 - 60_000);
    await h.runner.idle();
    expect(seen).toEqual(["before"]);
    c.advance(3 * 3_600_000);
    await waitForRun(h.runner, { runId: sleeping.id }, (r) => r.sleeps.length === 1 && r.stack.length === 2);
    c.advance(120_000);
    const run = await waitForRun(h.runner, { runId: sleeping.id }, (r) => r.status !== "running");
    expect(run).toMatchObject({ status: "completed", output: "rested" });
    expect(seen).toEqual(["before", "after"]);
  });

  it("cancels a matching run on its cancelOn event, discarding an in-flight result", async () => {
    const held = gate();
    const started = gate();
    let after = 0;
    h = await harness(backend, (inngest) => [
      inngest.createFunction(
        { id: "cancellable", cancelOn: [{ event: "test/cancel", match: "data.id" }], triggers: [{ event: "test/start" }] },
        async ({ event, step }) => {
          await step.run("first", async () => {
            if (event.data.id === "held") {
              started.open();
              await held.promise;
            }
            return 1;
          });
          await step.waitForEvent("forever", { event: "test/never", timeout: "1d" });
          await step.run("after", () => after++);
        },
      ),
    ]);
    await h.runner.receive([
      { name: "test/start", data: { id: "a" } },
      { name: "test/start", data: { id: "b" } },
      { name: "test/start", data: { id: "held" } },
    ]);
    const [a, b, held1] = await h.runner.listRuns({ fnId: fnId("cancellable") });
    await waitForRun(h.runner, { runId: a!.id }, (r) => r.waits.length === 1);
    await waitForRun(h.runner, { runId: b!.id }, (r) => r.waits.length === 1);
    await started.promise; // the call running "first" of the third run is in flight

    await h.runner.receive([
      { name: "test/cancel", data: { id: "b" } },
      { name: "test/cancel", data: { id: "held" } },
    ]);
    held.open();
    await h.runner.idle();
    expect(await h.runner.getRun(a!.id)).toMatchObject({ status: "running", waits: [{ event: "test/never" }] });
    expect(await h.runner.getRun(b!.id)).toMatchObject({ status: "cancelled", waits: [] });
    expect(await h.runner.getRun(held1!.id)).toMatchObject({ status: "cancelled", steps: {}, stack: [] });
    expect(h.logs.some((l) => l.msg === "result discarded: run is cancelled")).toBe(true);
    expect(after).toBe(0);
  });

  it("starts other functions from step.sendEvent and inngest.send", async () => {
    h = await harness(backend, (inngest) => [
      inngest.createFunction({ id: "emitter", triggers: [{ event: "test/emit" }] }, async ({ step }) => {
        const viaStep = await step.sendEvent("emit", { name: "test/child", data: { x: 1 } });
        const viaClient = await step.run("send-direct", () => inngest.send({ name: "test/child", data: { x: 2 } }));
        return { ids: [...viaStep.ids, ...viaClient.ids] };
      }),
      inngest.createFunction({ id: "child", triggers: [{ event: "test/child", if: "event.data.x != 3" }] }, async ({ event }) => event.data.x),
    ]);
    await h.inngest.send({ name: "test/emit" });
    await h.inngest.send({ name: "test/child", data: { x: 3 } }); // filtered out by the trigger's `if`
    const emitter = await waitForRun(h.runner, { fnId: fnId("emitter") }, (r) => r.status !== "running");
    await h.runner.idle();
    const children = await h.runner.listRuns({ fnId: fnId("child") });
    expect(children.map((r) => [r.status, r.output])).toEqual([
      ["completed", 1],
      ["completed", 2],
    ]);
    expect((emitter.output as { ids: string[] }).ids).toEqual(children.map((r) => r.eventId));
    // Inngest's lifecycle events are stored like any other event.
    const finished = await h.db.query<{ n: number }>("select count(*)::int as n from inngest_embedded.events where name = 'inngest/function.finished'");
    expect(finished[0]!.n).toBe(3);
  });

  it("ignores a second event with the same id", async () => {
    h = await harness(backend, (inngest) => [inngest.createFunction({ id: "once", triggers: [{ event: "test/once" }] }, async () => "ran")]);
    const first = await h.runner.receive([{ name: "test/once", id: "dedupe-me" }]);
    const second = await h.runner.receive([{ name: "test/once", id: "dedupe-me" }]);
    expect(first.ids).toEqual(["dedupe-me"]);
    expect(second.ids).toEqual(["dedupe-me"]);
    await h.runner.idle();
    expect(await h.runner.listRuns({ fnId: fnId("once") })).toHaveLength(1);
  });
});
