import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { planAndRun } from "./pages/run";

test.describe.configure({ timeout: 120_000 });

// A carousel behind an approval gate, offline: the reviewer edits slide 2 (the server refuses it
// over the limit first, naming the slide), approves, and the finished run's results carry the edit.
test("edit a carousel slide by slide, then copy and download the results", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const run = await planAndRun(page);
  await run.expectStep("format_post", "awaiting_approval");
  await run.select("format_post");
  const editor = await run.editSlides();
  const slides = editor.getByTestId("edit-slide");
  expect(await slides.count()).toBeGreaterThanOrEqual(3);
  await expect(editor.getByLabel("Caption", { exact: true })).not.toBeEmpty();

  // Over the platform's limit: the counter says so, and the server refuses it by path.
  const body2 = editor.getByLabel("Slide 2 body");
  await body2.fill("x".repeat(3001));
  await expect(slides.nth(1).getByTestId("char-counter")).toHaveText("3,001 / 3,000 — 1 over the limit");
  await run.saveEdit();
  const panel = page.getByTestId("decision-panel");
  await expect(panel.getByRole("alert")).toHaveText("output.slides[1].body: 3,001 characters, the limit is 3,000");
  await expect(slides.nth(1)).toContainText("body: 3,001 characters, the limit is 3,000");
  await run.expectStep("format_post", "awaiting_approval");

  // Slide 2 rewritten; the last slide moved up with the keyboard, focus following it.
  await editor.getByLabel("Slide 2 title").fill("Agents do the busywork");
  await body2.fill("Assistants that book, file and follow up — reviewed by a person.");
  const count = await slides.count();
  const lastTitle = await editor.getByLabel(`Slide ${count} title`).inputValue();
  await editor.getByRole("button", { name: `Move slide ${count} up` }).focus();
  await page.keyboard.press("Enter");
  await expect(editor.getByRole("button", { name: `Move slide ${count - 1} up` })).toBeFocused();
  await expect(editor.getByLabel(`Slide ${count - 1} title`)).toHaveValue(lastTitle);
  // Add a slide, then remove it again: the count is back.
  await editor.getByRole("button", { name: /Add slide/ }).click();
  await expect(editor.getByLabel(`Slide ${count + 1} title`)).toBeFocused();
  await editor.getByRole("button", { name: `Remove slide ${count + 1}` }).click();
  await expect(slides).toHaveCount(count);

  await editor.getByRole("tab", { name: "Preview" }).click();
  await expect(editor.getByTestId("draft-preview")).toContainText("Agents do the busywork");
  await run.saveEdit();
  await run.expectStep("format_post", "approved");

  await run.expectStep("generate_image", "awaiting_approval");
  await run.select("generate_image");
  await run.approve();
  await run.expectRun("succeeded");

  // The results: the edited carousel, slide by slide, and the image.
  await run.showResults();
  const post = run.results().locator('[data-testid="result-item"][data-step-id="format_post"]');
  await expect(post).toContainText("Slide 2");
  await expect(post).toContainText("Agents do the busywork");
  await expect(post).toContainText("edited by the reviewer");
  await post.getByRole("button", { name: "Copy the format post as plain text" }).click();
  await expect(page.getByText("Copied as plain text")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("Slide 2: Agents do the busywork\nAssistants that book, file and follow up — reviewed by a person.");
  expect(copied).toContain(`Slide ${count - 1}: ${lastTitle}`);
  await post.getByRole("button", { name: "Copy markdown of the format post" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("## Slide 2: Agents do the busywork");

  const image = run.results().locator('[data-testid="result-item"][data-step-id="generate_image"]');
  await expect(image.locator("img")).toBeVisible();
  const download = page.waitForEvent("download");
  await image.getByRole("link", { name: /^Download PNG: / }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^research-ai-trends[a-z0-9-]*-generate_image\.png$/);
  const bytes = readFileSync((await file.path())!);
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect(bytes.length).toBeGreaterThan(1000);

  // What fed them is folded away below.
  const intermediate = run.results().getByTestId("intermediate-item");
  expect(await intermediate.count()).toBeGreaterThanOrEqual(2);
  await expect(intermediate.first()).not.toHaveAttribute("open");
  await intermediate.first().locator("summary").click();
  await expect(intermediate.first()).toHaveAttribute("open");
  await expect(intermediate.first().getByRole("button", { name: /as plain text$/ })).toBeVisible();

  // A finished run opens on its results; the canvas is one click away.
  await page.reload();
  await expect(run.results()).toBeVisible();
  await expect(page.getByTestId("run-canvas")).toBeHidden();
  await run.select("format_post");
  await expect(run.panel().getByTestId("post-output")).toContainText("Agents do the busywork");
});

test("a cancelled run's results: what was never approved is apart, what never ran is named", async ({ page }) => {
  const run = await planAndRun(page);
  await run.expectStep("format_post", "awaiting_approval");
  await page.getByRole("button", { name: "Cancel run" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel run" }).click();
  await run.expectRun("cancelled");
  await page.reload();
  await expect(run.results()).toContainText("This run delivered nothing final.");
  await expect(run.results().getByTestId("results-missing")).toHaveText("Not delivered: 3. Generate image (cancelled)");
  await expect(run.results().getByTestId("results-unapproved")).toContainText("Format post");
  await expect(run.results().getByTestId("results-intermediate").getByTestId("intermediate-item")).toHaveCount(2);
  await expect(run.results().getByTestId("result-item")).toHaveCount(0);
});
