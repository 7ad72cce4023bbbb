import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { createModels } from "../ai/models";
import { scriptedModel } from "../ai/testing/scripted-model";
import { LOCAL_OWNER } from "../auth";
import { setDatabase, type Database } from "../db";
import { openTestDatabase, testBackends } from "../db/testing";
import { planStore } from "../plans";
import type { PlanStep } from "../plan/schema";
import { validatePlan } from "../plan/validate";
import { getToolDefinition } from "../tools/registry";
import { markRunStarted } from "./lifecycle";
import { cancelRun, getRunView } from "./service";
import { configureEngine, runStepAttempt } from "./steps";
import { insertRun } from "./store";

// A step's begin write and the model's proposal overlap; the tool acts only once the step has begun.
describe.each(testBackends)("runStepAttempt on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    setDatabase(db);
  });
  afterEach(() => configureEngine(undefined));
  afterAll(async () => {
    setDatabase(undefined);
    await db?.drop();
  });

  async function newRun(): Promise<{ runId: string; step: PlanStep }> {
    const v = validatePlan({
      title: "Steps",
      steps: [{ stepIndex: 0, id: "sum", toolName: "summarize", description: "Summarize", requiresApproval: false, input: {} }],
    });
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    const { id } = await planStore(db as Database, LOCAL_OWNER).create(v.plan);
    const runId = await insertRun(db, { planId: id, version: 1, plan: v.plan, startedBy: LOCAL_OWNER.id, gates: { sum: "none" } });
    await markRunStarted(db, runId);
    return { runId, step: v.plan.steps[0]! };
  }

  /** The executor model (scripted: one summarize call) and the tool, each recording what it saw. */
  function engine(input: unknown = {}) {
    const seen = { model: [] as LanguageModelV4CallOptions[], toolRuns: 0 };
    const executor = scriptedModel((read) => (seen.model.push(read.options), { toolCalls: [{ toolName: "summarize", input }] }));
    configureEngine({
      models: { ...createModels(), executor },
      // The real tool's definition (schemas, name) with an execute that only counts its runs.
      resolveTool: (name) => ({ ...getToolDefinition(name)!, execute: async () => (seen.toolRuns++, { summary: "a b c", points: [], wordCount: 3 }) }),
    });
    return seen;
  }
  const attempt = (runId: string, step: PlanStep) =>
    runStepAttempt({ runId, startedBy: LOCAL_OWNER.id, step, revision: 0, history: [], attempt: 0, maxAttempts: 1, awaitApproval: false });

  it("runs the tool once the step has begun, with the model's call left unaborted", async () => {
    const seen = engine();
    const { runId, step } = await newRun();
    const r = await attempt(runId, step);
    expect(r).toMatchObject({ status: "done" });
    expect(seen.toolRuns).toBe(1);
    expect(seen.model).toHaveLength(1);
    expect(seen.model[0]!.abortSignal?.aborted).toBe(false);
    expect((await getRunView(db, LOCAL_OWNER, runId))!.steps[0]).toMatchObject({ status: "succeeded", attempts: 1 });
  });

  it("aborts the model's call and never runs the tool when the run has ended before the step began", async () => {
    const seen = engine();
    const { runId, step } = await newRun();
    await cancelRun(db, LOCAL_OWNER, runId);
    const r = await attempt(runId, step);
    expect(r.status).toBe("stopped");
    expect(seen.toolRuns).toBe(0);
    // The model may or may not have been asked by then; if it was, its call was aborted.
    for (const call of seen.model) expect(call.abortSignal?.aborted).toBe(true);
    expect((await getRunView(db, LOCAL_OWNER, runId))!.steps[0]).toMatchObject({ status: "cancelled", attempts: 0 });
  });

  it("hands back a step already done (a replay) without asking for it again or running the tool", async () => {
    engine();
    const { runId, step } = await newRun();
    expect((await attempt(runId, step)).status).toBe("done");
    const replay = engine();
    const r = await attempt(runId, step);
    expect(r).toMatchObject({ status: "done", output: expect.objectContaining({ wordCount: 3 }) });
    expect(replay.toolRuns).toBe(0);
    for (const call of replay.model) expect(call.abortSignal?.aborted).toBe(true);
  });

  it("records a failed proposal on the step it began", async () => {
    const bad = engine({ maxWords: 5 }); // below the schema's minimum of 20
    const { runId, step } = await newRun();
    const r = await attempt(runId, step);
    expect(r).toMatchObject({ status: "failed", error: expect.stringContaining("invalid input for summarize") });
    expect(bad.toolRuns).toBe(0);
    expect((await getRunView(db, LOCAL_OWNER, runId))!.steps[0]).toMatchObject({ status: "failed", attempts: 1 });
  });
});
