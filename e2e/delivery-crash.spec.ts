import { expect, test } from "@playwright/test";
import { crashTrial, HookReceiver, until } from "./support/crash-window";
import { AppProcess } from "./support/server";

// A POST's delivery and a SIGKILL of the real server around it: whatever the moment, the receiver
// sees the request at most once unless a reviewer asks for it again — and then with the same
// Idempotency-Key. The reviewer decides on the highlighted node.
test.describe.configure({ mode: "serial", timeout: 180_000 });

let receiver: HookReceiver;
let app: AppProcess;
test.beforeAll(async () => {
  receiver = new HookReceiver();
  await receiver.start();
  app = new AppProcess(3243, { PLANVAS_ALLOW_PRIVATE_URLS: "1" });
  await app.start();
});
test.afterAll(async () => {
  await app?.kill();
  await receiver?.close();
});

test("killed after the receiver answered (0–50 ms later): delivered once, never again", async () => {
  const outcomes: string[] = [];
  for (const ms of [0, 5, 15, 50]) {
    const r = await crashTrial(app, receiver, `after-${ms}`, { afterAnswerMs: ms });
    expect(r.deliveries, `killed ${ms} ms after the answer`).toBe(1);
    outcomes.push(`${ms} ms: ${r.outcome}`);
  }
  test.info().annotations.push({ type: "outcomes", description: outcomes.join(", ") });
});

test("killed while an approved POST is in flight: delivery unknown; the reviewer sends it again on the node", async ({ page }) => {
  const r = await crashTrial(app, receiver, "approved", { inFlight: true }, { requiresApproval: true }, async (runId) => {
    const waiting = await until(app, runId, (x) => x.steps[0]?.status === "awaiting_approval");
    const decided = await app.api(`/api/runs/${runId}/steps/hook/decision`, {
      method: "POST",
      body: JSON.stringify({ decision: "approve", contentHash: waiting.steps[0]!.contentHash }),
    });
    expect(decided.status).toBe(202);
  });
  expect(r.outcome).toBe("unknown");
  expect(r.deliveries).toBe(1);

  await app.signIn(page.context());
  await page.goto(`${app.url}/runs/${r.runId}`);
  const node = page.locator('[data-testid="run-step-node"][data-step-id="hook"]');
  await expect(node).toContainText("Delivery unknown");
  await node.click();
  const panel = page.getByTestId("delivery-panel");
  await expect(panel).toContainText("may or may not have been delivered");
  await expect(page.getByTestId("step-panel")).toContainText("the server stopped while the request was being sent");
  await panel.getByRole("button", { name: "Send again" }).click();
  await expect(node).toHaveAttribute("data-status", "succeeded");
  const keys = receiver.deliveries.get("/hook/approved")!;
  expect(keys).toHaveLength(2);
  expect(keys[0]).toBe(`planvas-${r.runId}-hook-0`);
  expect(keys[1]).toBe(keys[0]);
});
