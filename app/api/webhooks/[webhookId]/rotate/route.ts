import { handle, json, parseBody } from "@/lib/http/json";
import { parseId } from "@/lib/http/ids";
import { dbAndUser } from "@/lib/runs/http";
import { webhookErrorResponse, webhookJson } from "@/lib/triggers/webhook-http";
import { rotateWebhook, rotateWebhookBody } from "@/lib/triggers/webhooks";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ webhookId: string }> };

/** A new signing secret, shown once; `{ graceSeconds }` (≤ 86400) keeps the old one valid that long. */
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const id = parseId("webhookId", "webhook", (await ctx.params).webhookId);
  if (!id.ok) return id.response;
  const empty = req.headers.get("content-length") === "0" || !req.body;
  const body = empty ? ({ ok: true, data: rotateWebhookBody.parse({}) } as const) : await parseBody(req, rotateWebhookBody, { what: "invalid rotation" });
  if (!body.ok) return body.response;
  const { db, user } = await dbAndUser();
  try {
    const { webhook, secret } = await rotateWebhook(db, user, id.id, body.data.graceSeconds, user.tokenWorkspaceId);
    return json({ ...webhookJson(webhook), secret });
  } catch (e) {
    return webhookErrorResponse(e);
  }
});
