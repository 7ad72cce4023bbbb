import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { CanvasPage } from "./plans";

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

  /** A finished run opens on its results; the canvas is one click away. */
  async showCanvas() {
    const canvas = this.page.getByTestId("run-view-toggle").getByRole("button", { name: "Canvas" });
    if ((await canvas.count()) && (await canvas.getAttribute("aria-pressed")) !== "true") await canvas.click();
  }

  async showResults() {
    await this.page.getByTestId("run-view-toggle").getByRole("button", { name: "Results" }).click();
    await expect(this.results()).toBeVisible();
  }

  results() {
    return this.page.getByTestId("results-view");
  }

  async select(stepId: string) {
    await this.showCanvas();
    await this.node(stepId).click();
    await expect(this.panel()).toHaveAttribute("data-step-id", stepId);
  }

  async approve() {
    await this.page.getByTestId("decision-panel").getByRole("button", { name: "Approve", exact: true }).click();
  }

  async editAndApprove(text: string) {
    const panel = this.page.getByTestId("decision-panel");
    await panel.getByRole("button", { name: "Edit & approve" }).click();
    // A carousel's text is its caption, edited above its slides.
    await panel.getByLabel("Caption", { exact: true }).or(panel.getByLabel("Edit the text")).fill(text);
    await panel.getByRole("button", { name: "Save edit & approve" }).click();
  }

  /** The slide editor of a carousel (or a thread) in Edit & approve. */
  async editSlides() {
    const panel = this.page.getByTestId("decision-panel");
    await panel.getByRole("button", { name: "Edit & approve" }).click();
    const editor = panel.getByTestId("slide-editor");
    await expect(editor).toBeVisible();
    return editor;
  }

  async saveEdit() {
    await this.page.getByTestId("decision-panel").getByRole("button", { name: "Save edit & approve" }).click();
  }

  async rejectWithFeedback(feedback: string) {
    const panel = this.page.getByTestId("decision-panel");
    await panel.getByRole("button", { name: "Reject" }).click();
    await panel.getByLabel("What should change?").fill(feedback);
    await panel.getByRole("button", { name: "Reject & revise" }).click();
  }
}

/** Goal → plan → save → Run, through the UI; returns on the run's page. */
export async function planAndRun(page: Page, goal = "Research AI trends and write a LinkedIn carousel") {
  const canvas = new CanvasPage(page);
  await page.goto("/");
  await page.getByLabel("What do you want to get done?").fill(goal);
  await page.getByRole("button", { name: "Plan it" }).click();
  await expect(page).toHaveURL(/\/plans\/new$/);
  await expect(canvas.nodes().first()).toBeVisible();
  await canvas.save();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  return new RunPage(page);
}
