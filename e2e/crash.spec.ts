import { expect, test } from "@playwright/test";
import { AppProcess, SideEffectCounter } from "./support/server";

// Crash safety with a real server process: SIGKILL at a bad moment, start again, and the run
// resumes where it was; a side-effect counter proves no completed step ran twice.
test.describe.configure({ mode: "serial", timeout: 120_000 });

interface Run {
  status: string;
  steps: { id: string; status: string; contentHash: string | null }[];
}

const get = (counter: SideEffectCounter, stepIndex: number, id: string, path: string) => ({
  stepIndex,
  id,
  toolName: "http_request",
  description: `GET ${path}`,
  requiresApproval: false,
  input: { method: "GET", url: counter.url(path) },
});

async function until(app: AppProcess, runId: string, ok: (r: Run) => boolean, ms = 60_000): Promise<Run> {
  const end = Date.now() + ms;
  for (;;) {
    const { status, body } = await app.api<Run>(`/api/runs/${runId}`).catch(() => ({ status: 0, body: undefined as unknown as Run }));
    if (status === 200 && ok(body)) return body;
    if (Date.now() > end) throw new Error(`timed out waiting; last: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startRun(app: AppProcess, steps: object[]): Promise<string> {
  const plan = await app.api<{ id: string }>("/api/plans", { method: "POST", body: JSON.stringify({ title: "Crash test", steps }) });
  expect(plan.status).toBe(201);
  const run = await app.api<{ runId: string }>("/api/runs", { method: "POST", body: JSON.stringify({ planId: plan.body.id }) });
  expect(run.status).toBe(201);
  return run.body.runId;
}

test("SIGKILL during a slow tool: the run resumes and completed steps do not run again", async () => {
  const counter = new SideEffectCounter();
  await counter.start();
  const app = new AppProcess(3241, { PLANVAS_ALLOW_PRIVATE_URLS: "1" });
  try {
    await app.start();
    const runId = await startRun(app, [get(counter, 0, "first", "/first"), get(counter, 1, "slow", "/slow/1"), get(counter, 2, "last", "/last")]);
    await counter.reached("/slow/1");
    await app.kill();
    counter.slowMs = 50;
    await app.start();
    const run = await until(app, runId, (r) => r.status === "succeeded");
    expect(run.steps.map((s) => s.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(counter.count("/first")).toBe(1);
    expect(counter.count("/last")).toBe(1);
    // The slow step was in flight at the crash: it ran again (at least once, as with Inngest).
    expect(counter.count("/slow/1")).toBeGreaterThanOrEqual(2);
  } finally {
    await app.kill();
    await counter.close();
  }
});

test("SIGKILL during an approval wait: approve after the restart and the run completes", async () => {
  const counter = new SideEffectCounter();
  await counter.start();
  const app = new AppProcess(3242, { PLANVAS_ALLOW_PRIVATE_URLS: "1" });
  try {
    await app.start();
    const runId = await startRun(app, [
      get(counter, 0, "before", "/before"),
      {
        stepIndex: 1,
        id: "post",
        toolName: "format_post",
        description: "Write the post",
        requiresApproval: true,
        input: { platform: "linkedin", format: "post", topic: "status" },
      },
      get(counter, 2, "after", "/after"),
    ]);
    const waiting = await until(app, runId, (r) => r.steps[1]?.status === "awaiting_approval");
    await app.kill();
    await app.start();
    const decided = await app.api(`/api/runs/${runId}/steps/post/decision`, {
      method: "POST",
      body: JSON.stringify({ decision: "approve", contentHash: waiting.steps[1]!.contentHash }),
    });
    expect(decided.status).toBe(202);
    const run = await until(app, runId, (r) => r.status === "succeeded");
    expect(run.steps.map((s) => s.status)).toEqual(["succeeded", "approved", "succeeded"]);
    expect(counter.count("/before")).toBe(1);
    expect(counter.count("/after")).toBe(1);
  } finally {
    await app.kill();
    await counter.close();
  }
});
