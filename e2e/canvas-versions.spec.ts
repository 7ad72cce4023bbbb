import { expect, test } from "@playwright/test";
import { carouselJson, createPlan, EditorPage } from "./pages/editor";
import { OWNER_STATE } from "./support/owner";

test("version history: field-by-field diff against the canvas, restore as a new version", async ({ page, request }) => {
  const editor = new EditorPage(page);
  const id = await createPlan(request);
  // Version 2 (saved elsewhere): no image, another search, an 8-slide outline.
  const v2 = JSON.parse(carouselJson) as { steps: Record<string, unknown>[] };
  v2.steps = v2.steps.slice(0, 3);
  v2.steps[0]!.description = "Search for AI agent trends";
  v2.steps[1]!.input = { sections: 8 };
  expect((await request.put(`/api/plans/${id}`, { data: { plan: v2, baseVersion: 1 } })).status()).toBe(200);

  await editor.open(id);
  await expect(editor.version()).toHaveText("v2");
  await editor.button("Versions").click();
  const sheet = page.getByTestId("versions-sheet");
  await expect(sheet.getByTestId("version-item")).toHaveCount(2);
  // The sheet opens on the version before the loaded one: v1 → canvas.
  const diff = sheet.getByTestId("version-diff");
  await expect(diff).toContainText("v1 → canvas");
  await expect(diff.getByTestId("diff-counts")).toHaveText(/1 removed\s*2 changed/);
  const search = diff.locator('[data-testid="step-diff"][data-step-id="web_search"]');
  await expect(search.locator('[data-field="description"]')).toContainText("Search for top 5 AI marketing trends in 2026");
  await expect(search.locator('[data-field="description"]')).toContainText("Search for AI agent trends");
  await expect(diff.locator('[data-step-id="generate_outline"] [data-field="input.sections"]')).toContainText("8");
  await expect(diff.locator('[data-testid="step-diff"][data-kind="removed"]')).toHaveAttribute("data-step-id", "generate_image");

  // An unsaved edit on the canvas shows up in the comparison too.
  await page.keyboard.press("Escape");
  await editor.select("format_post");
  await editor.inspector().getByLabel("Description").fill("Write the final copy");
  await editor.button("Versions").click();
  await expect(diff.getByTestId("diff-counts")).toHaveText(/1 removed\s*3 changed/);

  await sheet.getByRole("button", { name: "Restore v1" }).click();
  await expect(editor.toast("Restored v1")).toBeVisible();
  await expect(editor.version()).toHaveText("v3");
  await expect(editor.nodes()).toHaveCount(4);
  await expect(editor.dirty()).not.toHaveText(/Unsaved/);
  const latest = (await (await request.get(`/api/plans/${id}`)).json()) as { version: number; plan: { steps: { description: string }[] } };
  expect(latest.version).toBe(3);
  expect(latest.plan.steps[0]!.description).toBe("Search for top 5 AI marketing trends in 2026");
});

test("saving on top of a newer version opens the conflict dialog: save as a copy, or reload", async ({ browser, request }) => {
  const id = await createPlan(request);
  const [a, b] = await Promise.all([browser.newContext({ storageState: OWNER_STATE }), browser.newContext({ storageState: OWNER_STATE })]);
  const alice = new EditorPage(await a.newPage());
  const bob = new EditorPage(await b.newPage());
  await alice.open(id);
  await bob.open(id);

  await alice.select("web_search");
  await alice.inspector().getByLabel("Description").fill("Alice's search");
  await alice.save();
  await expect(alice.version()).toHaveText("v2");

  await bob.select("web_search");
  await bob.inspector().getByLabel("Description").fill("Bob's search");
  await bob.save();
  const dialog = bob.page.getByTestId("conflict-dialog");
  await expect(dialog).toContainText("Version 2 was saved after version 1");
  await expect(dialog.locator('[data-step-id="web_search"] [data-field="description"]')).toContainText("Bob's search");
  // Nothing was overwritten.
  const latest = (await (await request.get(`/api/plans/${id}`)).json()) as { version: number; plan: { steps: { description: string }[] } };
  expect([latest.version, latest.plan.steps[0]!.description]).toEqual([2, "Alice's search"]);

  await dialog.getByRole("button", { name: "Save as a copy" }).click();
  await expect(bob.page).not.toHaveURL(new RegExp(id));
  await expect(bob.page.getByLabel("Plan title")).toHaveValue("LinkedIn AI Trends Carousel (copy)");
  await expect(bob.node("web_search")).toContainText("Bob's search");

  // Alice is now behind Bob? No: Bob saved a copy. Alice edits again on v2; Bob reloads the original.
  await bob.open(id);
  await expect(bob.version()).toHaveText("v2");
  await bob.select("format_post");
  await bob.inspector().getByLabel("Description").fill("Bob again");
  await alice.select("format_post");
  await alice.inspector().getByLabel("Description").fill("Alice again");
  await alice.save();
  await expect(alice.version()).toHaveText("v3");
  await bob.save();
  await bob.page
    .getByTestId("conflict-dialog")
    .getByRole("button", { name: /Reload latest/ })
    .click();
  await expect(bob.version()).toHaveText("v3");
  await expect(bob.node("format_post")).toContainText("Alice again");
  await expect(bob.dirty()).not.toHaveText(/Unsaved/);
  await Promise.all([a.close(), b.close()]);
});
