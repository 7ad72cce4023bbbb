import { expect, type Page } from "@playwright/test";

/** The plan list and import dialog, as a user sees them. */
export class PlansPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { name: "Plans" })).toBeVisible();
  }

  async openImport() {
    await this.page.getByRole("button", { name: "Import JSON" }).first().click();
    await expect(this.page.getByRole("dialog", { name: "Import a plan" })).toBeVisible();
  }

  async pasteAndOpen(json: string) {
    await this.openImport();
    await this.page.getByLabel("Plan JSON").fill(json);
    await this.page.getByRole("button", { name: "Open on canvas" }).click();
  }

  async newBlankPlan() {
    await this.page.getByRole("link", { name: "New blank plan" }).first().click();
    await expect(this.page).toHaveURL(/\/plans\/new$/);
  }

  importIssues() {
    return this.page.getByTestId("import-issues");
  }

  planLink(title: string) {
    return this.page.getByTestId("plan-list").getByRole("link", { name: title });
  }
}

/** The canvas editor of one plan. */
export class CanvasPage {
  constructor(private readonly page: Page) {}

  nodes() {
    return this.page.getByTestId("step-node");
  }

  approvalBadges() {
    return this.page.getByTestId("approval-badge");
  }

  node(stepId: string) {
    return this.page.locator(`[data-testid="step-node"][data-step-id="${stepId}"]`);
  }

  inspector() {
    return this.page.getByTestId("step-inspector");
  }

  async save() {
    await this.page.getByRole("button", { name: "Save" }).click();
  }

  async exportJson(): Promise<unknown> {
    const download = this.page.waitForEvent("download");
    await this.page.getByRole("button", { name: "Export" }).click();
    await this.page.getByRole("menuitem", { name: "JSON" }).click();
    const file = await download;
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  }
}
