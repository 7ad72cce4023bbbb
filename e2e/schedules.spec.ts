import { expect, test, type Locator, type Page } from "@playwright/test";

// A template scheduled every minute from its card, with values: the embedded runner's cron tick
// (the same schedule-tick function Inngest runs) fires it at the next minute boundary, and the run
// waits at its approval gate showing the values. No test clock: it waits for the real minute.
test.describe.configure({ timeout: 150_000 });

/** Opens the Schedules sheet; a click that lands before hydration is tried again. */
async function openSchedules(button: Locator, page: Page) {
  const sheet = page.getByRole("dialog");
  await expect(async () => {
    await button.click();
    await expect(sheet.getByTestId("new-schedule")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  return sheet;
}

interface Fire {
  scheduledAt: string;
  status: string;
  runId: string | null;
}

test("schedule a template every minute with values: the scheduled run appears and waits at its gate", async ({ page, request }) => {
  await page.goto("/templates");
  const card = page.locator('[data-testid="template-card"][data-template="launch-post-with-image"]');
  const sheet = await openSchedules(card.getByTestId("schedules-button"), page);
  await expect(sheet.getByTestId("schedules-empty")).toBeVisible();
  await sheet.getByTestId("new-schedule").click();
  const form = sheet.getByTestId("schedule-form");
  await form.getByLabel("Name").fill("Launch post every minute");

  // Bad input is read back at once, naming the field.
  await form.getByTestId("schedule-cron").fill("0 25 * * *");
  await expect(form.getByTestId("cron-error")).toContainText("Cron: Invalid value for hour: 25");
  await expect(form.getByTestId("create-schedule")).toBeDisabled();
  await form.getByTestId("schedule-tz").fill("Europe/Atlantis");
  await expect(form.getByTestId("cron-error")).toContainText("Time zone: unknown time zone");
  await form.getByTestId("schedule-tz").fill("Europe/Lisbon");
  await form.getByRole("button", { name: "Mondays 09:00" }).click();
  await expect(form.getByTestId("cron-preview")).toContainText("every Monday at 09:00 Europe/Lisbon");
  await form.getByRole("button", { name: "Every minute" }).click();
  await expect(form.getByTestId("cron-preview")).toContainText("every minute Europe/Lisbon");

  await form.getByLabel(/^Product or feature/).fill("Planvas schedules");
  await form.getByLabel(/^Tone/).fill("upbeat");
  await page.screenshot({ path: test.info().outputPath("schedule-form.png") });
  await form.getByTestId("create-schedule").click();
  await expect(page.getByText("Scheduled “Launch post every minute”")).toBeVisible();
  const item = sheet.getByTestId("schedule-item").filter({ hasText: "Launch post every minute" });
  await expect(item.getByTestId("schedule-status")).toHaveText("Active");
  await expect(item.getByTestId("schedule-description")).toContainText("every minute Europe/Lisbon · next ");
  await page.screenshot({ path: test.info().outputPath("schedules-sheet.png") });

  const listed = (await (await request.get("/api/schedules?templateId=launch-post-with-image")).json()) as { schedules: { id: string; nextFireAt: string }[] };
  const { id, nextFireAt } = listed.schedules[0]!;
  // The next minute boundary (at most 60 s away), plus the tick's own latency.
  let fire: Fire | undefined;
  await expect
    .poll(
      async () => {
        const s = (await (await request.get(`/api/schedules/${id}`)).json()) as { fires: Fire[] };
        fire = s.fires.find((f) => f.status === "started");
        return fire?.scheduledAt ?? null;
      },
      { timeout: 100_000, intervals: [1_000] },
    )
    .toBe(nextFireAt);
  const runId = fire!.runId!;

  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "awaiting_approval", { timeout: 30_000 });
  await expect(page.getByTestId("run-trigger")).toHaveAttribute("data-trigger", "schedule");
  await expect(page.getByTestId("run-trigger")).toContainText("by schedule “Launch post every minute”");
  await expect(page.getByTestId("run-template")).toContainText("product = Planvas schedules");
  await expect(page.getByTestId("run-template")).toContainText("tone = upbeat");

  // The workspace's schedules page: the history links the run; pausing says so.
  await page.goto("/schedules");
  const row = page.getByTestId("schedule-item").filter({ hasText: "Launch post every minute" });
  await row.getByRole("button", { name: "History" }).click();
  await expect(row.getByTestId("schedule-fire-run").first()).toHaveAttribute("href", new RegExp(`/runs/[0-9a-f-]{36}$`));
  await row.getByRole("button", { name: "Pause Launch post every minute" }).click();
  await expect(row.getByTestId("schedule-status")).toHaveText("Paused");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.screenshot({ path: test.info().outputPath("schedules-page-dark.png") });
  const paused = (await (await request.get(`/api/schedules/${id}`)).json()) as { paused: boolean; nextFireAt: string | null };
  expect(paused).toMatchObject({ paused: true, nextFireAt: null });
});

test("schedule a plan from the editor toolbar: the latest version, weekdays at 09:00 New York", async ({ page, request }) => {
  const plan = {
    title: "Morning status",
    steps: [{ stepIndex: 0, toolName: "summarize", description: "Summarize", requiresApproval: false, input: { focus: "status" } }],
  };
  const saved = await request.post("/api/plans", { data: plan });
  expect(saved.status()).toBe(201);
  const { id: planId } = (await saved.json()) as { id: string };
  await page.goto(`/plans/${planId}`);
  await expect(page.getByTestId("step-node")).toHaveCount(1);
  const sheet = await openSchedules(page.getByRole("toolbar", { name: "Plan editor" }).getByTestId("schedules-button"), page);
  await sheet.getByTestId("new-schedule").click();
  const form = sheet.getByTestId("schedule-form");
  await expect(form.getByLabel("Name")).toHaveValue("Morning status");
  await form.getByRole("button", { name: "Weekdays 09:00" }).click();
  await form.getByTestId("schedule-tz").fill("America/New_York");
  await expect(form.getByTestId("cron-preview")).toContainText("at 09:00 on weekdays America/New_York");
  await expect(form.getByTestId("cron-preview")).toContainText(/Next: \d+ \w{3} 09:00 · /);
  await form.getByTestId("create-schedule").click();
  const item = sheet.getByTestId("schedule-item").filter({ hasText: "Morning status" });
  await expect(item.getByTestId("schedule-status")).toHaveText("Active");
  await expect(item.getByTestId("schedule-description")).toContainText(/at 09:00 on weekdays America\/New_York · next \d+ \w{3} 09:00/);
  await page.screenshot({ path: test.info().outputPath("plan-schedules-sheet.png") });
  const listed = (await (await request.get(`/api/schedules?planId=${planId}`)).json()) as { schedules: { target: unknown }[] };
  expect(listed.schedules.map((s) => s.target)).toEqual([{ kind: "plan", planId, version: null }]);

  // An API token works as for every route: without a session cookie, in the token's workspace.
  const made = await request.post("/api/tokens", { data: { name: "schedules e2e" } });
  expect(made.status()).toBe(201);
  const { token } = (await made.json()) as { token: string };
  const base = test.info().project.use.baseURL!;
  const bearer = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const viaToken = await fetch(`${base}/api/schedules?planId=${planId}`, { headers: bearer });
  expect(viaToken.status).toBe(200);
  expect(((await viaToken.json()) as { schedules: unknown[] }).schedules).toHaveLength(1);
  const bad = await fetch(`${base}/api/schedules`, {
    method: "POST",
    headers: bearer,
    body: JSON.stringify({ name: "x", target: { kind: "plan", planId, version: null }, cron: "0 9 * * 1", timezone: "Moon/Base" }),
  });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe("timezone");
  expect((await fetch(`${base}/api/schedules`)).status).toBe(401);
});
