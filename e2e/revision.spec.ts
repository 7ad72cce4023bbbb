import { expect, test } from "@playwright/test";
import { CanvasPage } from "./pages/plans";
import { RunPage } from "./pages/run";

test.describe.configure({ timeout: 90_000 });

// The offline model's outputs are marked as such, a revision shows what changed since the one a
// reviewer rejected, and a revision the model could not change says so instead of posing as new.
test("offline badge, revision diff, and feedback the offline model cannot apply", async ({ page }) => {
  const canvas = new CanvasPage(page);
  await page.goto("/");
  await page.getByLabel("What do you want to get done?").fill("Research AI marketing trends and write a LinkedIn post");
  await page.getByRole("button", { name: "Plan it" }).click();
  await expect(canvas.nodes().first()).toBeVisible();
  await canvas.save();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const run = new RunPage(page);

  await run.expectStep("format_post", "awaiting_approval");
  await run.select("format_post");
  const badge = run.panel().getByTestId("offline-badge");
  await expect(badge).toBeVisible();
  // The mark explains itself and points at the configuration, by keyboard too.
  await badge.locator("xpath=..").focus();
  await expect(page.getByRole("tooltip")).toContainText("OPENAI_BASE_URL");
  await page.keyboard.press("Escape");
  await expect(run.panel().getByTestId("revision-changes")).toHaveCount(0);
  const first = await run.panel().getByTestId("post-output").innerText();

  await run.rejectWithFeedback("Make it shorter");
  await expect(run.node("format_post")).toContainText("revision 1", { timeout: 30_000 });
  await run.expectStep("format_post", "awaiting_approval");
  // The step stays selected across revisions. No click on the canvas here: after a step's data
  // changes, React Flow sometimes leaves its node unmeasured (visibility: hidden) on the run view.
  await expect(run.panel()).toHaveAttribute("data-step-id", "format_post");
  const changes = run.panel().getByTestId("revision-changes");
  await expect(changes).toContainText("Changes since revision 0");
  await expect(changes).toContainText("Make it shorter");
  await expect(changes.locator("[data-diff=removed]").first()).toBeVisible();
  await expect(run.panel().getByTestId("output-notes")).toContainText("Applied the feedback: made it shorter.");
  expect((await run.panel().getByTestId("post-output").innerText()).length).toBeLessThan(first.length);
  await page.screenshot({ path: "test-results/e2e/revision-diff.png" });

  await run.rejectWithFeedback("Translate it into Spanish");
  await expect(run.node("format_post").getByTestId("feedback-not-applied-mark")).toHaveText("rev. 2 unchanged", { timeout: 30_000 });
  await run.expectStep("format_post", "awaiting_approval");
  await expect(run.panel()).toHaveAttribute("data-step-id", "format_post");
  await expect(run.panel().getByTestId("feedback-not-applied")).toContainText(
    "The feedback could not be applied: “Translate it into Spanish”. Revision 2 is the same as revision 1.",
  );
  await expect(run.panel().getByTestId("output-notes")).toContainText("cannot translate into Spanish");
  await page.screenshot({ path: "test-results/e2e/revision-unchanged.png" });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "test-results/e2e/revision-unchanged-dark.png" });
  await page.emulateMedia({ colorScheme: "light" });

  // The reviewer still decides.
  await run.approve();
  await run.expectRun("succeeded");
});
