import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_OWNER } from "../auth";
import type { Database } from "../db";
import { asService, asServiceBatch } from "../db/rls";
import { openTestDatabase, testBackends } from "../db/testing";
import { planStore } from "../plans";
import { validatePlan } from "../plan/validate";
import { recordDecision } from "./decisions";
import { beginStep, completeStep, failStep, finishRun, FRESH_STEP, markRunStarted, proposeStep, settleApprovedStep } from "./lifecycle";
import { transition } from "./machine";
import { cancelRun, getRunView } from "./service";
import { commitStepIfUnchanged, getRunRow, insertRun } from "./store";

// The store applies the machine's transitions: the run's own status changes are run events too, a
// cancelled run's late result is discarded, a replay hands back what was recorded.
describe.each(testBackends)("run lifecycle on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function newRun(steps: { id: string; toolName: string; requiresApproval: boolean; gate: "none" | "before" | "after" }[]): Promise<string> {
    const v = validatePlan({
      title: "Lifecycle",
      steps: steps.map((s, i) => ({ stepIndex: i, id: s.id, toolName: s.toolName, description: s.id, requiresApproval: s.requiresApproval })),
    });
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    const { id } = await planStore(db as Database, LOCAL_OWNER).create(v.plan);
    return insertRun(db, { planId: id, version: 1, plan: v.plan, startedBy: LOCAL_OWNER.id, gates: Object.fromEntries(steps.map((s) => [s.id, s.gate])) });
  }
  const events = (runId: string) =>
    asService(db, (tx) =>
      tx.query<{ type: string; step_id: string | null; payload: { status?: string } }>(
        "select type, step_id, payload from public.run_events where run_id = $1 order by seq",
        [runId],
      ),
    );
  const runStatus = async (runId: string) => (await asService(db, (tx) => getRunRow(tx, runId)))!.status;
  const hashOf = async (runId: string, stepId: string) => (await getRunView(db, LOCAL_OWNER, runId))!.steps.find((s) => s.id === stepId)!.contentHash!;

  it("pending → running → awaiting_approval → running → succeeded, each a run event", async () => {
    const runId = await newRun([{ id: "post", toolName: "format_post", requiresApproval: true, gate: "after" }]);
    await markRunStarted(db, runId);
    await markRunStarted(db, runId); // a replay of the load step changes nothing
    expect(await beginStep(db, runId, "post", 0, {})).toEqual({
      kind: "begin",
      attempt: 1,
      state: { kind: "step", status: "running", revision: 0, attempts: 1, delivery: null, hasOutput: false, run: "running" },
    });
    await completeStep(db, runId, "post", 0, { input: {}, output: { text: "hi" }, messages: [], awaitApproval: true });
    expect(await runStatus(runId)).toBe("awaiting_approval");
    const decided = await recordDecision(db, LOCAL_OWNER, runId, "post", { decision: "approve", contentHash: await hashOf(runId, "post") });
    expect(decided.status).toBe("accepted");
    expect(await runStatus(runId)).toBe("running");
    await settleApprovedStep(db, runId, "post");
    await finishRun(db, runId, "succeeded");
    expect((await events(runId)).map((e) => [e.type, e.payload.status])).toEqual([
      ["run.created", "pending"],
      ["run.started", "running"],
      ["step.running", "running"],
      ["step.awaiting_approval", "awaiting_approval"],
      ["run.status", "awaiting_approval"],
      ["step.approved", "approved"],
      ["run.status", "running"],
      ["run.finished", "succeeded"],
    ]);
  });

  it("a run waits while any of its steps waits; an approved side effect lets it run again", async () => {
    const runId = await newRun([
      { id: "call", toolName: "http_request", requiresApproval: true, gate: "before" },
      { id: "post", toolName: "format_post", requiresApproval: true, gate: "after" },
    ]);
    await markRunStarted(db, runId);
    await proposeStep(db, runId, "call", 0, { url: "https://example.com", method: "POST" });
    await beginStep(db, runId, "post", 0, {});
    await completeStep(db, runId, "post", 0, { input: {}, output: { text: "x" }, messages: [], awaitApproval: true });
    await recordDecision(db, LOCAL_OWNER, runId, "call", { decision: "approve", contentHash: await hashOf(runId, "call") });
    expect(await runStatus(runId)).toBe("awaiting_approval"); // the post still waits
    await recordDecision(db, LOCAL_OWNER, runId, "post", { decision: "reject", contentHash: await hashOf(runId, "post") });
    expect(await runStatus(runId)).toBe("running");
    const runEvents = (await events(runId)).filter((e) => e.type === "run.status").map((e) => e.payload.status);
    expect(runEvents).toEqual(["awaiting_approval", "running"]);
  });

  it("a cancelled run's late result is discarded and its steps start nothing new", async () => {
    const runId = await newRun([{ id: "s", toolName: "summarize", requiresApproval: false, gate: "none" }]);
    await markRunStarted(db, runId);
    await beginStep(db, runId, "s", 0, {});
    expect(await cancelRun(db, LOCAL_OWNER, runId)).toEqual({ status: "cancelled", runStatus: "cancelled" });
    expect(await completeStep(db, runId, "s", 0, { input: {}, output: { late: true }, messages: [], awaitApproval: false })).toBeNull();
    expect(await beginStep(db, runId, "s", 0, {})).toEqual({ kind: "stop", reason: "run is cancelled" });
    const view = (await getRunView(db, LOCAL_OWNER, runId))!;
    expect([view.status, view.steps[0]!.status, view.steps[0]!.output]).toEqual(["cancelled", "cancelled", null]);
    expect(await finishRun(db, runId, "failed")).toBe(false); // ends once
  });

  const stepRow = async (runId: string) => {
    const [row] = await asService(db, (tx) =>
      tx.query(
        "select status, revision, attempts, delivery, input, output, messages, content_hash, error, started_at is not null as started, finished_at is not null as finished from public.run_steps where run_id = $1",
        [runId],
      ),
    );
    const [run] = await asService(db, (tx) => tx.query<{ seq: number }>("select seq::int as seq from public.runs where id = $1", [runId]));
    return { row, seq: run!.seq, events: (await events(runId)).map((e) => ({ ...e, payload: { ...e.payload, planId: undefined } })) };
  };

  it("a step begun and completed on the state it expects writes what the locked path writes, events included", async () => {
    const result = { input: { n: 1 }, output: { text: "done" }, messages: [], awaitApproval: false };
    const written: Awaited<ReturnType<typeof stepRow>>[] = [];
    for (const optimistic of [false, true]) {
      const runId = await newRun([{ id: "s", toolName: "summarize", requiresApproval: false, gate: "none" }]);
      await markRunStarted(db, runId);
      const began = await beginStep(db, runId, "s", 0, { n: 1 }, optimistic ? FRESH_STEP : undefined);
      expect(began.kind).toBe("begin");
      const state = began.kind === "begin" ? began.state : undefined;
      expect((await completeStep(db, runId, "s", 0, result, optimistic ? state : undefined))?.status).toBe("succeeded");
      written.push(await stepRow(runId));
    }
    expect(written[1]).toEqual(written[0]);
    expect(written[1]!.events.map((e) => e.type)).toEqual(["run.created", "run.started", "step.running", "step.succeeded"]);
  });

  it("an expectation that no longer holds writes nothing — no row change, no seq, no event — and the locked path decides", async () => {
    const runId = await newRun([{ id: "s", toolName: "summarize", requiresApproval: false, gate: "none" }]);
    await markRunStarted(db, runId);
    const began = await beginStep(db, runId, "s", 0, {}, FRESH_STEP);
    if (began.kind !== "begin") throw new Error(began.kind);
    // A second begin that still expects a fresh step: the row says running, so it takes the locked path.
    const before = await stepRow(runId);
    const stale = transition(FRESH_STEP, { type: "begin", revision: 0 });
    if (!stale.ok) throw new Error("the machine refused");
    expect(await commitStepIfUnchanged(db, { runId, stepId: "s" }, FRESH_STEP, stale.next, stale.events, { error: "not written" })).toBeNull();
    expect(await stepRow(runId)).toEqual(before);
    // Cancelled meanwhile: the expected state of the step still holds, the run's does not.
    expect(await cancelRun(db, LOCAL_OWNER, runId)).toEqual({ status: "cancelled", runStatus: "cancelled" });
    const cancelled = await stepRow(runId);
    expect(await completeStep(db, runId, "s", 0, { input: {}, output: { late: true }, messages: [], awaitApproval: false }, began.state)).toBeNull();
    expect(await stepRow(runId)).toEqual(cancelled);
  });

  it("a batch that fails part-way commits none of it and throws the failing statement's error", async () => {
    const runId = await newRun([{ id: "s", toolName: "summarize", requiresApproval: false, gate: "none" }]);
    const before = await stepRow(runId);
    await expect(
      asServiceBatch(db, [
        { text: "update public.run_steps set error = 'half' where run_id = $1", params: [runId] },
        { text: "select 1 / (select count(*) - count(*) from public.runs where id = $1)", params: [runId] },
        { text: "update public.run_steps set error = 'after' where run_id = $1", params: [runId] },
      ]),
    ).rejects.toThrow(/division by zero/);
    expect(await stepRow(runId)).toEqual(before);
    const [first, second] = await asServiceBatch(db, [
      { text: "select step_id from public.run_steps where run_id = $1", params: [runId] },
      { text: "select 2 as two" },
    ]);
    expect([first, second]).toEqual([[{ step_id: "s" }], [{ two: 2 }]]);
  });

  it("a replay after a final failure hands back the failure: the attempt is not made again", async () => {
    const runId = await newRun([{ id: "s", toolName: "summarize", requiresApproval: false, gate: "none" }]);
    await markRunStarted(db, runId);
    await beginStep(db, runId, "s", 0, {});
    await failStep(db, runId, "s", 0, "bad input", true);
    expect(await beginStep(db, runId, "s", 0, {})).toEqual({ kind: "failed", error: "bad input" });
  });
});
