import { expect, type APIRequestContext, type Page } from "@playwright/test";

/**
 * A saved plan (planned from `goal` by the app's planner unless `plan` is given) and a run of it,
 * started through the public API; returns once the run waits at its first approval gate.
 */
export async function startWaitingRun(request: APIRequestContext, opts: { goal?: string; plan?: unknown } = {}): Promise<{ planId: string; runId: string }> {
  let plan = opts.plan;
  if (!plan) {
    const planned = await request.post("/api/planner", {
      headers: { accept: "application/json" },
      data: { goal: opts.goal ?? "Research AI trends and write a LinkedIn carousel" },
    });
    expect(planned.status()).toBe(200);
    plan = ((await planned.json()) as { plan: unknown }).plan;
  }
  const saved = await request.post("/api/plans", { data: plan });
  expect(saved.status()).toBe(201);
  const { id: planId } = (await saved.json()) as { id: string };
  const started = await request.post("/api/runs", { data: { planId } });
  expect(started.status()).toBe(201);
  const { runId } = (await started.json()) as { runId: string };
  await expect
    .poll(async () => ((await (await request.get(`/api/runs/${runId}`)).json()) as { status: string }).status, { timeout: 30_000 })
    .toBe("awaiting_approval");
  return { planId, runId };
}

/** A run on its canvas: nodes with live statuses, the step panel and its decisions. */
export class RunPage {
  constructor(private readonly page: Page) {}

  node(stepId: string) {
    return this.page.locator(`[data-testid="run-step-node"][data-step-id="${stepId}"]`);
  }

  async expectStep(stepId: string, status: string, timeout = 30_000) {
    await expect(this.node(stepId)).toHaveAttribute("data-status", status, { timeout });
  }

  async expectRun(status: string, timeout = 30_000) {
    await expect(this.page.getByTestId("run-status")).toHaveAttribute("data-status", status, { timeout });
  }

  panel() {
    return this.page.getByTestId("step-panel");
  }

  async select(stepId: string) {
    await this.node(stepId).click();
    await expect(this.panel()).toHaveAttribute("data-step-id", stepId);
  }

  async approve() {
    await this.page.getByTestId("decision-panel").getByRole("button", { name: "Approve", exact: true }).click();
  }

  async editAndApprove(text: string) {
    const panel = this.page.getByTestId("decision-panel");
    await panel.getByRole("button", { name: "Edit & approve" }).click();
    await panel.getByLabel("Edit the text").fill(text);
    await panel.getByRole("button", { name: "Save edit & approve" }).click();
  }

  async rejectWithFeedback(feedback: string) {
    const panel = this.page.getByTestId("decision-panel");
    await panel.getByRole("button", { name: "Reject" }).click();
    await panel.getByLabel("What should change?").fill(feedback);
    await panel.getByRole("button", { name: "Reject & revise" }).click();
  }
}
