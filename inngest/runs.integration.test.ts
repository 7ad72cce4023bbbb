import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as decisionRoute from "@/app/api/runs/[runId]/steps/[stepId]/decision/route";
import * as cancelRoute from "@/app/api/runs/[runId]/cancel/route";
import * as runsRoute from "@/app/api/runs/route";
import * as runRoute from "@/app/api/runs/[runId]/route";
import * as planRoute from "@/app/api/plans/[planId]/route";
import { LOCAL_OWNER } from "@/lib/auth";
import { openTestDatabase } from "@/lib/db/testing";
import { seedSamples } from "@/lib/knowledge/seed";
import { planStore } from "@/lib/plans";
import { validatePlan } from "@/lib/plan/validate";
import type { RunView } from "@/lib/runs/service";
import { isTerminal } from "@/lib/runs/status";
import { getToolDefinition, type AnyTool } from "@/lib/tools/registry";
import type { EmbeddedRunner } from "./embedded/runner";
import { startTestEngine, stopTestEngine } from "./testing/engine";
import { ctx, post, until, view } from "@/app/api/runs/testing/run-api";

// Durable runs end to end in one process: the API routes, the real run-plan function behind the
// real serve handler, driven by the embedded runner, on a real database.
let db: Awaited<ReturnType<typeof openTestDatabase>>;
let runner: EmbeddedRunner;

/** Test tools: a counter of side effects, a tool that fails before it succeeds, one that fails for good. */
const calls = new Map<string, number>();
const count = (k: string) => calls.set(k, (calls.get(k) ?? 0) + 1).get(k)!;
const testTool = (name: string, execute: (input: { label: string }) => Promise<unknown>): AnyTool => ({
  name,
  title: name,
  description: name,
  icon: "search",
  publishes: false,
  inputSchema: z.object({ label: z.string() }),
  outputSchema: z.unknown(),
  execute: (input: { label: string }) => execute(input),
});
const TOOLS: Record<string, AnyTool> = {
  // Known tool names keep plan validation happy; their behaviour is replaced for the test.
  summarize: testTool("summarize", async ({ label }) => ({ summary: `done ${label}`, points: [], wordCount: 2, calls: count(label) })),
  generate_outline: testTool("generate_outline", async ({ label }) => {
    const n = count(label);
    if (n <= 2) throw new Error(`flaky failure ${n}`);
    return { title: label, format: "bullets", sections: [], calls: n };
  }),
  http_request: testTool("http_request", async ({ label }) => {
    count(`${label}:start`);
    await new Promise((r) => setTimeout(r, 1500));
    return { done: count(label) };
  }),
  fetch_url: testTool("fetch_url", async () => {
    throw new z.ZodError([{ code: "custom", path: ["url"], message: "not a page" }]);
  }),
};

beforeAll(async () => {
  db = await openTestDatabase("pglite");
  await seedSamples(db);
  runner = await startTestEngine(db, { resolveTool: (n) => TOOLS[n] ?? getToolDefinition(n) });
});
afterAll(async () => {
  await stopTestEngine(runner);
  await db?.drop();
});

async function startRun(steps: object[]): Promise<string> {
  const v = validatePlan({ title: "Integration", description: "Research AI marketing trends and write a LinkedIn post", steps });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const { id } = await planStore(db, LOCAL_OWNER).create(v.plan);
  const res = await runsRoute.POST(post({ planId: id }));
  expect(res.status).toBe(201);
  return ((await res.json()) as { runId: string }).runId;
}

const stepStatus = (v: RunView, id: string) => v.steps.find((s) => s.id === id)?.status;
const awaiting = (id: string) => (v: RunView) => stepStatus(v, id) === "awaiting_approval";
const done = (v: RunView) => isTerminal(v.status);

async function decide(runId: string, stepId: string, decision: "approve" | "edit" | "reject", extra: Record<string, unknown> = {}, hash?: string) {
  const v = await view(runId);
  const contentHash = hash ?? v.steps.find((s) => s.id === stepId)!.contentHash;
  return decisionRoute.POST(post({ decision, contentHash, ...extra }), ctx({ runId, stepId }));
}

