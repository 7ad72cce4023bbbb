import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createPlan, EditorPage } from "./pages/editor";

// Make a template from a plan in the editor, use it, publish v2, and upgrade the derived plan.
async function makeParam(editor: EditorPage, stepId: string, input: RegExp, name: string, label: string, def: string) {
  await editor.select(stepId);
  await editor.inspector().getByTestId("make-param").click();
  await editor.page.getByRole("option", { name: input }).click();
  const dialog = editor.page.getByTestId("param-dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Label").fill(label);
  await dialog.getByLabel("Default").fill(def);
  await dialog.getByTestId("param-save").click();
  await expect(dialog).toBeHidden();
}

const templateDialog = (page: Page) => page.getByTestId("template-dialog");

/** "Save as template" is in Export at this width (its own button at 2xl, in More below xl). */
async function openSaveAsTemplate(editor: EditorPage) {
  await editor.button(/Export/).click();
  await editor.page.getByRole("menuitem", { name: "Save as template…" }).click();
}

/** 0 WCAG 2 A/AA violations in light and dark (as e2e/a11y.spec.ts checks pages); with PLANVAS_SCREENSHOTS set, screenshots to look at. */
async function shoot(page: Page, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity));
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      `${name} (${scheme})`,
    ).toEqual([]);
    if (process.env.PLANVAS_SCREENSHOTS) await page.screenshot({ path: `test-results/shots/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("save a plan as a template, use it, publish v2 and upgrade the derived plan keeping a local edit", async ({ page, request, context }) => {
  // Five stages with axe scans in two colour schemes: 26 s on a quiet 2-core machine, past 30 s under load.
  test.setTimeout(60_000);
  // Not "carousel": the gallery spec searches for that word in the same database.
  const name = `Slides from the editor ${Date.now()}`;
  const editor = new EditorPage(page);
  await editor.open(await createPlan(request));

  // The outline's section count becomes the parameter `slides`; the node shows the slot.
  await makeParam(editor, "generate_outline", /Sections/, "slides", "Slides", "6");
  await expect(editor.node("generate_outline").getByTestId("param-badge")).toHaveText("sections: slides");
  await expect(editor.inspector().getByTestId("step-param")).toContainText("slides");
  await expect(editor.inspector().locator('[data-field="sections"]').getByTestId("field-param-badge")).toHaveText("{{slides}} (template parameter)");
  await shoot(page, "param-badge");

  // A placeholder in a description names a parameter that does not exist yet: publishing is refused until it does.
  await editor.select("web_search");
  await editor.inspector().getByLabel("Description", { exact: true }).fill("Search for top 5 {{topic}} trends in 2026");
  await openSaveAsTemplate(editor);
  const dialog = templateDialog(page);
  await expect(dialog.getByTestId("template-problems")).toContainText("steps[0].description");
  await expect(dialog.getByTestId("template-problems")).toContainText("{{topic}} names no parameter");
  await expect(dialog.getByTestId("template-publish")).toBeDisabled();
  await shoot(page, "template-dialog-problems");
  await dialog.getByTestId("add-text-param").click();
  await expect(dialog.getByTestId("template-problems")).toHaveCount(0);
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Description").fill("Research, outline, copy and image");
  await dialog.getByTestId("template-publish").click();
  await expect(dialog).toBeHidden();
  await expect(editor.toast(`Published “${name}” as a template`)).toBeVisible();

  // In another tab: the gallery lists it; using it makes a plan pinned to v1.
  const other = await context.newPage();
  const derived = new EditorPage(other);
  await other.goto("/templates");
  const card = other.getByTestId("template-card").filter({ hasText: name });
  await expect(card).toBeVisible();
  await card.getByTestId("use-template").click();
  const use = other.getByRole("dialog");
  await use.getByLabel(/^Topic/).fill("remote work");
  await use.getByLabel(/^Slides/).fill("8");
  await use.getByTestId("create-from-template").click();
  await expect(other).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  const banner = other.getByTestId("template-banner");
  await expect(banner).toContainText(`from ${name} v1`);
  await expect(banner).not.toContainText("available");
  await derived.select("web_search");
  await expect(derived.inspector().getByLabel("Description", { exact: true })).toHaveValue("Search for top 5 remote work trends in 2026");
  // A local edit, saved.
  await derived.select("format_post");
  await derived.inspector().getByLabel("Description", { exact: true }).fill("Write the carousel copy in our house style");
  await derived.save();
  await expect(derived.version()).toHaveText("v2");

  // Run it to the approval: the run says which template version and values it was made from.
  const derivedId = new URL(other.url()).pathname.split("/").pop()!;
  const started = await other.request.post("/api/runs", { data: { planId: derivedId } });
  expect(started.status()).toBe(201);
  const { runId } = (await started.json()) as { runId: string };
  const runPage = await context.newPage();
  await runPage.goto(`/runs/${runId}`);
  await expect(runPage.locator('[data-testid="run-step-node"][data-step-id="format_post"]')).toHaveAttribute("data-status", "awaiting_approval", {
    timeout: 30_000,
  });
  await expect(runPage.getByTestId("run-template")).toContainText(`from template ${name} v1`);
  await expect(runPage.getByTestId("run-template")).toContainText("slides = 8");
  expect((await other.request.post(`/api/runs/${runId}/cancel`)).status()).toBe(202);
  await runPage.close();

  // Back in the original plan: an extra step, published as the template's v2.
  await editor.select("generate_image");
  await editor.paletteTool("summarize").click();
  await expect(editor.node("summarize")).toBeVisible();
  await openSaveAsTemplate(editor);
  await expect(dialog.getByTestId("template-mode-version")).toHaveAttribute("aria-checked", "true");
  await expect(dialog.getByTestId("template-publish")).toBeDisabled(); // a version needs a change note
  await dialog.getByLabel(/Change note/).fill("Adds a summary");
  await dialog.getByTestId("template-publish").click();
  await expect(dialog).toBeHidden();
  await expect(editor.toast("Published version 2")).toBeVisible();

  // The derived plan is offered v2; the upgrade adds the step and keeps the local edit.
  await other.reload();
  await expect(banner).toContainText(`from ${name} v1 · v2 available`);
  await banner.getByTestId("template-upgrade").click();
  const upgrade = other.getByTestId("upgrade-dialog");
  await expect(upgrade.locator('[data-testid="upgrade-outcome"][data-step-id="summarize"]')).toHaveAttribute("data-kind", "added_by_template");
  await expect(upgrade.locator('[data-testid="upgrade-outcome"][data-step-id="format_post"]')).toHaveAttribute("data-kind", "mine");
  await expect(upgrade).toContainText('topic = "remote work"');
  await expect(upgrade).toContainText("slides = 8");
  await shoot(other, "upgrade-dialog");
  await expect(upgrade.getByTestId("plan-diff").locator('[data-testid="step-diff"][data-kind="added"]')).toHaveCount(1);
  await upgrade.getByTestId("upgrade-accept").click();
  await expect(upgrade).toBeHidden();
  await expect(derived.node("summarize")).toBeVisible();
  await expect(derived.dirty()).toHaveText(/Unsaved changes/);
  await derived.select("format_post");
  await expect(derived.inspector().getByLabel("Description", { exact: true })).toHaveValue("Write the carousel copy in our house style");
  await derived.select("generate_outline");
  await expect(derived.inspector().getByLabel(/^Sections/)).toHaveValue("8");
  await derived.save();
  await expect(derived.version()).toHaveText("v3");
  await other.reload();
  await expect(banner).toContainText(`from ${name} v2`);
  await expect(banner).not.toContainText("available");
});
