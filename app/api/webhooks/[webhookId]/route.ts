import { handle, json, parseBody } from "@/lib/http/json";
import { parseId } from "@/lib/http/ids";
import { dbAndUser } from "@/lib/runs/http";
import { webhookErrorResponse, webhookJson } from "@/lib/triggers/webhook-http";
import { deleteWebhook, getWebhook, listDeliveries, updateWebhook, updateWebhookBody } from "@/lib/triggers/webhooks";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ webhookId: string }> };

/** The webhook with its latest 50 deliveries (accepted or refused), newest first. Never its secret. */
export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const id = parseId("webhookId", "webhook", (await ctx.params).webhookId);
  if (!id.ok) return id.response;
  const { db, user } = await dbAndUser();
  try {
    const webhook = await getWebhook(db, user, id.id, user.tokenWorkspaceId);
    return json({ ...webhookJson(webhook), deliveries: await listDeliveries(db, user, id.id) });
  } catch (e) {
    return webhookErrorResponse(e);
  }
});

/** `{ enabled }` and/or `{ name }`. A disabled webhook refuses deliveries (403, logged). */
export const PATCH = handle(async (req: Request, ctx: Ctx) => {
  const id = parseId("webhookId", "webhook", (await ctx.params).webhookId);
  if (!id.ok) return id.response;
  const body = await parseBody(req, updateWebhookBody, { what: "invalid webhook change" });
  if (!body.ok) return body.response;
  const { db, user } = await dbAndUser();
  try {
    return json(webhookJson(await updateWebhook(db, user, id.id, body.data, user.tokenWorkspaceId)));
  } catch (e) {
    return webhookErrorResponse(e);
  }
});

/** Deletes the webhook and its log; the runs it started stay. */
export const DELETE = handle(async (_req: Request, ctx: Ctx) => {
  const id = parseId("webhookId", "webhook", (await ctx.params).webhookId);
  if (!id.ok) return id.response;
  const { db, user } = await dbAndUser();
  try {
    await deleteWebhook(db, user, id.id, user.tokenWorkspaceId);
    return new Response(null, { status: 204 });
  } catch (e) {
    return webhookErrorResponse(e);
  }
});
