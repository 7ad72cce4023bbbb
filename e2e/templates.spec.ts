import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor";

test("use a starter template from the gallery: a form from its parameters, a live preview, a new plan", async ({ page }) => {
  const editor = new EditorPage(page);
  await page.goto("/templates");
  await expect(page.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible();
  const starters = page.getByRole("region", { name: "Starter templates" }).getByTestId("template-card");
  expect(await starters.count()).toBeGreaterThanOrEqual(8);

  await page.getByTestId("template-search").fill("carousel");
  await expect(page.getByTestId("template-card")).toHaveCount(1);
  await page.getByTestId("template-search").fill("no such thing at all");
  await expect(page.getByTestId("templates-empty")).toBeVisible();
  await page.getByTestId("template-search").fill("");

  const card = page.locator('[data-testid="template-card"][data-template="linkedin-carousel-from-research"]');
  await card.getByTestId("use-template").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("template-form")).toBeVisible();
  // The parameters' fields come from the tools' schemas: Slides is the outline's section count (1–20).
  const slides = dialog.getByLabel(/^Slides/);
  await expect(slides).toHaveAttribute("type", "number");
  await expect(slides).toHaveAttribute("max", "20");

  await dialog.getByLabel(/^Topic/).fill("remote work");
  await slides.fill("50");
  await expect(dialog.getByText(/20/).first()).toBeVisible();
  await slides.fill("8");
  await expect(dialog.getByTestId("template-preview-title")).toHaveText("LinkedIn carousel: remote work");
  await expect(dialog.getByTestId("step-node")).toHaveCount(4);

  await dialog.getByTestId("create-from-template").click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel("Plan title")).toHaveValue("LinkedIn carousel: remote work");
  await expect(editor.nodes()).toHaveCount(4);
  await editor.select("outline");
  await expect(editor.inspector().getByLabel(/^Sections/)).toHaveValue("8");
});

test("export a template as a file and import it into the workspace", async ({ page }) => {
  await page.goto("/templates");
  const card = page.locator('[data-testid="template-card"][data-template="research-brief"]');
  const downloading = page.waitForEvent("download");
  await card.getByRole("link", { name: /^Export .* as a file$/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^research-brief-v1\.planvas-template\.json$/);
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);

  await page.getByTestId("template-import-file").setInputFiles(file);
  await expect(page.getByText("Imported research-brief-v1.planvas-template.json")).toBeVisible();
  const own = page.getByRole("region", { name: "This workspace" }).getByTestId("template-card");
  await expect(own.filter({ hasText: "Research brief" }).first()).toBeVisible();

  // A file that is not a template says what is wrong with it.
  await page.getByTestId("template-import-file").setInputFiles({ name: "workflow.json", mimeType: "application/json", buffer: Buffer.from('{"nodes": []}') });
  await expect(page.getByText("not a Planvas template file")).toBeVisible();
});

test("run a template now: the run records the template version and the values", async ({ page }) => {
  await page.goto("/templates");
  const card = page.locator('[data-testid="template-card"][data-template="research-brief"]');
  await card.getByTestId("use-template").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/^Question/).fill("What changed in remote work this year?");
  await dialog.getByTestId("run-template").click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("run-template")).toContainText("from template Research brief v1 · ");
  await expect(page.getByTestId("run-template")).toContainText("question = What changed in remote work this year?");
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", /running|succeeded|awaiting_approval/);
});
