import { expect, test } from "@playwright/test";
import { createPlan, EditorPage } from "./pages/editor";

test("add from the palette, connect, refuse a cycle, delete with re-linking", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.open(await createPlan(request));
  await expect(editor.edges()).toHaveCount(3);

  // Click: inserted after the selected step, taking over its dependants.
  await editor.select("generate_outline");
  await editor.paletteTool("summarize").click();
  await expect(editor.nodes()).toHaveCount(5);
  await expect(editor.inspector().getByTestId("inspector-step-id")).toHaveText("summarize");
  await expect(editor.edge("generate_outline", "summarize")).toHaveCount(1);
  await expect(editor.edge("summarize", "format_post")).toHaveCount(1);
  await expect(editor.dirty()).toHaveText(/Unsaved changes/);

  // Search the palette, then drag a tool onto an empty part of the canvas.
  await page.getByLabel("Search tools").fill("webhook");
  await expect(page.getByTestId("palette-tool")).toHaveCount(1);
  const canvas = await page.getByTestId("canvas").boundingBox();
  await editor.paletteTool("http_request").dragTo(page.getByTestId("canvas"), { targetPosition: { x: 200, y: canvas!.height / 2 } });
  await expect(editor.node("http_request")).toBeVisible();
  await expect(editor.nodes()).toHaveCount(6);
  await page.getByLabel("Search tools").fill("");
  await editor.fitView();

  // Connect: the HTTP request now waits for the post (a join).
  await editor.connect("format_post", "http_request");
  await expect(editor.edge("format_post", "http_request")).toHaveCount(1);

  // A cycle is refused, and the message names it.
  await editor.connect("generate_image", "web_search");
  await expect(editor.toast("Connection refused")).toContainText("web_search → generate_outline → summarize → format_post → generate_image → web_search");
  await expect(editor.edge("generate_image", "web_search")).toHaveCount(0);

  // Deleting a step re-links its parents to its children.
  await editor.select("summarize");
  await page.keyboard.press("Delete");
  await expect(editor.node("summarize")).toHaveCount(0);
  await expect(editor.edge("generate_outline", "format_post")).toHaveCount(1);

  await editor.save();
  await expect(page.getByText("Saved version 2")).toBeVisible();
  await page.reload();
  await expect(editor.nodes()).toHaveCount(5);
  await expect(editor.edge("format_post", "http_request")).toHaveCount(1);
});

