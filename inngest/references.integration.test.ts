import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as decisionRoute from "@/app/api/runs/[runId]/steps/[stepId]/decision/route";
import * as runsRoute from "@/app/api/runs/route";
import { LOCAL_OWNER } from "@/lib/auth";
import { openTestDatabase } from "@/lib/db/testing";
import { checkPlan } from "@/lib/plan/check";
import { planStore } from "@/lib/plans";
import { validatePlan } from "@/lib/plan/validate";
import type { RunView } from "@/lib/runs/service";
import { isTerminal } from "@/lib/runs/status";
import type { EmbeddedRunner } from "./embedded/runner";
import { startTestEngine, stopTestEngine } from "./testing/engine";
import { ctx, post, until, view } from "@/app/api/runs/testing/run-api";

// A reference to an earlier step's output, end to end on the embedded runner with the real tools:
// format_post writes a post, a reviewer edits and approves it, and http_request sends exactly the
// approved text to a local receiver — the model never chose the body.
let db: Awaited<ReturnType<typeof openTestDatabase>>;
let runner: EmbeddedRunner;

const bodies: string[] = [];
let receiver: Server;
let base = "";

beforeAll(async () => {
  process.env.PLANVAS_ALLOW_PRIVATE_URLS = "1";
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      bodies.push(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  db = await openTestDatabase("pglite");
  runner = await startTestEngine(db, {});
});
afterAll(async () => {
  await stopTestEngine(runner);
  await db?.drop();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
  delete process.env.PLANVAS_ALLOW_PRIVATE_URLS;
});
beforeEach(() => {
  bodies.length = 0;
});

const plan = (body: string) => ({
  title: "Publish the post",
  steps: [
    {
      stepIndex: 0,
      id: "format_post",
      toolName: "format_post",
      description: "Write a LinkedIn post about AI marketing trends",
      requiresApproval: true,
      input: { platform: "linkedin", format: "post", topic: "AI marketing trends" },
    },
    {
      stepIndex: 1,
      id: "publish",
      toolName: "http_request",
      description: "Send the post to the publishing webhook",
      requiresApproval: true,
      input: { method: "POST", url: `${base}/publish`, body },
    },
  ],
});

async function startRun(doc: ReturnType<typeof plan>): Promise<string> {
  const v = validatePlan(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const { id } = await planStore(db, LOCAL_OWNER).create(v.plan);
  const res = await runsRoute.POST(post({ planId: id }));
  expect(res.status).toBe(201);
  return ((await res.json()) as { runId: string }).runId;
}
const waiting = (id: string) => (v: RunView) => v.steps.some((s) => s.id === id && s.status === "awaiting_approval");
async function decide(runId: string, stepId: string, decision: string, extra: Record<string, unknown> = {}) {
  const contentHash = (await view(runId)).steps.find((s) => s.id === stepId)!.contentHash;
  const res = await decisionRoute.POST(post({ decision, contentHash, ...extra }), ctx({ runId, stepId }));
  expect(res.status).toBe(202);
}

describe("references to earlier outputs at run time", () => {
  it("sends exactly the approved (edited) text of format_post as the http_request body", async () => {
    const doc = plan("{{steps.format_post.output.text}}");
    const checked = validatePlan(doc);
    expect(checked.ok && checkPlan(checked.plan).ok).toBe(true);
    const runId = await startRun(doc);
    const first = await until(runId, waiting("format_post"));
    const out = first.steps.find((s) => s.id === "format_post")!.output as Record<string, unknown>;
    const edited = `${String(out.text)}\n\n— edited: "quotes", ünïcode & {{braces}}`;
    await decide(runId, "format_post", "edit", { output: { ...out, text: edited, charCount: edited.length } });

    // The side effect's gate shows the resolved body before anything is sent.
    const gate = await until(runId, waiting("publish"));
    expect(bodies).toEqual([]);
    expect(gate.steps.find((s) => s.id === "publish")!.input).toMatchObject({ method: "POST", body: edited });
    await decide(runId, "publish", "approve");
    const end = await until(runId, (v) => isTerminal(v.status));
    expect(end.status).toBe("succeeded");
    expect(bodies).toEqual([edited]);
  });

  it("fails the step, naming the reference, when the field is not in the output at run time", async () => {
    // `posts` is typed (a thread's posts) but a single post has none.
    const runId = await startRun(plan("First: {{steps.format_post.output.posts.0}}"));
    await until(runId, waiting("format_post"));
    await decide(runId, "format_post", "approve");
    const end = await until(runId, (v) => isTerminal(v.status));
    expect(end.status).toBe("failed");
    const step = end.steps.find((s) => s.id === "publish")!;
    expect(step.status).toBe("failed");
    expect(step.error).toBe('step publish: input body ← steps.format_post.output.posts.0: the output of step format_post has no value at "posts"');
    expect(end.error).toContain("steps.format_post.output.posts.0");
    expect(bodies).toEqual([]);
  });
});
