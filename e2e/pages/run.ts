import { expect, type Page } from "@playwright/test";

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
