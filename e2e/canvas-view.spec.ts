import { expect, test, type Locator, type Page } from "@playwright/test";
import { carouselJson, createPlan, EditorPage } from "./pages/editor";
import { RunPage, startWaitingRun } from "./pages/run";

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxes(l: Locator): Promise<Box[]> {
  return Promise.all((await l.all()).map(async (n) => (await n.boundingBox())!));
}

/** Every node lies inside the canvas's visible rectangle. */
async function expectAllInView(page: Page, nodes: Locator) {
  const canvas = (await page.getByTestId("canvas").boundingBox())!;
  for (const b of await boxes(nodes)) {
    expect(b.x).toBeGreaterThanOrEqual(canvas.x - 1);
    expect(b.y).toBeGreaterThanOrEqual(canvas.y - 1);
    expect(b.x + b.width).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
    expect(b.y + b.height).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
  }
}

async function zoom(page: Page): Promise<number> {
  return page
    .locator(".react-flow__viewport")
    .first()
    .evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
}

/** Created in one order, wired in another: format_post (created second) runs third. */
const reordered = {
  title: "Numbered by run order",
  steps: [
    { stepIndex: 0, id: "web_search", toolName: "web_search", description: "Search for AI marketing trends", requiresApproval: false, dependsOn: [] },
    { stepIndex: 1, id: "format_post", toolName: "format_post", description: "Write the post", requiresApproval: true, dependsOn: ["generate_outline"] },
    { stepIndex: 2, id: "generate_outline", toolName: "generate_outline", description: "Outline it", requiresApproval: false, dependsOn: ["web_search"] },
    { stepIndex: 3, id: "generate_image", toolName: "generate_image", description: "Hero image", requiresApproval: true, dependsOn: ["format_post"] },
  ],
};
const RUN_ORDER = { web_search: "1", generate_outline: "2", format_post: "3", generate_image: "4" };

test("steps are numbered in run order, in the editor and on the run's canvas", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.open(await createPlan(request, reordered));
  for (const [id, n] of Object.entries(RUN_ORDER)) await expect(editor.node(id).getByTestId("step-number")).toHaveText(n);

  const { runId } = await startWaitingRun(request, { plan: reordered });
  const run = new RunPage(page);
  await page.goto(`/runs/${runId}`);
  for (const [id, n] of Object.entries(RUN_ORDER)) await expect(run.node(id).getByTestId("step-number")).toHaveText(n);
  // The run's minimap draws every step (it was empty: the nodes had no size it could read).
  await expect(page.locator(".react-flow__minimap-node")).toHaveCount(4);
});

test("node titles are shown in full", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.open(await createPlan(request));
  await expect(editor.node("generate_image").getByTestId("step-title")).toHaveText("Generate image");
  for (const title of await page.getByTestId("step-title").all()) {
    // Nothing clipped: the title fits its (at most two) lines.
    expect(await title.evaluate((el) => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  }
});

/** Waits until the canvas viewport has not moved for 250 ms (a fit animation has ended, or none started). */
async function viewportSettled(page: Page) {
  // Each wait starts its own clock, so a still viewport from before the action does not count.
  const key = `viewport-${Math.random()}`;
  await page.waitForFunction(
    (k) => {
      const w = window as unknown as Record<string, { transform: string; since: number } | undefined>;
      const transform = (document.querySelector(".react-flow__viewport") as HTMLElement | null)?.style.transform ?? "";
      const now = performance.now();
      const seen = w[k];
      if (!seen || seen.transform !== transform) w[k] = { transform, since: now };
      return now - (w[k] as { since: number }).since >= 250;
    },
    key,
    { polling: 50 },
  );
}

test("after an auto-layout the minimap covers no step, and a left-right layout stays readable", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.open(await createPlan(request));
  const minimap = page.locator(".react-flow__minimap");
  for (const direction of ["Top-down", "Left-right"] as const) {
    await editor.autoLayout(direction);
    await viewportSettled(page); // the fit animates for 200 ms
    const map = (await minimap.boundingBox())!;
    for (const b of await boxes(editor.nodes())) expect(overlaps(b, map), `${direction}: a node under the minimap`).toBe(false);
  }

  // Twelve steps in a row: fitting them all would shrink the text to nothing.
  const long = JSON.parse(carouselJson) as { title: string; steps: object[] };
  long.steps = Array.from({ length: 12 }, (_, i) => ({ stepIndex: i, toolName: "summarize", description: `Summary ${i + 1}`, requiresApproval: false }));
  await editor.open(await createPlan(request, long));
  await editor.autoLayout("Left-right");
  await viewportSettled(page);
  expect(await zoom(page)).toBeGreaterThanOrEqual(0.6 - 1e-6);
  // It shows where the plan starts; the rest is a pan away.
  await expect(editor.node("summarize").first()).toBeInViewport();
});

test("steps the AI adds are in view once accepted, and Fit View shows every step", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.open(await createPlan(request));
  await editor.askAi("Add steps from a goal", "Send a summary of today's AI news to the webhook at https://example.com/hooks/abc");
  const added = await editor.proposalChange("added").count();
  expect(added).toBeGreaterThan(0);
  await expectAllInView(page, page.getByTestId("step-node"));
  await editor.proposal().getByRole("button", { name: "Accept all" }).click();
  await expect(editor.nodes()).toHaveCount(4 + added);
  await viewportSettled(page);
  await expectAllInView(page, editor.nodes());

  // Zoomed in on one corner, Fit View brings every step back.
  for (let i = 0; i < 6; i++) await page.locator(".react-flow__controls-zoomin").click();
  await editor.fitView();
  await viewportSettled(page);
  await expectAllInView(page, editor.nodes());
});
