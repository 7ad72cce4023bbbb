import { expect, test, type Browser, type Page } from "@playwright/test";
import { carouselJson, createPlan } from "./pages/editor";
import { RunPage } from "./pages/run";

// A team reviews: the owner invites a reviewer and a viewer; the owner's run waits under four-eyes;
// the reviewer finds it in their inbox and approves on the highlighted node while the owner's
// canvas turns green live; the viewer sees why they may not decide instead of buttons.

test.describe.configure({ timeout: 120_000 });

const stamp = Date.now().toString(36);

async function inviteLink(page: Page, role: "editor" | "viewer", approver: boolean): Promise<string> {
  const res = await page.request.post("/api/workspace/invitations", { data: { role, approver } });
  expect(res.status()).toBe(201);
  return new URL(((await res.json()) as { url: string }).url).pathname;
}

async function joinAs(browser: Browser, baseURL: string | undefined, link: string, name: string) {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(`${name.toLowerCase()}-${stamp}@planvas.test`);
  await page.getByLabel("Password").fill(`${name} has a long password`);
  await page.getByRole("button", { name: /^Join / }).click();
  await expect(page).toHaveURL(/\/$/);
  return { context, page };
}

test("the owner's run waits under four-eyes; a reviewer approves it from the inbox on the node; the owner sees it live; a viewer sees why not", async ({
  page,
  browser,
  baseURL,
}) => {
  const plan = JSON.parse(carouselJson) as { title: string; steps: Record<string, unknown>[] };
  plan.title = `Team review ${stamp}`;
  plan.steps = plan.steps.map((s) => (s.toolName === "format_post" ? { ...s, approvalRule: { notInitiator: true } } : s));
  const planId = await createPlan(page.request, plan);
  const reviewerLink = await inviteLink(page, "editor", true);
  const viewerLink = await inviteLink(page, "viewer", false);
  const reviewer = await joinAs(browser, baseURL, reviewerLink, "Rita");
  const viewer = await joinAs(browser, baseURL, viewerLink, "Vera");
  try {
    const started = await page.request.post("/api/runs", { data: { planId } });
    expect(started.status()).toBe(201);
    const { runId } = (await started.json()) as { runId: string };

    // The owner started it: under four-eyes they may not decide, and are told why.
    await page.goto(`/runs/${runId}`);
    const ownerRun = new RunPage(page);
    await ownerRun.expectStep("format_post", "awaiting_approval");
    await ownerRun.select("format_post");
    await expect(page.getByTestId("not-your-decision")).toContainText("Four-eyes");

    // The reviewer: the inbox badge counts it, the item opens the run on the highlighted step.
    await reviewer.page.reload();
    await expect(reviewer.page.getByTestId("inbox-count")).toHaveText(/^[1-9]\d*$/);
    await reviewer.page.goto("/inbox");
    const item = reviewer.page.getByTestId("inbox-item").filter({ hasText: plan.title });
    await expect(item).toHaveCount(1);
    await item.getByRole("link", { name: "Open" }).click();
    await expect(reviewer.page).toHaveURL(new RegExp(`/runs/${runId}\\?step=format_post$`));
    const reviewerRun = new RunPage(reviewer.page);
    await expect(reviewerRun.panel()).toHaveAttribute("data-step-id", "format_post");
    await expect(reviewerRun.node("format_post")).toHaveClass(/planvas-glow/);
    await reviewerRun.approve();
    await reviewerRun.expectStep("format_post", "approved");

    // The owner's canvas follows live, without a reload.
    await ownerRun.expectStep("format_post", "approved");
    await ownerRun.expectStep("generate_image", "awaiting_approval");

    // The viewer reads the run; instead of buttons, why they may not decide.
    await viewer.page.goto(`/runs/${runId}?step=generate_image`);
    const viewerRun = new RunPage(viewer.page);
    await viewerRun.expectStep("generate_image", "awaiting_approval");
    await expect(viewer.page.getByTestId("not-your-decision")).toContainText("Only approvers of this workspace may decide this gate");
    await expect(viewer.page.getByTestId("decision-panel").getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);
    await expect(viewer.page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);

    // The audit says who decided, in which role.
    await ownerRun.select("format_post");
    await ownerRun
      .panel()
      .getByRole("tab", { name: /Approvals/ })
      .click();
    await expect(ownerRun.panel().getByTestId("approval-audit")).toContainText("approve by Rita (editor, approver)");
    expect((await page.request.post(`/api/runs/${runId}/cancel`)).status()).toBe(202);
  } finally {
    await reviewer.context.close();
    await viewer.context.close();
  }
});

test("a second member uses the owner's template; a viewer may read it but not publish one", async ({ page, browser, baseURL }) => {
  const name = `Team template ${stamp}`;
  const published = await page.request.post("/api/templates", {
    data: { name, description: "Posts for the team", plan: JSON.parse(carouselJson), params: [{ name: "topic", label: "Topic" }] },
  });
  expect(published.status()).toBe(201);
  const { id } = (await published.json()) as { id: string };
  const editor = await joinAs(browser, baseURL, await inviteLink(page, "editor", false), "Ed");
  const viewer = await joinAs(browser, baseURL, await inviteLink(page, "viewer", false), "Val");
  try {
    await editor.page.goto("/templates");
    const card = editor.page.locator(`[data-testid="template-card"][data-template="${id}"]`);
    await card.getByTestId("use-template").click();
    const dialog = editor.page.getByRole("dialog");
    await dialog.getByLabel(/^Topic/).fill("team rituals");
    await dialog.getByTestId("create-from-template").click();
    await expect(editor.page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);

    await viewer.page.goto("/templates");
    await expect(viewer.page.locator(`[data-testid="template-card"][data-template="${id}"]`)).toBeVisible();
    const refused = await viewer.page.request.post("/api/templates", { data: { name: "Mine", plan: JSON.parse(carouselJson), params: [] } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/only editors, admins and owners/);
  } finally {
    await editor.context.close();
    await viewer.context.close();
  }
});
