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
