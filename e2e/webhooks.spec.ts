import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createPlan, EditorPage } from "./pages/editor";

// A webhook made in the UI on a template, then called the way a sender would: a signed POST with no
// session (a fresh request context, no cookies), signed here with node's crypto exactly as README
// "Webhooks" documents.
test("create a webhook on a template, post a signed delivery, see the run start with the payload's values", async ({ page, playwright, baseURL }) => {
  await page.goto("/templates");
  const card = page.locator('[data-testid="template-card"][data-template="research-brief"]');
  await card.getByTestId("webhooks-button").click();
  const sheet = page.getByRole("dialog");
  await expect(sheet.getByRole("heading", { name: "Webhooks" })).toBeVisible();
  await expect(sheet.getByTestId("webhooks-empty").or(sheet.getByTestId("webhook-row").first())).toBeVisible();

  // A mapping that names no parameter is refused, naming it; nothing is created.
  await sheet.getByText("Payload mapping (optional)").click();
  await sheet.getByTestId("webhook-mapping").fill('{ "topic": "$.issue.title" }');
  await sheet.getByTestId("create-webhook").click();
  await expect(sheet.getByTestId("webhook-create-error")).toContainText("mapping.topic");
  await sheet.getByTestId("webhook-mapping").fill("");

  await sheet.getByTestId("webhook-name").fill("Questions from the form");
  await sheet.getByTestId("create-webhook").click();
  await expect(page.getByText("Webhook “Questions from the form” created")).toBeVisible();
  const url = await sheet.getByTestId("webhook-url").inputValue();
  const secret = await sheet.getByTestId("webhook-secret").inputValue();
  expect(url).toMatch(/\/api\/hooks\/pvh_[A-Za-z0-9_-]{32}$/);
  expect(secret).toMatch(/^whsec_/);
  await expect(sheet.getByTestId("webhook-curl")).toHaveValue(/openssl dgst -sha256 -hmac/);
  await page.screenshot({ path: test.info().outputPath("webhook-created.png") });
  await sheet.getByTestId("webhook-secret-done").click();
  await expect(sheet.getByTestId("webhook-secret")).toHaveCount(0);

  // The sender: no session cookie at all.
  const sender = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const path = new URL(url).pathname;
  const body = JSON.stringify({ question: "Which queues are durable?", words: 250 });
  const ts = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex");
  const unsigned = await sender.post(path, { data: body, headers: { "content-type": "application/json" } });
  expect(unsigned.status()).toBe(401);
  const delivered = await sender.post(path, {
    data: body,
    headers: { "content-type": "application/json", "Planvas-Timestamp": String(ts), "Planvas-Signature": `v1=${signature}`, "Idempotency-Key": "form-1" },
  });
  expect(delivered.status()).toBe(202);
  const { runId } = (await delivered.json()) as { runId: string };
  const replay = await sender.post(path, {
    data: body,
    headers: { "content-type": "application/json", "Planvas-Timestamp": String(ts), "Planvas-Signature": `v1=${signature}` },
  });
  expect(replay.status()).toBe(409);
  await sender.dispose();

  // The log shows all three, the accepted one linking to its run.
  const row = sheet.getByTestId("webhook-row").filter({ hasText: "Questions from the form" });
  await row.getByTestId("webhook-log-toggle").click();
  const log = row.getByTestId("delivery");
  await expect(log).toHaveCount(3);
  await expect(log.getByTestId("delivery-status")).toHaveText(["409", "202", "401"]);
  await expect(log.nth(0)).toContainText("replayed delivery");
  await expect(log.nth(2)).toContainText("missing Planvas-Timestamp");
  await expect(row).toContainText("last 409");
  await page.screenshot({ path: test.info().outputPath("webhook-log.png") });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: test.info().outputPath("webhook-log-dark.png") });
  await page.emulateMedia({ colorScheme: "light" });
  await log.nth(1).getByRole("link", { name: "Open run" }).click();

  await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));
  await expect(page.getByTestId("run-trigger")).toHaveAttribute("data-trigger", "webhook");
  await expect(page.getByTestId("run-trigger")).toContainText("by webhook “Questions from the form”");
  await expect(page.getByTestId("run-template")).toContainText("question = Which queues are durable?");
  await expect(page.getByTestId("run-template")).toContainText("words = 250");
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", /running|succeeded|awaiting_approval/);
});

test("a plan's webhook from the editor's menu: pinned to the saved version, a signed delivery runs it", async ({ page, request, playwright, baseURL }) => {
  const editor = new EditorPage(page);
  const id = await createPlan(request);
  await editor.open(id);
  await page.getByRole("button", { name: /Export/ }).click();
  await page.getByRole("menuitem", { name: "Webhooks…" }).click();
  const sheet = page.getByRole("dialog");
  await expect(sheet.getByText(/starts a run of this plan/)).toBeVisible();
  await expect(sheet.getByTestId("webhooks-empty")).toBeVisible();
  await sheet.getByRole("switch", { name: "Pin to this version" }).click();
  await expect(sheet.getByText("Runs version 1, even after newer ones")).toBeVisible();
  await sheet.getByTestId("create-webhook").click();
  const url = await sheet.getByTestId("webhook-url").inputValue();
  const secret = await sheet.getByTestId("webhook-secret").inputValue();
  await sheet.getByTestId("webhook-secret-done").click();
  await expect(sheet.getByTestId("webhook-row")).toContainText("v1");

  const sender = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const body = JSON.stringify({ event: "order.created" });
  const ts = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex");
  const old = Math.floor(Date.now() / 1000) - 600;
  const stale = await sender.post(new URL(url).pathname, {
    data: body,
    headers: {
      "content-type": "application/json",
      "Planvas-Timestamp": String(old),
      "Planvas-Signature": `v1=${createHmac("sha256", secret).update(`${old}.${body}`).digest("hex")}`,
    },
  });
  expect(stale.status()).toBe(401);
  expect(((await stale.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe("headers.Planvas-Timestamp");
  const delivered = await sender.post(new URL(url).pathname, {
    data: body,
    headers: { "content-type": "application/json", "Planvas-Timestamp": String(ts), "Planvas-Signature": `v1=${signature}` },
  });
  expect(delivered.status()).toBe(202);
  const { runId } = (await delivered.json()) as { runId: string };
  const run = (await (await request.get(`/api/runs/${runId}`)).json()) as { planId: string; version: number; trigger: string };
  expect(run).toMatchObject({ planId: id, version: 1, trigger: "webhook" });

  // Rotating in the sheet, without the grace period: the new secret is shown once and the old one stops at once.
  await sheet.getByRole("button", { name: /^Rotate the secret of/ }).click();
  await page.getByRole("button", { name: "Rotate", exact: true }).click();
  await expect(sheet.getByTestId("webhook-secret-reveal")).toContainText("New secret for");
  const rotated = await sheet.getByTestId("webhook-secret").inputValue();
  expect(rotated).not.toBe(secret);
  await sheet.getByTestId("webhook-secret-done").click();
  const signedWith = (key: string, data: string) => {
    const now = Math.floor(Date.now() / 1000);
    return sender.post(new URL(url).pathname, {
      data,
      headers: {
        "content-type": "application/json",
        "Planvas-Timestamp": String(now),
        "Planvas-Signature": `v1=${createHmac("sha256", key).update(`${now}.${data}`).digest("hex")}`,
      },
    });
  };
  expect((await signedWith(secret, JSON.stringify({ event: "order.updated" }))).status()).toBe(401);
  expect((await signedWith(rotated, JSON.stringify({ event: "order.updated" }))).status()).toBe(202);
  await sender.dispose();
});
