import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as decisionRoute from "@/app/api/runs/[runId]/steps/[stepId]/decision/route";
import * as runsRoute from "@/app/api/runs/route";
import { LOCAL_OWNER } from "@/lib/auth";
import { openTestDatabase } from "@/lib/db/testing";
import { planStore } from "@/lib/plans";
import { validatePlan } from "@/lib/plan/validate";
import type { RunView } from "@/lib/runs/service";
import { isTerminal } from "@/lib/runs/status";
import type { EmbeddedRunner } from "./embedded/runner";
import { startTestEngine, stopTestEngine } from "./testing/engine";
import { ctx, post, until, view } from "@/app/api/runs/testing/run-api";

// Side effects end to end with the real http_request tool against a local receiver: what is sent,
// how often, with which Idempotency-Key, and what a reviewer decides when delivery is unknown.
let db: Awaited<ReturnType<typeof openTestDatabase>>;
let runner: EmbeddedRunner;

/** The receiver: counts requests per path and remembers their Idempotency-Key headers. */
const received = new Map<string, string[]>();
/** How many of the next requests to `/flaky` are answered by dropping the connection. */
let dropNext = 0;
let receiver: Server;
let base = "";
const keysOf = (p: string) => received.get(p) ?? [];

beforeAll(async () => {
  process.env.PLANVAS_ALLOW_PRIVATE_URLS = "1";
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const p = req.url ?? "/";
      received.set(p, [...keysOf(p), String(req.headers["idempotency-key"] ?? "")]);
      // The request arrived; the answer never does: the sender cannot know whether it was delivered.
      if (p === "/flaky" && dropNext > 0) {
        dropNext--;
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, got: Buffer.concat(chunks).toString("utf8") }));
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
  received.clear();
  dropNext = 0;
  process.env.PLANVAS_ALLOW_PRIVATE_URLS = "1";
});

async function startRun(steps: object[]): Promise<string> {
  const v = validatePlan({ title: "Delivery", steps });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const { id } = await planStore(db, LOCAL_OWNER).create(v.plan);
  const res = await runsRoute.POST(post({ planId: id }));
  expect(res.status).toBe(201);
  return ((await res.json()) as { runId: string }).runId;
}
const done = (v: RunView) => isTerminal(v.status);
const unknownAt = (id: string, revision: number) => (v: RunView) =>
  v.steps.some((s) => s.id === id && s.delivery === "unknown" && s.status === "awaiting_approval" && s.revision === revision);
async function decide(runId: string, stepId: string, decision: string, extra: Record<string, unknown> = {}) {
  const contentHash = (await view(runId)).steps.find((s) => s.id === stepId)!.contentHash;
  return decisionRoute.POST(post({ decision, contentHash, ...extra }), ctx({ runId, stepId }));
}

const send = (stepIndex: number, id: string, path: string, extra: object = {}) => ({
  stepIndex,
  id,
  toolName: "http_request",
  description: `POST ${path}`,
  requiresApproval: false,
  input: { method: "POST", url: `${base}${path}`, body: `{"step":"${id}"}` },
  ...extra,
});
const after = (stepIndex: number, id: string, dependsOn: string) => ({
  stepIndex,
  id,
  toolName: "summarize",
  description: "Summarize what happened",
  requiresApproval: false,
  input: { focus: "the webhook call" },
  dependsOn: [dependsOn],
});

