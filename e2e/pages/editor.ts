import { readFileSync } from "node:fs";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export const carouselJson = readFileSync("lib/plan/fixtures/carousel.json", "utf8");

/** Saves a plan through the API and returns its id. */
export async function createPlan(request: APIRequestContext, plan: unknown = JSON.parse(carouselJson)): Promise<string> {
  const res = await request.post("/api/plans", { data: plan });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The canvas plan editor, as a user works with it. */
export class EditorPage {
  constructor(readonly page: Page) {}

  async open(planId: string) {
    await this.page.goto(`/plans/${planId}`);
    await expect(this.nodes().first()).toBeVisible();
  }

  nodes() {
    return this.page.locator('[data-testid="step-node"]:not([data-ghost])');
  }

  node(stepId: string): Locator {
    return this.page.locator(`[data-testid="step-node"][data-step-id="${stepId}"]`);
  }

  edges() {
    return this.page.locator(".react-flow__edge");
  }

  edge(source: string, target: string) {
    return this.page.locator(`.react-flow__edge[data-id="${source}->${target}"]`);
  }

  inspector() {
    return this.page.getByTestId("step-inspector");
  }

  dirty() {
    return this.page.getByTestId("dirty-indicator");
  }

  version() {
    return this.page.getByTestId("plan-version");
  }

  button(name: string | RegExp) {
    return this.page.getByRole("toolbar", { name: "Plan editor" }).getByRole("button", { name, exact: typeof name === "string" });
  }

  async select(stepId: string) {
    // Inside the node's body, clear of its title and handles, at whatever zoom the canvas is fitted to.
    const box = await this.node(stepId).boundingBox();
    await this.node(stepId).click({ position: box ? { x: Math.min(140, box.width * 0.6), y: Math.min(80, box.height * 0.6) } : { x: 140, y: 80 } });
    await expect(this.inspector().getByTestId("inspector-step-id")).toHaveText(stepId);
  }

  paletteTool(toolName: string) {
    return this.page.locator(`[data-testid="palette-tool"][data-tool="${toolName}"]`);
  }

  /** Drags from one step's output handle to another step's input handle. */
  async connect(source: string, target: string) {
    await this.node(source).locator(".react-flow__handle.source").dragTo(this.node(target).locator(".react-flow__handle.target"));
  }

  async fitView() {
    await this.page.locator(".react-flow__controls-fitview").click();
  }

  async save() {
    await this.button("Save").click();
  }

  async autoLayout(direction: "Top-down" | "Left-right") {
    await this.button(/Auto-layout/).click();
    await this.page.getByRole("menuitem", { name: direction }).click();
  }

  async export(kind: "JSON" | "PNG image" | "SVG image") {
    const download = this.page.waitForEvent("download");
    await this.button(/Export/).click();
    await this.page.getByRole("menuitem", { name: kind }).click();
    const file = await download;
    const chunks: Buffer[] = [];
    for await (const c of await file.createReadStream()) chunks.push(c as Buffer);
    return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  async askAi(mode: "Change this plan" | "Add steps from a goal", text: string) {
    await this.button(/Ask AI/).click();
    const dialog = this.page.getByRole("dialog", { name: "Ask AI" });
    await dialog.getByRole("tab", { name: mode }).click();
    await dialog.getByRole("textbox").fill(text);
    await dialog.getByRole("button", { name: /Propose/ }).click();
    await expect(dialog).toBeHidden();
  }

  proposal() {
    return this.page.getByTestId("proposal-panel");
  }

  proposalChange(kind: "added" | "removed" | "changed", stepId?: string) {
    return this.proposal().locator(`[data-testid="step-diff"][data-kind="${kind}"]${stepId ? `[data-step-id="${stepId}"]` : ""}`);
  }

  toast(text: string | RegExp) {
    return this.page.locator("[data-sonner-toast]").filter({ hasText: text });
  }
}
