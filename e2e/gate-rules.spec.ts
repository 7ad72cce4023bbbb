import { expect, test } from "@playwright/test";
import { createPlan, EditorPage } from "./pages/editor";
import { RunPage } from "./pages/run";

test.describe.configure({ timeout: 90_000 });

test("a gate's rule is set in the inspector; under four-eyes the person who started the run sees why instead of buttons", async ({ page, request }) => {
  const planId = await createPlan(request);
  const editor = new EditorPage(page);
  await editor.open(planId);
  await editor.select("format_post");
  const rule = editor.inspector().getByTestId("approval-rule");
  await expect(rule).toBeVisible();
  await rule.getByLabel("Not the person who started the run (four-eyes)").click();
  await rule.getByLabel("Approvals needed").fill("2");
  await expect(rule).toContainText("2 different people must approve");
  await editor.save();
  await expect(editor.version()).toContainText("2");

  // The rule is part of the saved version.
  const saved = (await (await request.get(`/api/plans/${planId}`)).json()) as { plan: { steps: { id: string; approvalRule?: unknown }[] } };
  expect(saved.plan.steps.find((s) => s.id === "format_post")?.approvalRule).toEqual({ deciders: { kind: "approvers" }, notInitiator: true, quorum: 2 });

  const started = await request.post("/api/runs", { data: { planId } });
  expect(started.status()).toBe(201);
  const { runId } = (await started.json()) as { runId: string };
  await page.goto(`/runs/${runId}`);
  const run = new RunPage(page);
  await run.expectStep("format_post", "awaiting_approval");
  await expect(run.node("format_post").getByTestId("node-gate-progress")).toHaveText("0 of 2 approvals");
  await expect(run.node("format_post").getByTestId("node-not-yours")).toBeVisible();
  await run.select("format_post");
  const panel = page.getByTestId("decision-panel");
  await expect(panel.getByTestId("gate-status")).toContainText("any approver · not the person who started the run · 2 approvals");
  await expect(panel.getByTestId("not-your-decision")).toContainText("Four-eyes: the person who started the run may not decide its gates");
  await expect(panel.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);

  // The server says the same to a request that goes around the page.
  const hash = ((await (await request.get(`/api/runs/${runId}`)).json()) as { steps: { id: string; contentHash: string }[] }).steps.find(
    (s) => s.id === "format_post",
  )!.contentHash;
  const refused = await request.post(`/api/runs/${runId}/steps/format_post/decision`, { data: { decision: "approve", contentHash: hash } });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ rule: "four_eyes" });

  // Nor is it in this person's inbox.
  const inbox = (await (await request.get("/api/inbox")).json()) as { items: { runId: string }[] };
  expect(inbox.items.map((i) => i.runId)).not.toContain(runId);
  expect((await request.post(`/api/runs/${runId}/cancel`)).status()).toBe(202);
});
