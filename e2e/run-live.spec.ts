import { expect, test } from "@playwright/test";
import { planAndRun, RunPage } from "./pages/run";
import { OWNER } from "./support/owner";

test.describe.configure({ timeout: 90_000 });

test("the carousel goal runs live: edit & approve the post, approve the image, see the results", async ({ page }) => {
  const run = await planAndRun(page);
  await run.expectStep("web_search", "succeeded");
  await run.expectStep("generate_outline", "succeeded");
  await run.expectStep("format_post", "awaiting_approval");
  await run.expectRun("awaiting_approval");
  await expect(page.getByTestId("approvals-panel")).toContainText("format_post");

  await run.select("format_post");
  await expect(run.panel().getByTestId("post-output")).toBeVisible();
  await run.editAndApprove("Five AI trends every marketer should act on this quarter — swipe through.");
  await run.expectStep("format_post", "approved");

  await run.expectStep("generate_image", "awaiting_approval");
  await run.select("generate_image");
  await expect(run.panel().getByTestId("image-output").locator("img")).toBeVisible();
  await run.approve();
  await run.expectRun("succeeded");

  await run.select("format_post");
  await expect(run.panel().getByTestId("post-output")).toContainText("Five AI trends every marketer should act on this quarter");
  // A finished step shows how long it took, not a dash.
  await expect(run.panel().getByTestId("step-duration")).toHaveText(/^\d+(\.\d)? (ms|s)$|^\d+m \d{2}s$/);
  await run
    .panel()
    .getByRole("tab", { name: /Approvals/ })
    .click();
  await expect(run.panel().getByTestId("approval-audit")).toContainText(`edit by ${OWNER.name}`);
  // The hash is shortened (the whole of it in the title) and the audit does not widen the panel.
  const hash = run.panel().getByTestId("approval-audit").getByTestId("content-hash").first();
  await expect(hash).toContainText(/sha-256 [0-9a-f]{12}…/);
  await expect(hash.locator("[title]").first()).toHaveAttribute("title", /^[0-9a-f]{64}$/);
  const panelBox = await run.panel().boundingBox();
  const auditBox = await run.panel().getByTestId("approval-audit").boundingBox();
  expect(auditBox!.x + auditBox!.width).toBeLessThanOrEqual(panelBox!.x + panelBox!.width + 1);
  await run.select("generate_image");
  const img = run.panel().getByTestId("image-output").locator("img");
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(100);
});

test("reject with feedback: a revised output waits for approval again; reload keeps the live state", async ({ page }) => {
  const run = await planAndRun(page, "Look up what people say about the four-day work week and write an X post with my take");
  await run.expectStep("format_post", "awaiting_approval");
  await run.select("format_post");
  const before = await run.panel().getByTestId("post-output").innerText();
  await run.rejectWithFeedback("Shorter, and lead with a different point");
  await run.expectStep("format_post", "awaiting_approval");
  await expect(run.node("format_post")).toContainText("revision 1");

  await page.reload();
  await run.expectStep("format_post", "awaiting_approval");
  await run.select("format_post");
  await expect(run.panel().getByTestId("post-output")).not.toHaveText(before);
  await run.approve();
  await run.expectRun("succeeded");
});

test("cancel a run waiting for approval", async ({ page }) => {
  const run = await planAndRun(page, "Draft a newsletter about our Q3 product updates");
  await run.expectStep("format_post", "awaiting_approval");
  await page.getByRole("button", { name: "Cancel run" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Cancel this run?" });
  await expect(confirm).toBeVisible();
  // Nothing is cancelled until the dialog is confirmed.
  await run.expectStep("format_post", "awaiting_approval");
  await confirm.getByRole("button", { name: "Cancel run" }).click();
  await expect(confirm).toHaveCount(0);
  await run.expectRun("cancelled");
  await run.expectStep("format_post", "cancelled");
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
});

test("rerun from a step reuses the outputs before it", async ({ page }) => {
  const run = await planAndRun(page, "Research competitors of Notion and produce a comparison outline");
  await run.expectRun("succeeded");
  await run.select("generate_outline");
  await run.panel().getByRole("button", { name: "Rerun from here" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("rerun-plan")).toContainText("web_search");
  await expect(dialog.getByTestId("rerun-plan")).toContainText("reused");
  await dialog.getByRole("button", { name: "Start the rerun" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await run.expectRun("succeeded");
  await expect(run.node("web_search")).toContainText("reused");
});

test("the inbox lists steps waiting for a decision and approves them", async ({ page }) => {
  await planAndRun(page, "Create an Instagram post announcing our new coffee blend, with an image");
  await new RunPage(page).expectStep("format_post", "awaiting_approval");
  await page.getByRole("link", { name: /Inbox/ }).click();
  await expect(page.getByTestId("inbox-count")).toHaveText(/\d+/);
  const item = page.getByTestId("inbox-item").filter({ hasText: "coffee" }).first();
  await expect(item).toBeVisible();
  // It says where it belongs: plan · run · step, each a link.
  const where = item.getByTestId("inbox-item-where");
  await expect(where).toHaveText(/^.+ · run [0-9a-f]{8} · step \d+ Format post$/);
  await expect(where.getByRole("link").first()).toHaveAttribute("href", /^\/plans\/[0-9a-f-]{36}$/);
  await expect(where.getByRole("link", { name: /^run [0-9a-f]{8}$/ })).toHaveAttribute("href", /^\/runs\/[0-9a-f-]{36}$/);
  await expect(where.getByRole("link", { name: /^step \d+ / })).toHaveAttribute("href", /^\/runs\/[0-9a-f-]{36}\?step=format_post$/);
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(/Approved format_post/)).toBeVisible();
});
