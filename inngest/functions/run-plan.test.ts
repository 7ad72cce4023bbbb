import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LOCAL_OWNER } from "@/lib/auth";
import { setDatabase } from "@/lib/db";
import { openTestDatabase } from "@/lib/db/testing";
import { seedSamples } from "@/lib/knowledge/seed";
import { planStore } from "@/lib/plans";
import { validatePlan } from "@/lib/plan/validate";
import { recordDecision } from "@/lib/runs/decisions";
import { getRunView, startRun } from "@/lib/runs/service";
import { configureEngine } from "@/lib/runs/steps";
import { getToolDefinition } from "@/lib/tools/registry";
import type { ToolContext } from "@/lib/tools/types";
import { runPlan } from "./run-plan";

// run-plan under @inngest/test: the SDK's real execution engine in-process, the real step bodies
// and a real (PGlite) database. waitForEvent is replaced per the notes' workaround (the engine's
// own mock for it is broken with inngest 4.24): the replacement plays the reviewer.
let db: Awaited<ReturnType<typeof openTestDatabase>>;

beforeAll(async () => {
  db = await openTestDatabase("pglite");
  await seedSamples(db);
  setDatabase(db);
});
afterAll(async () => {
  setDatabase(undefined);
  await db?.drop();
});

async function newRun(steps: object[]) {
  const v = validatePlan({ title: "Test plan", description: "Research AI marketing trends and write a LinkedIn post", steps });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const { id } = await planStore(db, LOCAL_OWNER).create(v.plan);
  const started = await startRun(db, LOCAL_OWNER, id);
  if (started.status !== "started") throw new Error(started.status);
  return started.runId;
}

const event = (runId: string) => ({ name: "plan/run.requested", data: { runId } }) as const;

/** A reviewer who decides while the function waits; null = nobody decides (timeout). */
function engine(runId: string, reviewer: (stepId: string, revision: number) => Promise<"approve" | "edit" | "reject" | null>) {
  return new InngestTestEngine({
    function: runPlan,
    events: [event(runId)],
    transformCtx: (raw) => {
      const ctx = mockCtx(raw);
      ctx.step.waitForEvent = vi.fn(async (_id: string, opts: { if: string }) => {
        const stepId = /async\.data\.stepId == "([^"]+)"/.exec(opts.if)![1]!;
        const revision = Number(/async\.data\.revision == (\d+)/.exec(opts.if)![1]);
        const decision = await reviewer(stepId, revision);
        if (!decision) return null;
        return { name: "plan/step.decided", data: { runId, stepId, revision, decision } };
      }) as never;
      return ctx;
    },
  });
}

/** Records a decision on a revision, once: the test engine replays the function, asking again. */
async function decide(
  runId: string,
  stepId: string,
  decision: "approve" | "edit" | "reject",
  extra: { feedback?: string; output?: unknown } = {},
  revision?: number,
) {
  const view = await getRunView(db, LOCAL_OWNER, runId);
  const step = view!.steps.find((s) => s.id === stepId)!;
  const rev = revision ?? step.revision;
  if (view!.approvals.some((a) => a.stepId === stepId && a.revision === rev)) return;
  expect(step.revision).toBe(rev);
  const r = await recordDecision(db, LOCAL_OWNER, runId, stepId, { decision, contentHash: step.contentHash!, ...extra });
  expect(r.status).toBe("accepted");
}

const search = {
  stepIndex: 0,
  toolName: "web_search",
  description: "Search for AI marketing trends",
  requiresApproval: false,
  input: { query: "AI marketing trends" },
};
const summary = { stepIndex: 1, toolName: "summarize", description: "Summarize the findings", requiresApproval: false, input: { focus: "AI marketing" } };
const post = {
  stepIndex: 2,
  toolName: "format_post",
  description: "Write the LinkedIn post",
  requiresApproval: true,
  input: { platform: "linkedin", format: "post", topic: "AI marketing trends" },
};