test("the inputs form comes from the tool's schema: inline errors, badges, issues panel, tool switch, approval", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.open(await createPlan(request));
  await editor.select("generate_outline");
  const form = editor.inspector().getByTestId("input-form");
  await expect(form.getByLabel(/^Topic/)).toBeVisible();
  await expect(form.getByText("How many sections (slides, headings or points)")).toBeVisible();

  await form.getByLabel(/^Sections/).fill("50");
  await expect(form.getByRole("alert")).toHaveText("Too big: expected number to be <=20");
  await expect(editor.node("generate_outline").getByTestId("node-issues")).toHaveText("1");
  await expect(page.getByTestId("issue-count")).toHaveText("1");
  await expect(editor.button("Save")).toBeDisabled();

  // The issues panel lists the problem by path; clicking it selects the step.
  await page.keyboard.press("Escape");
  await page.getByTestId("canvas").click({ position: { x: 20, y: 20 } });
  await expect(editor.inspector()).toHaveCount(0);
  await page.getByTestId("issues-button").click();
  await page.getByTestId("issues-panel").getByTestId("issue").filter({ hasText: "steps[1].input.sections" }).click();
  await expect(editor.inspector().getByTestId("inspector-step-id")).toHaveText("generate_outline");

  await form.getByLabel(/^Sections/).fill("8");
  await expect(form.getByRole("alert")).toHaveCount(0);
  await expect(editor.node("generate_outline").getByTestId("node-issues")).toHaveCount(0);
  await form.getByLabel(/^Topic/).fill("AI marketing trends");
  await form.getByLabel(/^Format/).click();
  await page.getByRole("option", { name: "slides" }).click();

  // Switching the tool keeps the inputs that still fit (topic), drops the rest, and gates publishing.
  await editor.inspector().getByLabel("Tool", { exact: true }).click();
  await page.getByRole("option", { name: "Format post" }).click();
  await expect(form.getByLabel(/^Topic/)).toHaveValue("AI marketing trends");
  await expect(form.getByLabel(/^Sections/)).toHaveCount(0);
  await expect(editor.inspector().getByLabel("Requires approval")).toBeChecked();

  // Turning approval off for a publishing step asks first.
  await editor.inspector().getByLabel("Requires approval").click();
  await expect(page.getByRole("alertdialog")).toContainText("Turn off approval for this step?");
  await page.getByRole("button", { name: "Turn off approval" }).click();
  await expect(editor.inspector().getByLabel("Requires approval")).not.toBeChecked();
  await expect(editor.node("generate_outline").getByTestId("node-issues")).toHaveText("1"); // a warning

  // Approval timeout is validated live too.
  await editor.inspector().getByLabel("Requires approval").click();
  await editor.inspector().getByLabel("Approval timeout").fill("3 weeks");
  await expect(editor.inspector().getByRole("alert")).toContainText("must be a number with a unit");
  await editor.inspector().getByLabel("Approval timeout").fill("12h");
  await expect(editor.inspector().getByRole("alert")).toHaveCount(0);

  await editor.save();
  await expect(page.getByText("Saved version 2")).toBeVisible();
  const saved = (await (await request.get(page.url().replace(/\/plans\//, "/api/plans/"))).json()) as {
    plan: { steps: { id: string; toolName: string; input: unknown; approvalTimeout?: string }[] };
  };
  expect(saved.plan.steps[1]).toMatchObject({
    id: "generate_outline",
    toolName: "format_post",
    input: { topic: "AI marketing trends" },
    approvalTimeout: "12h",
  });
});

test("undo and redo every edit; copy, paste, duplicate, select all; shortcuts on ?", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.open(await createPlan(request));
  await expect(editor.dirty()).not.toHaveText(/Unsaved/);

  await editor.select("web_search");
  const description = editor.inspector().getByLabel("Description");
  await description.fill("Search for AI agents news");
  await expect(editor.node("web_search")).toContainText("Search for AI agents news");
  await page.getByTestId("canvas").click({ position: { x: 20, y: 20 } });

  await page.keyboard.press("ControlOrMeta+z");
  await expect(editor.node("web_search")).toContainText("Search for top 5 AI marketing trends in 2026");
  await expect(editor.dirty()).not.toHaveText(/Unsaved/);
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(editor.node("web_search")).toContainText("Search for AI agents news");
  await editor.button("Undo").click();
  await expect(editor.node("web_search")).toContainText("Search for top 5 AI marketing trends in 2026");
  await editor.button("Redo").click();
  await expect(editor.node("web_search")).toContainText("Search for AI agents news");

  // Copy and paste: new ids, dependencies inside the copied set kept.
  await editor.select("generate_outline");
  await editor.node("format_post").click({ modifiers: ["ControlOrMeta"], position: { x: 140, y: 80 } });
  await expect(page.getByTestId("multi-selection")).toContainText("2 steps selected");
  await page.keyboard.press("ControlOrMeta+c");
  await page.keyboard.press("ControlOrMeta+v");
  await expect(editor.nodes()).toHaveCount(6);
  await expect(editor.edge("generate_outline_2", "format_post_2")).toHaveCount(1);
  await expect(page.getByTestId("multi-selection")).toContainText("2 steps selected");

  await editor.select("web_search");
  await page.keyboard.press("ControlOrMeta+d");
  await expect(editor.node("web_search_2")).toBeVisible();
  await expect(editor.inspector().getByTestId("inspector-step-id")).toHaveText("web_search_2");

  await page.keyboard.press("ControlOrMeta+a");
  await expect(page.getByTestId("multi-selection")).toContainText("7 steps selected");

  // Undo the duplicate and the paste: back to four steps.
  await page.keyboard.press("ControlOrMeta+z");
  await page.keyboard.press("ControlOrMeta+z");
  await expect(editor.nodes()).toHaveCount(4);

  await page.keyboard.press("Escape");
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toContainText("Duplicate the selected steps");
  await page.keyboard.press("Escape");

  // Unsaved changes: leaving through a link asks first.
  await expect(editor.dirty()).toHaveText(/Unsaved changes/);
  const here = page.url();
  await page.getByRole("navigation").getByRole("link", { name: "Plans" }).click();
  const leave = page.getByRole("alertdialog", { name: "Leave without saving?" });
  await leave.getByRole("button", { name: "Stay" }).click();
  await expect(page).toHaveURL(here);
  await page.getByRole("navigation").getByRole("link", { name: "Plans" }).click();
  await leave.getByRole("button", { name: "Leave and discard" }).click();
  await expect(page.getByRole("heading", { name: "Plans" })).toBeVisible();
});

test("auto-layout top-down and left-right; handles follow; positions are saved", async ({ page, request }) => {
  const editor = new EditorPage(page);
  const id = await createPlan(request);
  await editor.open(id);
  await expect(editor.node("web_search").locator(".react-flow__handle-bottom")).toHaveCount(1);

  await editor.autoLayout("Left-right");
  await expect(editor.node("web_search").locator(".react-flow__handle-right")).toHaveCount(1);
  await expect(editor.node("web_search").locator(".react-flow__handle-left")).toHaveCount(1);
  const xs = await Promise.all(["web_search", "generate_outline", "format_post", "generate_image"].map(async (s) => (await editor.node(s).boundingBox())!.x));
  expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  expect(new Set(xs).size).toBe(4);

  await editor.save();
  await expect(page.getByText("Saved version 2")).toBeVisible();
  const saved = (await (await request.get(`/api/plans/${id}`)).json()) as { plan: { steps: { position?: { x: number; y: number } }[] } };
  const positions = saved.plan.steps.map((s) => s.position!);
  expect(positions.every((p) => p && p.y === positions[0]!.y)).toBe(true);
  expect(positions.map((p) => p.x)).toEqual([...positions.map((p) => p.x)].sort((a, b) => a - b));

  await page.reload();
  await expect(editor.node("web_search").locator(".react-flow__handle-right")).toHaveCount(1);

  await editor.autoLayout("Top-down");
  await expect(editor.node("web_search").locator(".react-flow__handle-bottom")).toHaveCount(1);
  await expect(editor.dirty()).toHaveText(/Unsaved changes/);

  // Multi-select move: both selected steps follow the drag.
  await editor.select("web_search");
  await editor.node("generate_outline").click({ modifiers: ["ControlOrMeta"], position: { x: 140, y: 80 } });
  const before = await Promise.all(["web_search", "generate_outline", "format_post"].map(async (s) => (await editor.node(s).boundingBox())!));
  await page.mouse.move(before[0]!.x + 140, before[0]!.y + 60);
  await page.mouse.down();
  await page.mouse.move(before[0]!.x + 200, before[0]!.y + 60, { steps: 5 });
  await page.mouse.move(before[0]!.x + 260, before[0]!.y + 60, { steps: 5 });
  await page.mouse.up();
  const after = await Promise.all(["web_search", "generate_outline", "format_post"].map(async (s) => (await editor.node(s).boundingBox())!));
  expect(after[0]!.x - before[0]!.x).toBeGreaterThan(60);
  expect(Math.abs(after[1]!.x - before[1]!.x - (after[0]!.x - before[0]!.x))).toBeLessThan(2);
  expect(after[2]!.x).toBe(before[2]!.x);
});

test("records are key/value rows with an error per key", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.open(
    await createPlan(request, {
      title: "Hook",
      steps: [
        {
          stepIndex: 0,
          toolName: "http_request",
          description: "Call the hook",
          requiresApproval: true,
          input: { method: "POST", url: "https://example.com/hook" },
        },
      ],
    }),
  );
  await editor.select("http_request");
  const form = editor.inspector().getByTestId("input-form");
  await form.getByRole("button", { name: "Add entry" }).click();
  await form.getByLabel("Headers name 1").fill("Host");
  await form.getByLabel("Headers value 1").fill("example.org");
  await expect(form.getByRole("alert")).toHaveText("the host header is set by the HTTP client and cannot be given");
  await expect(editor.node("http_request").getByTestId("node-issues")).toHaveText("1");
  await form.getByLabel("Headers name 1").fill("Authorization");
  await expect(form.getByRole("alert")).toHaveCount(0);
  await editor.save();
  await expect(page.getByText("Saved version 2")).toBeVisible();
  const saved = (await (await request.get(page.url().replace(/\/plans\//, "/api/plans/"))).json()) as { plan: { steps: { input: unknown }[] } };
  expect(saved.plan.steps[0]!.input).toEqual({ method: "POST", url: "https://example.com/hook", headers: { Authorization: "example.org" } });
});
