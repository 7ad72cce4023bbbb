import { expect, test } from "@playwright/test";
import { CanvasPage } from "./pages/plans";

test("type a goal, watch the plan arrive on a canvas, save it", async ({ page }) => {
  const canvas = new CanvasPage(page);
  await page.goto("/");
  await expect(page.getByTestId("model-badge")).toHaveText(/Offline model/);
  await page.getByLabel("What do you want to get done?").fill("Research AI trends and write a LinkedIn carousel");
  await page.getByRole("button", { name: "Plan it" }).click();

  // Streamed onto the canvas, then opened as an editable draft.
  await expect(page).toHaveURL(/\/plans\/new$/);
  await expect(canvas.nodes()).toHaveCount(4);
  await expect(canvas.approvalBadges()).toHaveCount(2);
  for (const id of ["web_search", "generate_outline", "format_post", "generate_image"]) await expect(canvas.node(id)).toBeVisible();

  await canvas.node("web_search").click();
  await expect(canvas.inspector().getByLabel(/^Query/)).toHaveValue("AI trends");
  await expect(canvas.inspector().getByTestId("step-origin")).toHaveText("Written by AI");

  await canvas.save();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Saved version 1")).toBeVisible();
  await page.reload();
  await expect(canvas.nodes()).toHaveCount(4);
});

test("a part of the goal no tool can do is listed as not planned, on the stream and on the draft", async ({ page }) => {
  const canvas = new CanvasPage(page);
  await page.goto("/");
  await page
    .getByLabel("What do you want to get done?")
    .fill("Find the latest news on electric vehicles, POST a digest to https://hooks.slack.com/services/T0/B0/X and also call the CRM API to tag the customer");
  await page.getByRole("button", { name: "Plan it" }).click();

  await expect(page).toHaveURL(/\/plans\/new$/);
  await expect(canvas.nodes()).toHaveCount(3);
  for (const id of ["web_search", "summarize", "http_request"]) await expect(canvas.node(id)).toBeVisible();
  const callout = page.getByTestId("not-planned");
  await expect(callout).toContainText("Not planned");
  await expect(callout.getByTestId("not-planned-part")).toHaveText([/^call the CRM API to tag the customer — no tool for that/]);
  await page.screenshot({ path: "test-results/e2e/not-planned.png" });

  await callout.getByRole("button", { name: "Dismiss what was not planned" }).click();
  await expect(callout).toHaveCount(0);
});

test("a goal with nothing to plan comes back to the goal box with why", async ({ page }) => {
  await page.goto("/");
  const box = page.getByLabel("What do you want to get done?");
  await box.fill("hello");
  await page.getByRole("button", { name: "Plan it" }).click();

  await expect(page.getByTestId("goal-refused")).toBeVisible();
  const problem = page.getByTestId("goal-problem");
  await expect(problem).toContainText("Nothing to plan: it is small talk, not a task");
  await expect(problem).toContainText(
    'A plannable goal should say what to research, read, write, make or send — e.g. "Research AI trends and write a LinkedIn carousel"',
  );
  await expect(box).toHaveValue("hello");
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("canvas")).toHaveCount(0);
  await page.screenshot({ path: "test-results/e2e/goal-refused.png" });

  // A real goal from the same box plans as usual.
  await box.fill("Write a LinkedIn post about our hiring push");
  await expect(problem).toHaveCount(0);
  await page.getByRole("button", { name: "Plan it" }).click();
  await expect(page).toHaveURL(/\/plans\/new$/);
  await expect(new CanvasPage(page).node("format_post")).toBeVisible();
  await expect(page.getByTestId("not-planned")).toHaveCount(0);
});

test("the goal box counts characters near its limit and says when it is reached", async ({ page }) => {
  await page.goto("/");
  const box = page.getByLabel("What do you want to get done?");
  await box.fill("a".repeat(1000));
  await expect(page.getByTestId("goal-counter")).toHaveCount(0);
  await box.fill("a".repeat(1999));
  await expect(page.getByTestId("goal-counter")).toHaveText("1,999 / 2,000");
  await box.press("End");
  await box.pressSequentially("bc");
  await expect(box).toHaveValue("a".repeat(1999) + "b");
  await expect(page.getByTestId("goal-counter")).toContainText("Limit reached");
  await expect(page.getByTestId("goal-counter")).toContainText("2,000 / 2,000");
});

test("a template that fits the goal is offered beside the draft, with the values from the goal", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("What do you want to get done?").fill("Research AI trends and write a LinkedIn carousel with 8 slides");
  await page.getByRole("button", { name: "Plan it" }).click();
  await expect(page).toHaveURL(/\/plans\/new$/);
  const offer = page.getByTestId("template-suggestion");
  await expect(offer).toContainText("A template fits this goal: LinkedIn carousel from research");
  await expect(offer).toContainText("topic = AI trends, slides = 8");

  await offer.getByRole("button", { name: "Use the template" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel(/^Topic/)).toHaveValue("AI trends");
  await expect(dialog.getByLabel(/^Slides/)).toHaveValue("8");
  await expect(dialog.getByTestId("template-preview-title")).toHaveText("LinkedIn carousel: AI trends");
  await dialog.getByTestId("create-from-template").click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel("Plan title")).toHaveValue("LinkedIn carousel: AI trends");

  // Keeping the planner's draft instead: the offer goes away.
  await page.goto("/");
  await page.getByLabel("What do you want to get done?").fill("Research AI trends and write a LinkedIn carousel");
  await page.getByRole("button", { name: "Plan it" }).click();
  await expect(page.getByTestId("template-suggestion")).toBeVisible();
  await page.getByRole("button", { name: "Keep this plan, not the template" }).click();
  await expect(page.getByTestId("template-suggestion")).toHaveCount(0);
});
