import { expect, test } from "@playwright/test";
import { KnowledgePage } from "./pages/knowledge";

test("a fresh workspace ships searchable sample documents, marked as samples", async ({ page }) => {
  const kb = new KnowledgePage(page);
  await kb.goto();
  await expect(kb.row("LinkedIn carousel best practices")).toBeVisible();
  expect(await kb.sampleBadges().count()).toBeGreaterThanOrEqual(10);
  await kb.row("AI marketing trends in 2026").getByTestId("sample-badge").hover();
  await expect(page.getByRole("tooltip")).toHaveText("Sample data shipped with Planvas so the offline demo has something to search");

  await kb.search("AI trends 2026 marketing");
  await expect(kb.results().first()).toContainText("AI marketing trends in 2026");
  await expect(kb.results().first().locator("mark").first()).toBeVisible();
});

test("add a pasted document and find it by search, with a snippet", async ({ page }) => {
  const kb = new KnowledgePage(page);
  await kb.goto();
  await kb.paste("Zeppelin hangar checklist", "# Hangar\n\nInspect the zeppelin envelope for tears before every flight.\n\nLog helium pressure daily.");
  await expect(page.getByText("Added “Zeppelin hangar checklist”")).toBeVisible();
  await expect(kb.row("Zeppelin hangar checklist")).toContainText("Markdown");
  await expect(kb.row("Zeppelin hangar checklist").getByTestId("sample-badge")).toHaveCount(0);

  await kb.search("zeppelin envelope");
  const hit = kb.result("Zeppelin hangar checklist");
  await expect(hit).toBeVisible();
  await expect(hit.getByTestId("result-snippet")).toContainText("Inspect the zeppelin envelope for tears");
  await expect(hit.locator("mark").first()).toHaveText("zeppelin envelope");
  await expect(kb.results()).toHaveCount(1);

  await hit.getByRole("button", { name: "Zeppelin hangar checklist", exact: true }).click();
  await expect(page).toHaveURL(/\/knowledge#[0-9a-f-]{36}$/);
  await expect(kb.documentSheet().getByTestId("document-content")).toContainText("Log helium pressure daily.");
  await page.keyboard.press("Escape");
  await expect(kb.documentSheet()).toBeHidden();
  await expect(page).toHaveURL(/\/knowledge$/);
});

test("upload a Markdown file: its first heading becomes the title", async ({ page }) => {
  const kb = new KnowledgePage(page);
  await kb.goto();
  const markdown = "# Cold brew ratios\n\nSteep coarse coffee at 1:8 for 16 hours, then dilute 1:1 with water or milk.\n";
  await kb.upload({ name: "cold-brew.md", mimeType: "text/markdown", buffer: Buffer.from(markdown) });
  await expect(page.getByText("Added “cold-brew.md”")).toBeVisible();
  await expect(kb.row("Cold brew ratios")).toBeVisible();

  await kb.search("steep coarse");
  await expect(kb.result("Cold brew ratios").getByTestId("result-snippet")).toContainText("coarse coffee");
});

test("delete a document after confirming", async ({ page }) => {
  const kb = new KnowledgePage(page);
  const created = await page.request.post("/api/documents", { data: { title: "Draft to discard", content: "Nothing worth keeping here.", format: "text" } });
  expect(created.status()).toBe(201);
  await kb.goto();
  await expect(kb.row("Draft to discard")).toBeVisible();
  await kb.remove("Draft to discard");
  await expect(page.getByText("Deleted “Draft to discard”")).toBeVisible();
  await expect(kb.row("Draft to discard")).toHaveCount(0);
  await page.reload();
  await expect(kb.row("LinkedIn carousel best practices")).toBeVisible();
  await expect(kb.row("Draft to discard")).toHaveCount(0);
});

test("a refused URL import explains why", async ({ page }) => {
  const kb = new KnowledgePage(page);
  await kb.goto();
  await kb.openAdd();
  await kb.dialog().getByRole("tab", { name: "From URL" }).click();
  await kb.dialog().getByLabel("Page URL").fill("http://127.0.0.1:9/private");
  await kb.dialog().getByRole("button", { name: "Import page" }).click();
  await expect(kb.dialog().getByTestId("add-document-error")).toContainText("http://127.0.0.1:9/private");
  await expect(kb.dialog().getByTestId("add-document-error")).toContainText("loopback");
});
