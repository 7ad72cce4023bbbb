import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerEmbeddedRunner } from "@/inngest/client";
import type { Database } from "../db/client";
import { asService, asUserSql } from "../db/rls";
import { openTestDatabase, testBackends } from "../db/testing";
import { recordEngineEvents, seedTeam } from "./testing/team";
import { deliverWebhook, MAX_PAYLOAD_BYTES, pruneDeliveries } from "./webhook-delivery";
import { signedHeaders } from "./webhook-signature";
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, rotateWebhook, updateWebhook, WebhookError } from "./webhooks";

// Webhooks end to end below HTTP routing: made and managed as real users under RLS, delivered through
// the same function the public route calls, runs created by the real fireTrigger. The engine is a
// recorder of the events sent (a unit-test double: the run rows are what is checked).
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const eda = { id: id(61), email: "eda@example.com", name: "Eda" };
const vik = { id: id(62), email: "vik@example.com", name: "Vik" };
const TEAM = id(260);
const sent: { id?: string; data: { runId: string } }[] = [];
const target = { kind: "template" as const, templateId: "research-brief", version: null };

describe.each(testBackends)("webhooks on %s", (backend) => {
  let db: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    recordEngineEvents(sent);
    await seedTeam(db, TEAM, eda, vik);
  }, 60_000);
  afterAll(() => {
    registerEmbeddedRunner(undefined);
    return db?.drop();
  });

  const tokenOf = (path: string) => path.split("/").at(-1)!;
  const post = (path: string, body: string, headers: Record<string, string>) =>
    deliverWebhook(
      db,
      tokenOf(path),
      new Request(`http://planvas.test${path}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } }),
    );
  const signedPost = (path: string, secret: string, payload: unknown, extra: Record<string, string> = {}, at = new Date()) => {
    const body = typeof payload === "string" ? payload : JSON.stringify(payload);
    return post(path, body, { ...signedHeaders(secret, body, at), ...extra });
  };
  const runRow = async (runId: string) =>
    (
      await asService(db, (tx) =>
        tx.query<{ trigger: string; trigger_id: string; template_params: unknown }>(
          "select trigger, trigger_id, template_params from public.runs where id = $1",
          [runId],
        ),
      )
    )[0];
  const runCount = async () => Number((await asService(db, (tx) => tx.query<{ n: number }>("select count(*)::int as n from public.runs")))[0]!.n);

  it("starts a run with the payload's values, answers 202 with its id, and logs the delivery", async () => {
    const { webhook, secret } = await createWebhook(db, eda, TEAM, { name: "From the form", target, params: { words: 300 }, mapping: null });
    expect(secret).toMatch(/^whsec_/);
    expect(webhook.path).toMatch(/^\/api\/hooks\/pvh_/);
    const res = await signedPost(webhook.path, secret, { question: "What is durable execution?" });
    expect(res.status).toBe(202);
    const { runId, replayed } = (await res.json()) as { runId: string; replayed: boolean };
    expect(replayed).toBe(false);
    expect(await runRow(runId)).toMatchObject({
      trigger: "webhook",
      trigger_id: webhook.id,
      template_params: { question: "What is durable execution?", words: 300 },
    });
    expect(sent.map((e) => e.data.runId)).toContain(runId);
    const [logged] = await listDeliveries(db, vik, webhook.id);
    expect(logged).toMatchObject({ status: 202, runId, reason: "", payloadBytes: 41, payloadExcerpt: '{"question":"What is durable execution?"}' });
  });

  it("refuses bad signatures, wrong secrets, old and future timestamps, replays, oversized and non-object payloads — starting nothing, logging each", async () => {
    const { webhook, secret } = await createWebhook(db, eda, TEAM, { name: "Strict", target, params: {}, mapping: null });
    const payload = { question: "Why?" };
    const before = await runCount();
    const body = JSON.stringify(payload);
    const expectRefusal = async (res: Response, status: number, path: string, error: RegExp) => {
      expect(res.status).toBe(status);
      const json = (await res.json()) as { error: string; issues: { path: string }[] };
      expect(json.error).toMatch(error);
      expect(json.issues[0]!.path).toBe(path);
    };
    await expectRefusal(await post(webhook.path, body, {}), 401, "headers.Planvas-Timestamp", /missing Planvas-Timestamp/);
    await expectRefusal(
      await post(webhook.path, body, { ...signedHeaders(secret, body), "Planvas-Signature": `v1=${"a".repeat(64)}` }),
      401,
      "headers.Planvas-Signature",
      /does not match/,
    );
    await expectRefusal(await signedPost(webhook.path, "whsec_not-this-one", payload), 401, "headers.Planvas-Signature", /does not match/);
    await expectRefusal(await signedPost(webhook.path, secret, payload, {}, new Date(Date.now() - 6 * 60_000)), 401, "headers.Planvas-Timestamp", /s old/);
    await expectRefusal(await signedPost(webhook.path, secret, payload, {}, new Date(Date.now() + 6 * 60_000)), 401, "headers.Planvas-Timestamp", /future/);
    const headers = signedHeaders(secret, body);
    expect((await post(webhook.path, body, headers)).status).toBe(202);
    await expectRefusal(await post(webhook.path, body, headers), 409, "headers.Planvas-Signature", /replayed/);
    await expectRefusal(await post(webhook.path, body, { ...headers, "Idempotency-Key": "another" }), 409, "headers.Planvas-Signature", /replayed/);
    // A declared length beyond any column (or no number at all) is still a logged 413 / a read body.
    const huge = await post(webhook.path, body, { ...signedHeaders(secret, body), "content-length": "99999999999" });
    expect(huge.status).toBe(413);
    const big = JSON.stringify({ question: "x".repeat(MAX_PAYLOAD_BYTES) });
    await expectRefusal(await signedPost(webhook.path, secret, big), 413, "(body)", /larger than 262144 bytes/);
    await expectRefusal(await signedPost(webhook.path, secret, "[1, 2]"), 400, "(root)", /JSON object/);
    await expectRefusal(await signedPost(webhook.path, secret, "{not json"), 400, "(root)", /not JSON/);
    await expectRefusal(await signedPost(webhook.path, secret, { question: "Why?", sources: "many" }), 400, "params.sources", /params\.sources/);
    const unfit = await signedPost(webhook.path, secret, { topic: "x" });
    expect(unfit.status).toBe(400);
    expect(((await unfit.json()) as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual(["params.question", "params.topic"]);
    expect(await runCount()).toBe(before + 1);

    const log = await listDeliveries(db, eda, webhook.id);
    expect(log.map((d) => d.status)).toEqual([400, 400, 400, 400, 413, 413, 409, 409, 202, 401, 401, 401, 401, 401]);
    expect(log[5]!.payloadBytes).toBe(2_147_483_647);
    expect(log.filter((d) => d.status !== 202).every((d) => d.runId === null && d.reason.length > 0)).toBe(true);
    expect(log.find((d) => d.status === 413)).toMatchObject({ payloadBytes: MAX_PAYLOAD_BYTES + 1, payloadExcerpt: "" });
    expect(log.find((d) => d.reason.includes("params.sources"))!.payloadExcerpt).toBe('{"question":"Why?","sources":"many"}');
  });

  it("deduplicates by Idempotency-Key, also when the same key arrives at once: one run, the rest replayed", async () => {
    const { webhook, secret } = await createWebhook(db, eda, TEAM, { name: "Retried", target, params: {}, mapping: null });
    const before = await runCount();
    // Each retry is signed anew (a new body byte keeps the signatures distinct within one second).
    const answers = await Promise.all(
      [0, 1, 2, 3].map((n) => signedPost(webhook.path, secret, `{"question":"Why?"${" ".repeat(n)}}`, { "Idempotency-Key": "order-42" })),
    );
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as { runId: string; replayed: boolean }[];
    expect(new Set(bodies.map((b) => b.runId)).size).toBe(1);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 202]);
    expect(bodies.filter((b) => !b.replayed)).toHaveLength(1);
    expect(await runCount()).toBe(before + 1);
    const log = await listDeliveries(db, eda, webhook.id);
    expect(log.map((d) => d.idempotencyKey)).toEqual(["order-42", "order-42", "order-42", "order-42"]);
    expect(log.filter((d) => d.replayed)).toHaveLength(3);
    const other = await signedPost(webhook.path, secret, { question: "Why not?" }, { "Idempotency-Key": "order-42" });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe("headers.Idempotency-Key");
    expect(await runCount()).toBe(before + 1);
  });

  it("refuses the second of two identical signed requests arriving at once: one run", async () => {
    const { webhook, secret } = await createWebhook(db, eda, TEAM, { name: "Raced", target, params: {}, mapping: null });
    const before = await runCount();
    const body = JSON.stringify({ question: "Twice at once?" });
    const headers = signedHeaders(secret, body);
    const answers = await Promise.all([post(webhook.path, body, headers), post(webhook.path, body, headers), post(webhook.path, body, headers)]);
    expect(answers.map((r) => r.status).sort()).toEqual([202, 409, 409]);
    expect(await runCount()).toBe(before + 1);
    expect((await listDeliveries(db, eda, webhook.id)).map((d) => d.status).sort()).toEqual([202, 409, 409]);
  });

  it("maps payload paths onto parameters, and names a mapping that fits nothing", async () => {
    const { webhook, secret } = await createWebhook(db, eda, TEAM, { name: "Mapped", target, params: {}, mapping: { question: "$.issue.title" } });
    const res = await signedPost(webhook.path, secret, { action: "opened", issue: { title: "Is it durable?" } });
    expect(res.status).toBe(202);
    expect(await runRow(((await res.json()) as { runId: string }).runId)).toMatchObject({ template_params: { question: "Is it durable?" } });
    await expect(createWebhook(db, eda, TEAM, { name: "Bad", target, params: {}, mapping: { topic: "$.x" } })).rejects.toMatchObject({
      status: 400,
      issues: [{ path: "mapping.topic" }],
    });
    await expect(createWebhook(db, eda, TEAM, { name: "Bad", target, params: { sources: "many" }, mapping: null })).rejects.toMatchObject({
      status: 400,
      issues: [{ path: "params.sources" }],
    });
    await expect(
      createWebhook(db, eda, TEAM, { name: "Bad", target: { kind: "template", templateId: id(999), version: null }, params: {}, mapping: null }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it("rotates: the new secret works at once, the old one only in its grace period; disabled refuses (logged)", async () => {
    const { webhook, secret: first } = await createWebhook(db, eda, TEAM, { name: "Rotated", target, params: { question: "Why?" }, mapping: null });
    const { secret: second, webhook: afterGrace } = await rotateWebhook(db, eda, webhook.id, 3600);
    expect(second).not.toBe(first);
    expect(afterGrace.previousValidUntil).not.toBeNull();
    expect((await signedPost(webhook.path, first, {})).status).toBe(202);
    expect((await signedPost(webhook.path, second, { words: 200 })).status).toBe(202);
    const { secret: third } = await rotateWebhook(db, eda, webhook.id, 0);
    expect((await signedPost(webhook.path, second, { words: 250 })).status).toBe(401);
    expect((await signedPost(webhook.path, third, { words: 250 })).status).toBe(202);
    await updateWebhook(db, eda, webhook.id, { enabled: false });
    const off = await signedPost(webhook.path, third, { words: 300 });
    expect(off.status).toBe(403);
    expect((await listDeliveries(db, eda, webhook.id))[0]).toMatchObject({ status: 403, reason: expect.stringMatching(/disabled/) });
  });

  it("keeps the newest deliveries when trimming the log, and none younger than an hour", async () => {
    const { webhook, secret } = await createWebhook(db, eda, TEAM, { name: "Busy", target, params: {}, mapping: null });
    for (let n = 0; n < 4; n++) await signedPost(webhook.path, secret, `{"question":"Why ${n}?"}`);
    expect(await pruneDeliveries(db, webhook.id, 1)).toBe(0);
    await asService(db, (tx) =>
      tx.query("update public.webhook_deliveries set received_at = received_at - interval '2 hours' where webhook_id = $1", [webhook.id]),
    );
    expect(await pruneDeliveries(db, webhook.id, 2)).toBe(2);
    expect((await listDeliveries(db, eda, webhook.id)).map((d) => d.payloadExcerpt)).toEqual(['{"question":"Why 3?"}', '{"question":"Why 2?"}']);
  });

  it("logs a delivery whose secret cannot be opened (the server key changed) as a 500 naming the fix", async () => {
    const { webhook, secret } = await createWebhook(db, eda, TEAM, { name: "Rekeyed", target, params: {}, mapping: null });
    process.env.PLANVAS_WEBHOOK_KEY = "another key that is long enough to be a key";
    try {
      const res = await signedPost(webhook.path, secret, { question: "Why?" });
      expect(res.status).toBe(500);
    } finally {
      delete process.env.PLANVAS_WEBHOOK_KEY;
    }
    expect((await listDeliveries(db, eda, webhook.id))[0]).toMatchObject({ status: 500, reason: expect.stringMatching(/PLANVAS_WEBHOOK_KEY/) });
    expect((await signedPost(webhook.path, secret, { question: "Why?" })).status).toBe(202);
  });

  it("never shows a secret: not in summaries, and a viewer can neither read the secret columns nor manage", async () => {
    const { webhook, secret } = await createWebhook(db, eda, TEAM, { name: "Guarded", target, params: {}, mapping: null });
    for (const seen of [await getWebhook(db, vik, webhook.id), ...(await listWebhooks(db, vik, TEAM))]) {
      expect(JSON.stringify(seen)).not.toContain(secret);
      expect(JSON.stringify(seen)).not.toMatch(/secret_box|whsec_/);
    }
    await expect(asUserSql(db, vik, (tx) => tx.query("select secret_box from public.webhooks where id = $1", [webhook.id]))).rejects.toThrow(
      /permission denied/,
    );
    await expect(asUserSql(db, eda, (tx) => tx.query("select * from public.webhooks"))).rejects.toThrow(/permission denied/);
    await expect(asUserSql(db, vik, (tx) => tx.query("select signature_hash from public.webhook_deliveries"))).rejects.toThrow(/permission denied/);
    for (const attempt of [
      () => rotateWebhook(db, vik, webhook.id, 0),
      () => updateWebhook(db, vik, webhook.id, { enabled: false }),
      () => deleteWebhook(db, vik, webhook.id),
    ])
      await expect(attempt()).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/you are a viewer/) });
    await expect(createWebhook(db, vik, TEAM, { name: "Mine", target, params: {}, mapping: null })).rejects.toBeInstanceOf(WebhookError);
    // Direct writes under RLS do nothing either.
    const changed = await asUserSql(db, vik, (tx) => tx.query("update public.webhooks set enabled = false where id = $1 returning id", [webhook.id]));
    expect(changed).toHaveLength(0);
    expect((await signedPost(webhook.path, secret, { question: "Still mine?" })).status).toBe(202);
    await deleteWebhook(db, eda, webhook.id);
    expect((await signedPost(webhook.path, secret, { question: "Gone?" })).status).toBe(404);
  });
});
