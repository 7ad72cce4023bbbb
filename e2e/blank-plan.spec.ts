import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor";
import { PlansPage } from "./pages/plans";

test("start a blank plan, add a step from the palette, save it, find it in the list", async ({ page }) => {
  const plans = new PlansPage(page);
  const editor = new EditorPage(page);
  await plans.goto();
  await plans.newBlankPlan();

  await expect(page.getByLabel("Plan title")).toHaveValue("Untitled plan");
  await expect(page.getByTestId("canvas-empty")).toContainText("palette");
  await expect(editor.nodes()).toHaveCount(0);

  const title = `Blank plan ${Date.now()}`;
  await page.getByLabel("Plan title").fill(title);
  await editor.paletteTool("summarize").click();
  await expect(editor.nodes()).toHaveCount(1);
  await expect(page.getByTestId("canvas-empty")).toHaveCount(0);

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Saved version 1")).toBeVisible();

  await plans.goto();
  await expect(plans.planLink(title)).toBeVisible();
});

test("/plans/new with no import opens a blank plan, not an error", async ({ page }) => {
  await page.goto("/plans/new");
  await expect(page.getByLabel("Plan title")).toHaveValue("Untitled plan");
  await expect(page.getByTestId("canvas-empty")).toBeVisible();
  await expect(page.getByText("No imported plan to show")).toHaveCount(0);
});
