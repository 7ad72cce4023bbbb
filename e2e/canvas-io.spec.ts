import { expect, test } from "@playwright/test";
import { createPlan, EditorPage } from "./pages/editor";

test("export JSON, PNG and SVG; import into the editor replaces the canvas and can be undone", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.open(await createPlan(request));

  const json = await editor.export("JSON");
  expect(json.name).toBe("linkedin-ai-trends-carousel.json");
  expect(JSON.parse(json.bytes.toString("utf8"))).toMatchObject({ title: "LinkedIn AI Trends Carousel", steps: [{ id: "web_search" }, {}, {}, {}] });

  const png = await editor.export("PNG image");
  expect(png.name).toBe("linkedin-ai-trends-carousel.png");
  expect(png.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect(png.bytes.length).toBeGreaterThan(5_000);

  const svg = await editor.export("SVG image");
  expect(svg.name).toBe("linkedin-ai-trends-carousel.svg");
  const text = svg.bytes.toString("utf8");
  expect(text).toMatch(/^<svg/);
  expect(text).toContain("Generate outline");
  // Every edge is in the image, drawn with a stroke of its own (the page's stylesheet is not there).
  const edgePaths = await page.evaluate((markup) => {
    const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
    return [...doc.querySelectorAll("path.react-flow__edge-path")].map((p) => ({
      d: p.getAttribute("d") ?? "",
      stroke: (p as SVGElement).style.stroke,
      width: (p as SVGElement).style.strokeWidth,
    }));
  }, text);
  expect(edgePaths).toHaveLength(3);
  for (const p of edgePaths) {
    expect(p.d).toMatch(/^M/);
    expect(p.stroke).not.toBe("");
    expect(p.stroke).not.toBe("none");
    expect(p.width).not.toBe("0px");
  }

  // Import with a path-precise error first, then a valid plan.
  await editor.button("Import").click();
  const dialog = page.getByRole("dialog", { name: "Import into this plan" });
  await dialog
    .getByLabel("Plan JSON")
    .fill('{"title":"Tiny","steps":[{"stepIndex":0,"toolName":"summarise","description":"Sum up","requiresApproval":false}]}');
  await dialog.getByRole("button", { name: "Open on canvas" }).click();
  await expect(dialog.getByTestId("import-issues")).toContainText('steps[0].toolName: unknown tool "summarise" (did you mean "summarize"?)');
  await dialog
    .getByLabel("Plan JSON")
    .fill('{"title":"Tiny","steps":[{"stepIndex":0,"toolName":"summarize","description":"Sum up","requiresApproval":false}]}');
  await dialog.getByRole("button", { name: "Open on canvas" }).click();
  await expect(dialog).toBeHidden();
  await expect(editor.nodes()).toHaveCount(1);
  await expect(page.getByLabel("Plan title")).toHaveValue("Tiny");
  await page.keyboard.press("ControlOrMeta+z");
  await expect(editor.nodes()).toHaveCount(4);
  await expect(page.getByLabel("Plan title")).toHaveValue("LinkedIn AI Trends Carousel");
});

test("a 1,000-step plan opens from an import and stays editable, but cannot be saved over the 500-step limit", async ({ page }) => {
  const steps = Array.from({ length: 1000 }, (_, i) => ({
    stepIndex: i,
    toolName: i % 2 ? "summarize" : "web_search",
    description: `Step ${i}`,
    requiresApproval: false,
  }));
  await page.goto("/");
  await page.evaluate((plan) => sessionStorage.setItem("planvas:draft", JSON.stringify(plan)), { title: "Huge", steps });
  await page.goto("/plans/new");
  const editor = new EditorPage(page);
  await expect(editor.nodes().first()).toBeVisible();
  await expect(page.getByTestId("issue-count")).toHaveText("1");
  await page.getByTestId("issues-button").click();
  await expect(page.getByTestId("issues-panel")).toContainText("a plan has at most 500 steps to be saved or run (this one has 1000)");
  await expect(editor.button("Save")).toBeDisabled();
  await page.keyboard.press("ControlOrMeta+s");
  await expect(editor.toast("This plan cannot be saved yet")).toBeVisible();
});