describe("run-plan", () => {
  it("runs a chain to success, each tool in its own step", async () => {
    const runId = await newRun([search, summary]);
    const { result, ctx } = await engine(runId, async () => null).execute();
    expect(result).toEqual({ status: "succeeded" });
    expect(ctx.step.run).toHaveBeenCalledWith("step:web_search", expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith("step:summarize", expect.any(Function));
    const view = await getRunView(db, LOCAL_OWNER, runId);
    expect(view!.status).toBe("succeeded");
    expect(view!.steps.map((s) => s.status)).toEqual(["succeeded", "succeeded"]);
  });

  it("waits at the gate and continues after approval", async () => {
    const runId = await newRun([search, post]);
    const { result, ctx } = await engine(runId, async (stepId) => {
      await decide(runId, stepId, "approve");
      return "approve";
    }).execute();
    expect(result).toEqual({ status: "succeeded" });
    expect(ctx.step.waitForEvent).toHaveBeenCalledWith("approval:format_post", expect.objectContaining({ event: "plan/step.decided" }));
    const view = await getRunView(db, LOCAL_OWNER, runId);
    expect(view!.steps.find((s) => s.id === "format_post")!.status).toBe("approved");
    expect(view!.approvals).toHaveLength(1);
  });

  it("finds a decision recorded before the wait and does not wait", async () => {
    const runId = await newRun([post]);
    // First pass: run until the gate, decide, then run the function again (a replay).
    await engine(runId, async () => null).executeStep("check:format_post");
    await decide(runId, "format_post", "approve");
    const { result, ctx } = await engine(runId, async () => {
      throw new Error("must not wait");
    }).execute();
    expect(result).toEqual({ status: "succeeded" });
    expect(ctx.step.waitForEvent).not.toHaveBeenCalled();
  });

  it("ends rejected when the reviewer rejects without feedback, skipping what follows", async () => {
    const runId = await newRun([search, post, { ...summary, stepIndex: 3, id: "after", dependsOn: ["format_post"] }]);
    const { result } = await engine(runId, async (stepId) => {
      await decide(runId, stepId, "reject");
      return "reject";
    }).execute();
    expect(result).toEqual({ status: "rejected" });
    const view = await getRunView(db, LOCAL_OWNER, runId);
    expect(view!.steps.map((s) => [s.id, s.status])).toEqual([
      ["web_search", "succeeded"],
      ["format_post", "rejected"],
      ["after", "skipped"],
    ]);
  });

  it("expires the step and the run when nobody decides in time", async () => {
    const runId = await newRun([{ ...post, stepIndex: 0, approvalTimeout: "1h" }]);
    const { result, ctx } = await engine(runId, async () => null).execute();
    expect(result).toEqual({ status: "expired" });
    expect(ctx.step.waitForEvent).toHaveBeenCalledWith("approval:format_post", expect.objectContaining({ timeout: 3_600_000 }));
    expect((await getRunView(db, LOCAL_OWNER, runId))!.steps[0]!.status).toBe("expired");
  });

  it("hands an edited output to the steps after it", async () => {
    const seen: string[] = [];
    configureEngine({
      resolveTool: (name) =>
        name === "summarize"
          ? {
              ...getToolDefinition("summarize")!,
              execute: async (_input: unknown, ctx: ToolContext) => (seen.push(JSON.stringify(ctx.history)), { summary: "ok", points: [], wordCount: 1 }),
            }
          : getToolDefinition(name),
    });
    try {
      const runId = await newRun([
        { ...post, stepIndex: 0 },
        { ...summary, stepIndex: 1, dependsOn: ["format_post"] },
      ]);
      const { result } = await engine(runId, async (stepId) => {
        const view = await getRunView(db, LOCAL_OWNER, runId);
        const out = view!.steps.find((s) => s.id === stepId)!.output as Record<string, unknown>;
        await decide(runId, stepId, "edit", { output: { ...out, text: "EDITED BY THE REVIEWER", charCount: 22 } });
        return "edit";
      }).execute();
      expect(result).toEqual({ status: "succeeded" });
      expect(seen.at(-1)).toContain("EDITED BY THE REVIEWER");
      const view = await getRunView(db, LOCAL_OWNER, runId);
      expect((view!.steps[0]!.output as { text: string }).text).toBe("EDITED BY THE REVIEWER");
      expect(view!.approvals[0]).toMatchObject({ decision: "edit" });
    } finally {
      configureEngine(undefined);
    }
  });

  it("produces a rejected step again with the feedback, as a new revision, then continues", async () => {
    const runId = await newRun([search, post]);
    const { result, ctx } = await engine(runId, async (stepId, revision) => {
      if (revision === 0) {
        await decide(runId, stepId, "reject", { feedback: "Shorter, and use different points" }, 0);
        return "reject";
      }
      await decide(runId, stepId, "approve", {}, revision);
      return "approve";
    }).execute();
    expect(result).toEqual({ status: "succeeded" });
    expect(ctx.step.run).toHaveBeenCalledWith("step:format_post:rev:1", expect.any(Function));
    const view = await getRunView(db, LOCAL_OWNER, runId);
    const step = view!.steps.find((s) => s.id === "format_post")!;
    expect(step).toMatchObject({ status: "approved", revision: 1 });
    expect(view!.approvals.map((a) => [a.revision, a.decision])).toEqual([
      [0, "reject"],
      [1, "approve"],
    ]);
    expect(view!.approvals[0]!.contentHash).not.toBe(view!.approvals[1]!.contentHash);
  });
});
