import { expect, test } from "@playwright/test";
import { createPlan, EditorPage } from "./pages/editor";

test("an AI edit is a proposal: drawn as an overlay, accepted step by step, provenance shown", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.open(await createPlan(request));
  await editor.askAi("Change this plan", "Add a step that translates the post into Spanish before publishing");

  await expect(editor.proposal().getByTestId("proposal-summary")).toContainText("Translate the post into Spanish");
  await expect(editor.proposalChange("added", "format_post_2")).toBeVisible();
  await expect(editor.proposalChange("changed", "generate_image")).toContainText("Depends on");
  // The overlay: the new step drawn over the canvas, the changed one marked, nothing applied yet.
  await expect(editor.node("format_post_2")).toHaveAttribute("data-ghost", "true");
  await expect(editor.node("format_post_2").getByTestId("proposal-mark")).toHaveAttribute("data-mark", "added");
  await expect(editor.node("generate_image").getByTestId("proposal-mark")).toHaveAttribute("data-mark", "changed");
  await expect(editor.nodes()).toHaveCount(4);
  await expect(editor.dirty()).not.toHaveText(/Unsaved/);

  // Accept the new step on the canvas: it is wired in where the proposal puts it.
  await editor.node("format_post_2").getByRole("button", { name: "Accept change to format_post_2" }).click();
  await expect(editor.proposal()).toHaveCount(0);
  await expect(editor.toast("Proposal reviewed")).toBeVisible();
  await expect(editor.nodes()).toHaveCount(5);
  await expect(editor.edge("format_post", "format_post_2")).toHaveCount(1);
  await expect(editor.edge("format_post_2", "generate_image")).toHaveCount(1);
  await expect(editor.dirty()).toHaveText(/Unsaved changes/);

  await editor.select("format_post_2");
  await expect(editor.inspector().getByTestId("step-origin")).toHaveText("Written by AI");
  await expect(editor.inspector().getByLabel(/^Tone/)).toHaveValue(/Spanish/);
  await editor.inspector().getByLabel("Description").fill("Translate the carousel into Spanish");
  await expect(editor.inspector().getByTestId("step-origin")).toHaveText("AI, edited by a person");
  await editor.select("web_search");
  await expect(editor.inspector().getByTestId("step-origin")).toHaveText("Added by a person");

  // Undo takes the accepted step out again.
  await page.keyboard.press("Escape");
  await page.getByTestId("canvas").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("ControlOrMeta+z");
  await page.keyboard.press("ControlOrMeta+z");
  await expect(editor.nodes()).toHaveCount(4);
});

test("AI proposals rejected per step and as a whole; unmappable instructions say so", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.open(await createPlan(request));

  await editor.askAi("Change this plan", "Remove the image step and make the post an X thread");
  await expect(editor.node("generate_image").getByTestId("proposal-mark")).toHaveAttribute("data-mark", "removed");
  await expect(editor.proposalChange("changed", "format_post")).toContainText("thread");
  await editor.proposal().getByRole("button", { name: "Reject removed generate_image" }).click();
  await expect(editor.node("generate_image").getByTestId("proposal-mark")).toHaveCount(0);
  await editor.proposal().getByRole("button", { name: "Accept changed format_post" }).click();
  await expect(editor.proposal()).toHaveCount(0);
  await expect(editor.nodes()).toHaveCount(4);
  await editor.select("format_post");
  await expect(editor.inspector().getByLabel(/^Platform/)).toHaveText("x");
  await expect(editor.inspector().getByLabel(/^Format/)).toHaveText("thread");

  await page.keyboard.press("Escape");
  await editor.askAi("Change this plan", "Add a summary after the search");
  await expect(editor.proposalChange("added")).toHaveCount(1);
  await editor.proposal().getByRole("button", { name: "Reject all" }).click();
  await expect(editor.proposal()).toHaveCount(0);
  await expect(editor.nodes()).toHaveCount(4);
  await expect(editor.node("summarize")).toHaveCount(0);

  await editor.askAi("Change this plan", "Make it sparkle with confetti");
  await expect(editor.toast("The AI proposed no changes")).toContainText("Say what to do to which step, for example");
});

test("plan from a goal into this plan, accepted as a whole", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.open(await createPlan(request));
  await editor.askAi("Add steps from a goal", "Send a summary of today's AI news to the webhook at https://example.com/hooks/abc");
  await expect(editor.proposal().getByTestId("proposal-summary")).toContainText("new step");
  const added = await editor.proposalChange("added").count();
  expect(added).toBeGreaterThan(0);
  await editor.proposal().getByRole("button", { name: "Accept all" }).click();
  await expect(editor.proposal()).toHaveCount(0);
  await expect(editor.nodes()).toHaveCount(4 + added);
  await expect(editor.toast("Proposal accepted")).toBeVisible();
});
