import AxeBuilder from "@axe-core/playwright";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { EditorPage } from "./pages/editor";
import { RunPage } from "./pages/run";
import { AppProcess } from "./support/server";

// A reference wired in the editor: format_post's output text into an http_request body, picked from
// the inspector's "Insert reference" menu; the run sends EXACTLY the text format_post produced to a
// local receiver. The server of its own allows loopback targets (PLANVAS_ALLOW_PRIVATE_URLS=1), which
// the shared e2e server refuses (e2e/knowledge.spec.ts checks that).
test.describe.configure({ mode: "serial", timeout: 60_000 });

const bodies: string[] = [];
let receiver: Server;
let hook = "";
let app: AppProcess;
test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      bodies.push(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/publish`;
  app = new AppProcess(Number(process.env.PLANVAS_REFS_E2E_PORT ?? 3261), { PLANVAS_ALLOW_PRIVATE_URLS: "1" });
  await app.start();
});
test.afterAll(async () => {
  await app?.kill();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
});

/**
 * 0 WCAG 2 A/AA violations, light and dark, with a screenshot of each to look at. An open Radix menu is
 * modal (it aria-hides the page, which axe reports as aria-hidden-focus, as e2e/a11y.spec.ts notes):
 * with a menu open only the menu is scanned.
 */
async function check(page: Page, name: string, only?: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity));
    const axe = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
    const { violations } = await (only ? axe.include(only) : axe).analyze();
    expect(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      `${name} (${scheme})`,
    ).toEqual([]);
    await page.screenshot({ path: `test-results/e2e/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("wire format_post.output.text into an http_request body in the editor; the exact text is delivered", async ({ page }) => {
  const created = await app.api<{ id: string }>("/api/plans", {
    method: "POST",
    body: JSON.stringify({
      title: "Publish a post to a webhook",
      steps: [
        {
          stepIndex: 0,
          id: "format_post",
          toolName: "format_post",
          description: "Write a LinkedIn post about AI marketing trends",
          requiresApproval: true,
          input: { platform: "linkedin", format: "post", topic: "AI marketing trends" },
        },
        {
          stepIndex: 1,
          id: "publish",
          toolName: "http_request",
          description: "Send the post to the publishing webhook",
          requiresApproval: true,
          input: { method: "POST", url: hook },
        },
      ],
    }),
  });
  expect(created.status).toBe(201);
  await app.signIn(page.context());
  await page.goto(`${app.url}/plans/${created.body.id}`);
  const editor = new EditorPage(page);
  await expect(editor.nodes().first()).toBeVisible();
  await editor.select("publish");

  // Only what fits: format_post has no output that is an HTTP method.
  await editor.inspector().getByRole("button", { name: "Insert reference into Method" }).click();
  await expect(page.getByTestId("reference-menu").getByRole("menuitem")).toHaveText(["No earlier step has an output that fits method"]);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("reference-menu")).toBeHidden();

  // The picker, by keyboard: it lists the ancestor's text fields that fit a body (a string), not its numbers.
  const body = editor.inspector().locator('[data-field="body"]');
  const trigger = body.getByRole("button", { name: "Insert reference into Body" });
  await trigger.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByTestId("reference-menu");
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem")).toHaveText([/output\.platform/, /output\.format/, /output\.text\s*string/, /output\.model/]);
  await expect(menu).not.toContainText("charCount");
  await check(page, "reference-picker", '[data-testid="reference-menu"]');
  await menu.getByRole("menuitem", { name: /output\.text/ }).focus();
  await page.keyboard.press("Enter");
  await expect(body.getByRole("textbox")).toHaveValue("{{steps.format_post.output.text}}");
  await expect(body.getByTestId("reference-hint")).toContainText("Filled in from steps.format_post.output.text when the step runs");
  await check(page, "reference-inspector");
  // An invalid plan cannot be saved: the reference type-checked against format_post's output schema.
  await editor.save();
  await expect(page.getByText("Saved version 2")).toBeVisible();

  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const run = new RunPage(page);
  await run.expectStep("format_post", "awaiting_approval");
  await run.select("format_post");
  await run.approve();

  // The side effect's gate: the input shows the reference and the value it resolved to, before anything is sent.
  await run.expectStep("publish", "awaiting_approval");
  const runId = page.url().split("/").at(-1)!;
  const view = (await app.api<{ steps: { id: string; output: { text: string } | null }[] }>(`/api/runs/${runId}`)).body;
  const text = view.steps.find((s) => s.id === "format_post")!.output!.text;
  expect(text.length).toBeGreaterThan(40);
  await run.select("publish");
  await run.panel().getByRole("tab", { name: "Input" }).click();
  const ref = run.panel().getByTestId("step-reference");
  await expect(ref).toContainText("body ← steps.format_post.output.text");
  await expect(ref.getByTestId("step-reference-value")).toHaveText(text);
  await check(page, "reference-run-input", '[data-testid="step-panel"]');
  expect(bodies).toEqual([]);
  await run.approve();
  await run.expectRun("succeeded");
  expect(bodies).toEqual([text]);
});

test("a number input takes only a number reference, shown as a removable chip", async ({ page }) => {
  const created = await app.api<{ id: string }>("/api/plans", {
    method: "POST",
    body: JSON.stringify({
      title: "Outline as long as the post",
      steps: [
        {
          stepIndex: 0,
          id: "format_post",
          toolName: "format_post",
          description: "Write a post",
          requiresApproval: true,
          input: { platform: "x", format: "post" },
        },
        { stepIndex: 1, id: "outline", toolName: "generate_outline", description: "Outline it", requiresApproval: false, input: { topic: "AI" } },
      ],
    }),
  });
  expect(created.status).toBe(201);
  await app.signIn(page.context());
  await page.goto(`${app.url}/plans/${created.body.id}`);
  const editor = new EditorPage(page);
  await expect(editor.nodes().first()).toBeVisible();
  await editor.select("outline");
  const sections = editor.inspector().locator('[data-field="sections"]');
  await sections.getByRole("button", { name: "Insert reference into Sections" }).click();
  const menu = page.getByTestId("reference-menu");
  await expect(menu.getByRole("menuitem")).toHaveText([/output\.charCount\s*integer/]);
  await menu.getByRole("menuitem").click();
  await expect(sections.getByTestId("reference-value")).toHaveText("steps.format_post.output.charCount");
  await expect(sections.getByRole("spinbutton")).toHaveCount(0);
  // The plan holds the reference and it type-checks (an invalid plan cannot be saved).
  await editor.save();
  await expect(page.getByText("Saved version 2")).toBeVisible();
  const saved = await app.api<{ plan: { steps: { id: string; input: Record<string, unknown> }[] } }>(`/api/plans/${created.body.id}`);
  expect(saved.body.plan.steps.find((s) => s.id === "outline")!.input).toEqual({ topic: "AI", sections: "{{steps.format_post.output.charCount}}" });
  await sections.getByRole("button", { name: "Remove the reference from Sections" }).click();
  await expect(sections.getByTestId("reference-value")).toHaveCount(0);
  await expect(sections.getByRole("spinbutton")).toBeVisible();
});
