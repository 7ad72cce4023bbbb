import { createHash } from "node:crypto";
import { NonRetriableError } from "inngest";
import { afterEach, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing";
import { fnId, gate, harness, type Harness, waitForRun } from "./testkit";

const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

describe.each(testBackends)("embedded runner on %s", (backend) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("runs a 3-step chain with each step body executed exactly once", async () => {
    const calls = { a: 0, b: 0, c: 0 };
    h = await harness(backend, (inngest) => [
      inngest.createFunction({ id: "chain", triggers: [{ event: "test/chain" }] }, async ({ event, step }) => {
        const a = await step.run("a", () => (calls.a++, (event.data as { n: number }).n + 1));
        const b = await step.run("b", () => (calls.b++, a * 2));
        const c = await step.run("c", () => (calls.c++, `${b}!`));
        return { a, b, c };
      }),
    ]);
    const { ids } = await h.inngest.send({ name: "test/chain", data: { n: 1 } });
    const run = await waitForRun(h.runner, { fnId: fnId("chain") }, (r) => r.status !== "running");
    expect(run).toMatchObject({ status: "completed", output: { a: 2, b: 4, c: "4!" }, eventId: ids[0] });
    expect(calls).toEqual({ a: 1, b: 1, c: 1 });
    expect(run.stack).toEqual([sha1("a"), sha1("b"), sha1("c")]);
    expect(run.steps[sha1("b")]).toEqual({ type: "data", data: 4 });
    expect(h.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(["run started", "step completed", "run completed"]));
  });

  it("runs a chain in one SDK call, each step's result stored before the next step starts (checkpointing)", async () => {
    const stored: number[] = [];
    let calls = 0;
    const self: { h?: Harness } = {};
    h = self.h = await harness(
      backend,
      (inngest) => [
        inngest.createFunction({ id: "checkpointed", triggers: [{ event: "test/checkpointed" }] }, async ({ step, runId }) => {
          let v = 0;
          for (let i = 0; i < 5; i++) {
            v = await step.run(`s${i}`, async () => {
              // What the database holds when this step starts: every earlier step, durably.
              stored.push((await self.h!.runner.getRun(runId))!.stack.length);
              return v + 1;
            });
          }
          return v;
        }),
      ],
      {
        wrap: (handler) => (req) => {
          if (req.method === "POST") calls++;
          return handler(req);
        },
      },
    );
    await h.inngest.send({ name: "test/checkpointed" });
    const run = await waitForRun(h.runner, { fnId: fnId("checkpointed") }, (r) => r.status !== "running");
    expect(run).toMatchObject({ status: "completed", output: 5 });
    expect(stored).toEqual([0, 1, 2, 3, 4]);
    expect(run.stack).toEqual([0, 1, 2, 3, 4].map((i) => sha1(`s${i}`)));
    expect(calls).toBe(1); // no replay per step: one call ran all five and finished
  });

  it("runs Promise.all steps concurrently and joins a diamond once", async () => {
    const calls: Record<string, number> = {};
    const count = (k: string) => (calls[k] = (calls[k] ?? 0) + 1);
    const both = gate();
    let inFlight = 0;
    let maxInFlight = 0;
    h = await harness(backend, (inngest) => [
      inngest.createFunction({ id: "diamond", triggers: [{ event: "test/diamond" }] }, async ({ step }) => {
        const top = await step.run("top", () => (count("top"), 1));
        const side = async (id: string, v: number) =>
          step.run(id, async () => {
            count(id);
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            if (inFlight === 2) both.open();
            await Promise.race([both.promise, new Promise((r) => setTimeout(r, 2000))]);
            inFlight--;
            return top + v;
          });
        const [left, right] = await Promise.all([side("left", 10), side("right", 20)]);
        const join = await step.run("join", () => (count("join"), left + right));
        return join;
      }),
    ]);
    await h.inngest.send({ name: "test/diamond" });
    const run = await waitForRun(h.runner, { fnId: fnId("diamond") }, (r) => r.status !== "running");
    expect(run).toMatchObject({ status: "completed", output: 32 });
    expect(calls).toEqual({ top: 1, left: 1, right: 1, join: 1 });
    expect(maxInFlight).toBe(2);
    expect(h.logs.filter((l) => l.msg === "step planned")).toHaveLength(2);
  });

  it("retries a failing step with backoff and the SDK's attempt counter", async () => {
    const attempts: number[] = [];
    const times: number[] = [];
    h = await harness(backend, (inngest) => [
      inngest.createFunction({ id: "flaky", retries: 3, triggers: [{ event: "test/flaky" }] }, async ({ step, attempt }) => {
        const v = await step.run("sometimes", () => {
          attempts.push(attempt);
          times.push(Date.now());
          if (attempts.length < 3) throw new Error(`boom ${attempts.length}`);
          return "ok";
        });
        return v;
      }),
    ]);
    await h.inngest.send({ name: "test/flaky" });
    const run = await waitForRun(h.runner, { fnId: fnId("flaky") }, (r) => r.status !== "running");
    expect(run).toMatchObject({ status: "completed", output: "ok" });
    expect(attempts).toEqual([0, 1, 2]);
    // backoff 20 ms doubling (jittered to 50..100 %): at least 10 ms then 20 ms apart
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(9);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(19);
    expect(h.logs.filter((l) => l.msg === "step errored; retrying").map((l) => l.data?.attempt)).toEqual([1, 2]);
  });

  it("fails the run when retries are exhausted and runs onFailure", async () => {
    let calls = 0;
    const failures: unknown[] = [];
    h = await harness(backend, (inngest) => [
      inngest.createFunction(
        {
          id: "doomed",
          retries: 1,
          triggers: [{ event: "test/doomed" }],
          onFailure: async ({ error, event }) => {
            failures.push({ message: error.message, original: event.data.event.name });
          },
        },
        async ({ step }) =>
          step.run("always", () => {
            calls++;
            throw new Error("always broken");
          }),
      ),
    ]);
    await h.inngest.send({ name: "test/doomed" });
    const run = await waitForRun(h.runner, { fnId: fnId("doomed") }, (r) => r.status !== "running");
    expect(run.status).toBe("failed");
    expect(JSON.stringify(run.error)).toContain("always broken");
    expect(calls).toBe(2); // retries: 1 = two attempts; the SDK sends StepFailed on the second
    await waitForRun(h.runner, { fnId: fnId("doomed-failure") }, (r) => r.status === "completed");
    expect(failures).toEqual([{ message: expect.stringContaining("always broken"), original: "test/doomed" }]);
  });

  it("fails the run at once on NonRetriableError, in a step or in the function", async () => {
    let stepCalls = 0;
    let fnCalls = 0;
    h = await harness(backend, (inngest) => [
      inngest.createFunction({ id: "nonretriable-step", retries: 5, triggers: [{ event: "test/nr-step" }] }, async ({ step }) =>
        step.run("refuse", () => {
          stepCalls++;
          throw new NonRetriableError("no point retrying");
        }),
      ),
      inngest.createFunction({ id: "nonretriable-fn", retries: 5, triggers: [{ event: "test/nr-fn" }] }, async () => {
        fnCalls++;
        throw new NonRetriableError("bad input");
      }),
    ]);
    await h.inngest.send([{ name: "test/nr-step" }, { name: "test/nr-fn" }]);
    const a = await waitForRun(h.runner, { fnId: fnId("nonretriable-step") }, (r) => r.status !== "running");
    const b = await waitForRun(h.runner, { fnId: fnId("nonretriable-fn") }, (r) => r.status !== "running");
    expect(a.status).toBe("failed");
    expect(JSON.stringify(a.error)).toContain("no point retrying");
    expect(b.status).toBe("failed");
    expect(b.error).toMatchObject({ name: "NonRetriableError", message: "bad input" });
    expect(stepCalls).toBe(1);
    expect(fnCalls).toBe(1);
  });

  it("fails the run loudly on an opcode it does not support", async () => {
    h = await harness(
      backend,
      (inngest) => [inngest.createFunction({ id: "odd", triggers: [{ event: "test/odd" }] }, async ({ step }) => step.run("x", () => 1))],
      {
        wrap: (serveHandler) => async (req) =>
          req.method === "POST"
            ? new Response(JSON.stringify([{ op: "Teleport", id: sha1("x"), displayName: "x" }]), {
                status: 206,
                headers: { "content-type": "application/json" },
              })
            : serveHandler(req),
      },
    );
    await h.runner.receive([{ name: "test/odd" }]);
    const run = await waitForRun(h.runner, { fnId: fnId("odd") }, (r) => r.status !== "running");
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ name: "UnsupportedOpcodeError", message: expect.stringContaining('opcode "Teleport" (step "x")') });
  });

  it("fails a step.invoke (an unsupported opcode of the real SDK) naming InvokeFunction", async () => {
    h = await harness(backend, (inngest) => {
      const child = inngest.createFunction({ id: "child", triggers: [{ event: "test/child" }] }, async () => 1);
      return [
        child,
        inngest.createFunction({ id: "parent", triggers: [{ event: "test/parent" }] }, async ({ step }) =>
          step.invoke("call-child", { function: child, data: {} }),
        ),
      ];
    });
    await h.runner.receive([{ name: "test/parent" }]);
    const run = await waitForRun(h.runner, { fnId: fnId("parent") }, (r) => r.status !== "running");
    expect(run.error).toMatchObject({ message: expect.stringContaining('"InvokeFunction"') });
  });

  it("limits how many runs are driven at once", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    h = await harness(
      backend,
      (inngest) => [
        inngest.createFunction({ id: "slow", triggers: [{ event: "test/slow" }] }, async ({ step }) =>
          step.run("work", async () => {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            await new Promise((r) => setTimeout(r, 60));
            inFlight--;
            return true;
          }),
        ),
      ],
      { runner: { maxConcurrentRuns: 2 } },
    );
    await h.runner.receive(Array.from({ length: 5 }, () => ({ name: "test/slow" })));
    await h.runner.idle();
    const runs = await h.runner.listRuns({ fnId: fnId("slow") });
    expect(runs.map((r) => r.status)).toEqual(Array(5).fill("completed"));
    expect(maxInFlight).toBe(2);
  });

  it("understands a streaming serve handler's 201 responses", async () => {
    let tries = 0;
    h = await harness(
      backend,
      (inngest) => [
        inngest.createFunction({ id: "streamed", triggers: [{ event: "test/streamed" }] }, async ({ step }) => {
          const a = await step.run("a", () => {
            if (++tries < 2) throw new Error("once");
            return 1;
          });
          return a + 1;
        }),
      ],
      { streaming: true },
    );
    await h.runner.receive([{ name: "test/streamed" }]);
    const run = await waitForRun(h.runner, { fnId: fnId("streamed") }, (r) => r.status !== "running");
    expect(run).toMatchObject({ status: "completed", output: 2 });
    expect(tries).toBe(2);
  });

  it("enables RLS on its tables and grants nothing to API roles", async () => {
    h = await harness(backend, () => []);
    const tables = await h.db.query<{ relname: string; relrowsecurity: boolean }>(
      "select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'inngest_embedded' and c.relkind = 'r' order by 1",
    );
    expect(tables).toEqual(["cron_ticks", "events", "runs", "step_memos", "timers", "waits"].map((relname) => ({ relname, relrowsecurity: true })));
    const grants = await h.db.query(
      "select grantee, table_name from information_schema.role_table_grants where table_schema = 'inngest_embedded' and grantee in ('anon', 'authenticated')",
    );
    expect(grants).toEqual([]);
  });

  it("signs every request when given a signing key; the handler refuses unsigned requests", async () => {
    const key = "signkey-test-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    h = await harness(
      backend,
      (inngest) => [inngest.createFunction({ id: "signed", triggers: [{ event: "test/signed" }] }, async ({ step }) => step.run("s", () => "signed ok"))],
      { signingKey: key },
    );
    await h.runner.receive([{ name: "test/signed" }]);
    const run = await waitForRun(h.runner, { fnId: fnId("signed") }, (r) => r.status !== "running");
    expect(run).toMatchObject({ status: "completed", output: "signed ok" });

    const body = JSON.stringify({ version: 2, event: { name: "test/signed", data: {} }, events: [], steps: {}, ctx: { run_id: "x", attempt: 0 } });
    const unsigned = await h.serveHandler(
      new Request(`http://127.0.0.1:3000/api/inngest?fnId=${fnId("signed")}&stepId=step`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      }),
    );
    expect(unsigned.status).toBe(401);
    const badSync = await h.serveHandler(
      new Request("http://127.0.0.1:3000/api/inngest", {
        method: "PUT",
        body: JSON.stringify({ url: "x" }),
        headers: { "x-inngest-sync-kind": "in_band", "content-type": "application/json" },
      }),
    );
    expect(badSync.status).toBe(401);
    const unsignedRunner = h.newRunner({ signingKey: "signkey-test-ffff" });
    await expect(unsignedRunner.start()).rejects.toThrow(/in-band sync .* failed: HTTP 401/);
  });

  it("rejects an app whose expressions it cannot evaluate, at start()", async () => {
    h = await harness(
      backend,
      (inngest) => [inngest.createFunction({ id: "fancy", triggers: [{ event: "test/fancy", if: "event.data.n > 3" }] }, async () => 1)],
      { start: false },
    );
    await expect(h.runner.start()).rejects.toThrow(/function "planvas-test-fancy" trigger test\/fancy: unsupported expression "event.data.n > 3"/);
  });
});