const s = (stepIndex: number, id: string, toolName: string, extra: object = {}) => ({
  stepIndex,
  id,
  toolName,
  description: `${toolName} ${id}`,
  requiresApproval: false,
  input: { label: id },
  ...extra,
});
const gatedPost = (stepIndex: number, extra: object = {}) => ({
  stepIndex,
  id: "post",
  toolName: "format_post",
  description: "Write the post",
  requiresApproval: true,
  input: { platform: "linkedin", format: "post", topic: "AI marketing" },
  ...extra,
});

describe("durable runs with the embedded runner", () => {
  it("runs a chain; every step once", async () => {
    const runId = await startRun([s(0, "a", "summarize"), s(1, "b", "summarize"), s(2, "c", "summarize")]);
    const v = await until(runId, done);
    expect(v.status).toBe("succeeded");
    expect(v.steps.map((x) => x.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    for (const k of ["a", "b", "c"]) expect(calls.get(k)).toBe(1);
  });

  it("runs a diamond: branches in parallel, the join once", async () => {
    const runId = await startRun([
      s(0, "top", "summarize"),
      s(1, "left", "summarize", { dependsOn: ["top"] }),
      s(2, "right", "summarize", { dependsOn: ["top"] }),
      s(3, "join", "summarize", { dependsOn: ["left", "right"] }),
    ]);
    const v = await until(runId, done);
    expect(v.status).toBe("succeeded");
    expect(calls.get("join")).toBe(1);
  });

  it("retries a tool that fails twice, then succeeds", async () => {
    const runId = await startRun([s(0, "flaky", "generate_outline")]);
    const v = await until(runId, done);
    expect(v.status).toBe("succeeded");
    expect(v.steps[0]).toMatchObject({ status: "succeeded", attempts: 3 });
  });

  it("does not retry a validation failure", async () => {
    const runId = await startRun([s(0, "bad", "fetch_url"), s(1, "after", "summarize")]);
    const v = await until(runId, done);
    expect(v.status).toBe("failed");
    expect(v.steps.map((x) => [x.id, x.status, x.attempts])).toEqual([
      ["bad", "failed", 1],
      ["after", "skipped", 0],
    ]);
  });

  it("approve: waits at the gate, continues after the decision; a duplicate is idempotent; a stale hash is refused", async () => {
    const runId = await startRun([s(0, "research", "summarize"), gatedPost(1), s(2, "wrap", "summarize", { dependsOn: ["post"] })]);
    const waiting = await until(runId, awaiting("post"));
    expect(waiting.status).toBe("awaiting_approval");
    const stale = await decide(runId, "post", "approve", {}, "0".repeat(64));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: string }).error).toMatch(/stale/);
    expect((await decide(runId, "post", "approve")).status).toBe(202);
    const again = await decide(runId, "post", "approve", {}, waiting.steps[1]!.contentHash!);
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ duplicate: true });
    const v = await until(runId, done);
    expect(v.status).toBe("succeeded");
    expect(v.approvals).toHaveLength(1);
    expect(calls.get("wrap")).toBe(1);
  });

  it("edit: the reviewer's output replaces the step's and later steps see it", async () => {
    let seen = "";
    TOOLS.summarize = testTool("summarize", async () => ({ summary: "x", points: [], wordCount: 1 }));
    const original = TOOLS.summarize.execute;
    TOOLS.summarize = { ...TOOLS.summarize, execute: (input, c) => ((seen = JSON.stringify(c.history)), original(input, c)) };
    try {
      const runId = await startRun([gatedPost(0), s(1, "after-edit", "summarize", { dependsOn: ["post"] })]);
      const w = await until(runId, awaiting("post"));
      const out = w.steps[0]!.output as Record<string, unknown>;
      const bad = await decide(runId, "post", "edit", { output: { ...out, platform: "myspace" } });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe("output.platform");
      expect((await decide(runId, "post", "edit", { output: { ...out, text: "EDITED TEXT", charCount: 11 } })).status).toBe(202);
      const v = await until(runId, done);
      expect(v.status).toBe("succeeded");
      expect((v.steps[0]!.output as { text: string }).text).toBe("EDITED TEXT");
      expect(seen).toContain("EDITED TEXT");
    } finally {
      TOOLS.summarize = testTool("summarize", async ({ label }) => ({ summary: `done ${label}`, points: [], wordCount: 2, calls: count(label) }));
    }
  });

  it("reject with feedback produces the step again (revision 1); reject without feedback ends the run", async () => {
    const runId = await startRun([s(0, "r0", "web_search", { input: { query: "AI marketing trends" } }), gatedPost(1)]);
    const first = await until(runId, awaiting("post"));
    expect((await decide(runId, "post", "reject", { feedback: "Shorter please" })).status).toBe(202);
    const second = await until(runId, (v) => awaiting("post")(v) && v.steps[1]!.revision === 1);
    expect(second.steps[1]!.contentHash).not.toBe(first.steps[1]!.contentHash);
    expect((await decide(runId, "post", "reject")).status).toBe(202);
    const v = await until(runId, done);
    expect(v.status).toBe("rejected");
    expect(v.approvals.map((a) => [a.revision, a.decision])).toEqual([
      [0, "reject"],
      [1, "reject"],
    ]);
  });

  it("expires a gate nobody decides on", async () => {
    const runId = await startRun([gatedPost(0, { approvalTimeout: "1s" })]);
    const v = await until(runId, done, 30_000);
    expect(v.status).toBe("expired");
    expect(v.steps[0]!.status).toBe("expired");
  });

  it("cancels during a wait: nothing runs after", async () => {
    const runId = await startRun([gatedPost(0), s(1, "never", "summarize", { dependsOn: ["post"] })]);
    await until(runId, awaiting("post"));
    const res = await cancelRoute.POST(new Request("http://planvas.test", { method: "POST" }), ctx({ runId }));
    expect(res.status).toBe(202);
    const v = await until(runId, done);
    expect(v.status).toBe("cancelled");
    expect(v.steps.map((x) => x.status)).toEqual(["cancelled", "cancelled"]);
    expect((await decide(runId, "post", "approve")).status).toBe(409);
    await runner.idle(5_000);
    expect(calls.get("never")).toBeUndefined();
  });

  it("cancels during a step: its result is discarded and nothing after it runs", async () => {
    const runId = await startRun([s(0, "slow", "http_request"), s(1, "later", "summarize")]);
    const end = Date.now() + 10_000;
    while (!calls.get("slow:start") && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect((await cancelRoute.POST(new Request("http://planvas.test", { method: "POST" }), ctx({ runId }))).status).toBe(202);
    const v = await until(runId, done);
    expect(v.status).toBe("cancelled");
    await new Promise((r) => setTimeout(r, 1800)); // the slow tool finishes after the cancel
    await runner.idle(5_000);
    const after = await view(runId);
    expect(after.steps.map((x) => x.status)).toEqual(["cancelled", "cancelled"]);
    expect(after.steps[0]!.output).toBeNull();
    expect(calls.get("later")).toBeUndefined();
  });

  it("deleting a plan cancels its unfinished runs in the engine first", async () => {
    const runId = await startRun([gatedPost(0)]);
    await until(runId, awaiting("post"));
    const planId = (await view(runId)).planId;
    const res = await planRoute.DELETE(new Request("http://planvas.test", { method: "DELETE" }), ctx({ planId }));
    expect(res.status).toBe(204);
    expect((await runRoute.GET(new Request("http://planvas.test"), ctx({ runId }))).status).toBe(404);
    const end = Date.now() + 10_000;
    const engineRun = async () => (await runner.listRuns()).find((r) => (r.event.data as { runId?: string })?.runId === runId);
    while ((await engineRun())?.status !== "cancelled" && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    expect((await engineRun())?.status).toBe("cancelled");
  });

  it("answers 404 for unknown runs and steps, 400 for bad bodies", async () => {
    expect((await runRoute.GET(new Request("http://planvas.test"), ctx({ runId: "00000000-0000-4000-8000-00000000beef" }))).status).toBe(404);
    expect((await runsRoute.POST(post({ planId: "nope" }))).status).toBe(400);
    expect((await runsRoute.POST(post({ planId: "00000000-0000-4000-8000-00000000beef" }))).status).toBe(404);
    const runId = await startRun([s(0, "x", "summarize")]);
    expect((await decisionRoute.POST(post({ decision: "approve", contentHash: "a".repeat(64) }), ctx({ runId, stepId: "nope" }))).status).toBe(404);
    expect((await decisionRoute.POST(post({ decision: "maybe", contentHash: "a" }), ctx({ runId, stepId: "x" }))).status).toBe(400);
  });
});
