import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { orderedPlan } from "../lib/plan/export";
import { validatePlan } from "../lib/plan/validate";
import { CanvasPage, PlansPage } from "./pages/plans";

const carouselJson = readFileSync("lib/plan/fixtures/carousel.json", "utf8");

test("import the seed plan, inspect, save, reload, find it in the list, export it", async ({ page }) => {
  const plans = new PlansPage(page);
  const canvas = new CanvasPage(page);
  await plans.goto();
  await plans.pasteAndOpen(carouselJson);

  await expect(page).toHaveURL(/\/plans\/new$/);
  await expect(canvas.nodes()).toHaveCount(4);
  await expect(canvas.approvalBadges()).toHaveCount(2);
  await expect(canvas.node("format_post").getByTestId("approval-badge")).toBeVisible();
  await expect(canvas.node("web_search").getByTestId("approval-badge")).toHaveCount(0);
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);

  await canvas.node("generate_outline").click();
  await expect(canvas.inspector()).toContainText("Generate outline");
  await expect(canvas.inspector().getByTestId("inspector-step-id")).toHaveText("generate_outline");
  await expect(canvas.inspector().getByLabel("Description")).toHaveValue("Structure a 6-slide carousel outline from search results");

  await canvas.save();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Saved version 1")).toBeVisible();
  const planUrl = page.url();

  await page.reload();
  await expect(canvas.nodes()).toHaveCount(4);
  await expect(canvas.approvalBadges()).toHaveCount(2);
  await expect(page.getByTestId("plan-version")).toHaveText("v1");

  await plans.goto();
  await expect(plans.planLink("LinkedIn AI Trends Carousel").first()).toBeVisible();
  await page.goto(planUrl);

  const exported = await canvas.exportJson();
  const normalized = validatePlan(JSON.parse(carouselJson));
  if (!normalized.ok) throw new Error("the seed plan must validate");
  expect(exported).toEqual(orderedPlan(normalized.plan));
});

test("editing a step and saving creates version 2", async ({ page }) => {
  const plans = new PlansPage(page);
  const canvas = new CanvasPage(page);
  await plans.goto();
  await plans.pasteAndOpen(carouselJson);
  await canvas.save();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);

  await canvas.node("web_search").click();
  await canvas.inspector().getByLabel("Description").fill("Search for the top 3 AI marketing trends");
  await expect(page.getByTestId("dirty-indicator")).toHaveText(/Unsaved changes/);
  await page.keyboard.press("ControlOrMeta+s");
  await expect(page.getByText("Saved version 2")).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("plan-version")).toHaveText("v2");
  await expect(canvas.node("web_search")).toContainText("Search for the top 3 AI marketing trends");
});

test("import errors name the JSON path and suggest the tool", async ({ page }) => {
  const plans = new PlansPage(page);
  await plans.goto();
  await plans.pasteAndOpen(carouselJson.replace('"web_search"', '"web_serch"'));
  await expect(plans.importIssues()).toContainText('steps[0].toolName: unknown tool "web_serch" (did you mean "web_search"?)');
  await expect(page).toHaveURL(/\/$/);
});

test("import from a file", async ({ page }) => {
  const plans = new PlansPage(page);
  const canvas = new CanvasPage(page);
  await plans.goto();
  await plans.openImport();
  await page.getByRole("tab", { name: "File" }).click();
  await page.getByTestId("import-file").setInputFiles({ name: "carousel.json", mimeType: "application/json", buffer: Buffer.from(carouselJson) });
  await expect(page).toHaveURL(/\/plans\/new$/);
  await expect(canvas.nodes()).toHaveCount(4);
});

test("delete a plan from the list after confirming", async ({ page, request }) => {
  const title = `Disposable plan ${Date.now()}`;
  const res = await request.post("/api/plans", { data: { ...JSON.parse(carouselJson), title } });
  expect(res.status()).toBe(201);
  const plans = new PlansPage(page);
  await plans.goto();
  await expect(plans.planLink(title)).toBeVisible();
  await page.getByRole("button", { name: `Delete “${title}”` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText(`Deleted “${title}”`)).toBeVisible();
  await expect(plans.planLink(title)).toHaveCount(0);
});

test("one-line JSON wraps inside the import dialog, at desktop and at phone width", async ({ page }) => {
  const plans = new PlansPage(page);
  const plan = JSON.parse(carouselJson) as { steps: { description: string }[] };
  // Minified JSON with an unbroken 1,500-character word: nothing for the browser to wrap at but anywhere.
  plan.steps[0]!.description = "q".repeat(1500);
  const oneLine = JSON.stringify(plan);
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 844 });
    await plans.goto();
    await plans.openImport();
    const dialog = page.getByRole("dialog", { name: "Import a plan" });
    await page.getByLabel("Plan JSON").fill(oneLine);
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    const field = (await page.getByLabel("Plan JSON").boundingBox())!;
    expect(field.x + field.width).toBeLessThanOrEqual(box.x + box.width);
    await expect(dialog.getByRole("button", { name: "Open on canvas" })).toBeInViewport();
    await page.keyboard.press("Escape");
  }
});