describe("side effects are sent at most once unless a reviewer says otherwise", () => {
  it("an ungated POST is sent once, with an Idempotency-Key derived from run, step and revision", async () => {
    const runId = await startRun([send(0, "notify", "/ok")]);
    const v = await until(runId, done);
    expect(v.status).toBe("succeeded");
    expect(keysOf("/ok")).toEqual([`planvas-${runId}-notify-0`]);
    expect(v.steps[0]).toMatchObject({ status: "succeeded", attempts: 1, delivery: null, idempotencyKey: `planvas-${runId}-notify-0` });
  });

  it("an approved POST is sent once after the decision", async () => {
    const runId = await startRun([send(0, "publish", "/ok", { requiresApproval: true })]);
    await until(runId, (v) => v.steps[0]!.status === "awaiting_approval");
    expect(keysOf("/ok")).toEqual([]);
    expect((await decide(runId, "publish", "approve")).status).toBe(202);
    expect((await until(runId, done)).status).toBe("succeeded");
    expect(keysOf("/ok")).toEqual([`planvas-${runId}-publish-0`]);
  });

  it("delivery unknown: the step waits; retry sends again with the same key; only then does the run go on", async () => {
    dropNext = 2;
    const runId = await startRun([send(0, "hook", "/flaky"), after(1, "wrap", "hook")]);
    const first = await until(runId, unknownAt("hook", 1));
    expect(first.status).toBe("awaiting_approval");
    expect(first.steps[0]!.error).toMatch(/may or may not have been delivered/);
    expect(first.steps[0]!.attempts).toBe(1);
    expect(first.steps[1]!.status).toBe("pending");
    await runner.idle(5_000);
    expect(keysOf("/flaky")).toHaveLength(1); // not retried automatically

    const wrong = await decide(runId, "hook", "approve");
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe("decision");

    expect((await decide(runId, "hook", "retry")).status).toBe(202);
    await until(runId, unknownAt("hook", 2));
    expect((await decide(runId, "hook", "retry")).status).toBe(202);
    const v = await until(runId, done);
    expect(v.status).toBe("succeeded");
    expect(v.steps.map((s) => s.status)).toEqual(["succeeded", "succeeded"]);
    const key = `planvas-${runId}-hook-0`;
    expect(keysOf("/flaky")).toEqual([key, key, key]);
    expect(v.approvals.map((a) => [a.revision, a.decision])).toEqual([
      [1, "retry"],
      [2, "retry"],
    ]);
  });

  it("delivery unknown: mark done lets later steps run and says so in the output", async () => {
    dropNext = 1;
    const runId = await startRun([send(0, "hook", "/flaky"), after(1, "wrap", "hook")]);
    await until(runId, unknownAt("hook", 1));
    expect((await decide(runId, "hook", "mark_done", { feedback: "the receiver's log shows it arrived" })).status).toBe(202);
    const v = await until(runId, done);
    expect(v.status).toBe("succeeded");
    expect(v.steps[0]!.output).toMatchObject({ delivery: "unknown", markedDone: true, note: "the receiver's log shows it arrived" });
    expect(keysOf("/flaky")).toHaveLength(1);
  });

  it("delivery unknown: stop ends the run; nothing after it runs", async () => {
    dropNext = 1;
    const runId = await startRun([send(0, "hook", "/flaky"), after(1, "wrap", "hook")]);
    await until(runId, unknownAt("hook", 1));
    expect((await decide(runId, "hook", "stop")).status).toBe(202);
    const v = await until(runId, done);
    expect(v.status).toBe("rejected");
    expect(v.steps.map((s) => s.status)).toEqual(["rejected", "skipped"]);
    expect(keysOf("/flaky")).toHaveLength(1);
  });

  it("connection refused: fails once, says nothing was sent, is not retried", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const runId = await startRun([{ ...send(0, "hook", "/x"), input: { method: "POST", url: `http://127.0.0.1:${port}/x`, body: "{}" } }]);
    const v = await until(runId, done);
    expect(v.status).toBe("failed");
    expect(v.steps[0]).toMatchObject({ status: "failed", attempts: 1, delivery: null });
    expect(v.steps[0]!.error).toMatch(/ECONNREFUSED.*nothing was sent/);
  });

  it("a host that does not resolve: fails once, says nothing was sent, is not retried", async () => {
    const runId = await startRun([{ ...send(0, "hook", "/x"), input: { method: "POST", url: "http://no-such-host.invalid/hook", body: "{}" } }]);
    const v = await until(runId, done);
    expect(v.status).toBe("failed");
    expect(v.steps[0]).toMatchObject({ status: "failed", attempts: 1, delivery: null });
    expect(v.steps[0]!.error).toMatch(/cannot resolve no-such-host\.invalid.*nothing was sent/);
  });

  it("a URL the SSRF guard refuses is a final failure, for side effects and for reads", async () => {
    delete process.env.PLANVAS_ALLOW_PRIVATE_URLS;
    const runId = await startRun([
      { ...send(0, "hook", "/ok"), dependsOn: [] },
      { stepIndex: 1, id: "read", toolName: "fetch_url", description: "Read the page", requiresApproval: false, input: { url: `${base}/ok` }, dependsOn: [] },
    ]);
    const v = await until(runId, done);
    expect(v.status).toBe("failed");
    for (const s of v.steps) {
      expect(s.status).toBe("failed");
      expect(s.attempts).toBe(1);
      expect(s.error).toMatch(/refused .*loopback/);
    }
    expect(keysOf("/ok")).toEqual([]);
  });

  it("step ids named like Object.prototype members run normally", async () => {
    const ids = ["valueOf", "toString", "constructor", "hasOwnProperty"];
    const runId = await startRun([
      { stepIndex: 0, id: ids[0], toolName: "summarize", description: "Summarize", requiresApproval: false, input: { focus: "plans" } },
      { ...send(1, ids[1]!, "/ok", { requiresApproval: true }) },
      {
        stepIndex: 2,
        id: ids[2],
        toolName: "format_post",
        description: "Write the post",
        requiresApproval: true,
        input: { platform: "linkedin", format: "post", topic: "AI" },
      },
      { stepIndex: 3, id: ids[3], toolName: "summarize", description: "Wrap up", requiresApproval: false, input: { focus: "the outcome" } },
    ]);
    await until(runId, (v) => v.steps.find((s) => s.id === "toString")?.status === "awaiting_approval");
    expect((await decide(runId, "toString", "approve")).status).toBe(202);
    await until(runId, (v) => v.steps.find((s) => s.id === "constructor")?.status === "awaiting_approval");
    expect((await decide(runId, "constructor", "approve")).status).toBe(202);
    const v = await until(runId, done);
    expect(v.status).toBe("succeeded");
    expect(v.steps.map((s) => [s.id, s.status, s.attempts])).toEqual(ids.map((id) => [id, id === "constructor" ? "approved" : "succeeded", 1]));
    expect(v.approvals).toHaveLength(2);
    expect(keysOf("/ok")).toHaveLength(1);
  });
});
