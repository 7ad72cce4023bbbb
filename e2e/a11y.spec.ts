import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type { Result } from "axe-core";
import { startWaitingRun } from "./pages/run";

// WCAG 2.0 and 2.1, levels A and AA: the rules a page must pass with 0 violations, in both themes.
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

test.describe.configure({ timeout: 120_000 });

/** Axe's findings, one line per failing element, so a failure reads without opening the report. */
function describe(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ")}`).join("\n");
      return `${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n${nodes}`;
    })
    .join("\n\n");
}

async function expectNoViolations(page: Page, label: string) {
  // Entrance animations (dialogs, toasts) would be measured half-faded: wait until they end.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity));
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(violations.length, `${label}: ${violations.length} WCAG violation(s)\n\n${describe(violations)}`).toBe(0);
}

let ids: { planId: string; runId: string; invite: string };

test.beforeAll(async ({ request }) => {
  const invitation = await request.post("/api/workspace/invitations", { data: { role: "editor", approver: true } });
  expect(invitation.status()).toBe(201);
  ids = { ...(await startWaitingRun(request)), invite: new URL(((await invitation.json()) as { url: string }).url).pathname };
});

/** Every page of the app, in the state a user first meets it (the run page with a gate waiting). */
const PAGES: { name: string; path: () => string; signedOut?: boolean; ready: (page: Page) => Promise<void> }[] = [
  { name: "plans", path: () => "/", ready: async (p) => void (await expect(p.getByRole("heading", { name: "Plans" })).toBeVisible()) },
  { name: "new plan", path: () => "/plans/new", ready: async (p) => void (await expect(p.getByRole("toolbar", { name: "Plan editor" })).toBeVisible()) },
  { name: "plan editor", path: () => `/plans/${ids.planId}`, ready: async (p) => void (await expect(p.getByTestId("step-node").first()).toBeVisible()) },
  { name: "runs", path: () => "/runs", ready: async (p) => void (await expect(p.getByTestId("status-badge").first()).toBeVisible()) },
  {
    name: "run with a waiting gate",
    path: () => `/runs/${ids.runId}`,
    ready: async (p) => void (await expect(p.getByTestId("decision-panel").getByRole("button", { name: "Approve", exact: true })).toBeVisible()),
  },
  { name: "inbox", path: () => "/inbox", ready: async (p) => void (await expect(p.getByRole("heading", { name: "Approval inbox" })).toBeVisible()) },
  {
    name: "templates",
    path: () => "/templates",
    ready: async (p) => void (await expect(p.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible()),
  },
  {
    name: "schedules",
    path: () => "/schedules",
    ready: async (p) => void (await expect(p.getByRole("heading", { name: "Schedules", level: 1 })).toBeVisible()),
  },
  { name: "knowledge", path: () => "/knowledge", ready: async (p) => void (await expect(p.getByRole("heading", { name: "Knowledge" })).toBeVisible()) },
  {
    name: "members",
    path: () => "/settings/members",
    ready: async (p) => void (await expect(p.getByRole("heading", { name: "Members", level: 1 })).toBeVisible()),
  },
  { name: "API tokens", path: () => "/settings/tokens", ready: async (p) => void (await expect(p.getByRole("heading", { name: "API tokens" })).toBeVisible()) },
  { name: "account", path: () => "/settings/account", ready: async (p) => void (await expect(p.getByRole("heading", { name: "Account" })).toBeVisible()) },
  // Signed out (the only page a signed-out person sees, besides /setup on a fresh installation).
  { name: "sign-in", path: () => "/login", signedOut: true, ready: async (p) => void (await expect(p.getByText("Sign in to Planvas")).toBeVisible()) },
  {
    name: "invitation",
    path: () => ids.invite,
    signedOut: true,
    ready: async (p) => void (await expect(p.getByRole("button", { name: /^Join / })).toBeVisible()),
  },
];

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} mode`, () => {
    // The theme provider follows the system preference by default.
    test.use({ colorScheme: scheme });

    for (const p of PAGES) {
      test(`${p.name}: 0 WCAG 2 A/AA violations`, async ({ page }) => {
        if (p.signedOut) await page.context().clearCookies();
        await page.goto(p.path());
        await p.ready(page);
        await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
        await expectNoViolations(page, `${p.name} (${scheme})`);
      });
    }

    test("at phone width (390 px), the run page and the editor: 0 WCAG 2 A/AA violations", async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/runs/${ids.runId}`);
      await expect(page.getByTestId("decision-panel").getByRole("button", { name: "Approve", exact: true })).toBeVisible();
      await expectNoViolations(page, `run page at 390 px (${scheme})`);
      // With the menus closed: an open Radix menu is modal — it aria-hides the page and traps focus,
      // which axe reports as aria-hidden-focus (the desktop menus behave the same).
      await page.goto(`/plans/${ids.planId}`);
      await expect(page.getByTestId("step-node").first()).toBeVisible();
      await expect(page.getByRole("button", { name: "More commands" })).toBeVisible();
      await expectNoViolations(page, `editor at 390 px (${scheme})`);
    });

    test("import and AI dialogs, and an AI proposal under review: 0 WCAG 2 A/AA violations", async ({ page }) => {
      await page.goto("/");
      await page.getByRole("button", { name: "Import JSON" }).first().click();
      await expect(page.getByRole("dialog", { name: "Import a plan" })).toBeVisible();
      await expectNoViolations(page, `import dialog (${scheme})`);
      await page.keyboard.press("Escape");
      await page.goto(`/plans/${ids.planId}`);
      await expect(page.getByTestId("step-node").first()).toBeVisible();
      await page
        .getByRole("button", { name: /Ask AI/ })
        .first()
        .click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectNoViolations(page, `AI dialog (${scheme})`);
      // A proposal under review: the marks on the canvas and the panel's diff.
      await page.getByRole("dialog").getByRole("textbox").fill("Add a step that translates the post into Spanish before publishing");
      await page
        .getByRole("dialog")
        .getByRole("button", { name: /Propose/ })
        .click();
      await expect(page.getByTestId("proposal-panel")).toBeVisible();
      await expectNoViolations(page, `AI proposal under review (${scheme})`);
    });
  });
}
