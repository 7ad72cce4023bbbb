import { expect, test, type Page } from "@playwright/test";
import { createPlan, EditorPage } from "./pages/editor";
import { RunPage, startWaitingRun } from "./pages/run";

// An iPhone-sized screen: what a reviewer approving from a phone has.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });
test.describe.configure({ timeout: 90_000 });

async function expectNoSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

test("the navigation folds into a menu that fits the header", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Plans" })).toBeVisible();
  await expectNoSideways(page);
  const header = (await page.locator("header").boundingBox())!;
  expect(header.height).toBeLessThanOrEqual(49);
  await expect(page.getByRole("link", { name: /Inbox/ })).toBeVisible();
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("menuitem", { name: "Runs" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(page.getByRole("heading", { name: "Runs" })).toBeVisible();
});

test("a reviewer reads the output and approves from the run page", async ({ page, request }) => {
  const { runId } = await startWaitingRun(request);
  await page.goto(`/runs/${runId}`);
  const run = new RunPage(page);
  await expectNoSideways(page);
  // The canvas keeps its height, with the steps on it.
  const canvas = (await page.getByTestId("run-canvas").boundingBox())!;
  expect(canvas.height).toBeGreaterThanOrEqual(250);
  expect(canvas.width).toBeGreaterThanOrEqual(380);
  await expect(run.node("format_post")).toBeVisible();
  // Below it, the output to review, readable at full width, and the decision.
  const output = run.panel().getByTestId("post-output");
  await output.scrollIntoViewIfNeeded();
  await expect(output).toBeInViewport();
  expect((await output.boundingBox())!.width).toBeGreaterThanOrEqual(300);
  const approve = page.getByTestId("decision-panel").getByRole("button", { name: "Approve", exact: true });
  await approve.scrollIntoViewIfNeeded();
  await approve.tap();
  await run.expectStep("format_post", "approved");
});

test("the editor toolbar takes two rows; the rest is under More", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.open(await createPlan(request));
  await expectNoSideways(page);
  const toolbar = page.getByRole("toolbar", { name: "Plan editor" });
  expect((await toolbar.boundingBox())!.height).toBeLessThanOrEqual(100);
  for (const name of ["Undo", "Ask AI", "Save", "Run", "More commands"]) await expect(toolbar.getByRole("button", { name, exact: true })).toBeVisible();
  await expect(toolbar.getByRole("button", { name: /Auto-layout/ })).toBeHidden();

  await toolbar.getByRole("button", { name: "More commands" }).click();
  await page.getByRole("menuitem", { name: "Left-right" }).click();
  await expect(editor.dirty()).toHaveText(/Unsaved changes/);
  await toolbar.getByRole("button", { name: "More commands" }).click();
  await page.getByRole("menuitem", { name: "Versions" }).click();
  const sheet = page.getByTestId("versions-sheet");
  await expect(sheet).toBeVisible();
  // Once it has slid in, it fits the screen.
  await expect
    .poll(async () => {
      const box = (await sheet.boundingBox())!;
      return box.x >= 0 && box.x + box.width <= 390;
    })
    .toBe(true);
});
