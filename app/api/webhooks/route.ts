import { handle, json, parseBody, readQuery } from "@/lib/http/json";
import { dbAndUser } from "@/lib/runs/http";
import { webhookErrorResponse, webhookJson } from "@/lib/triggers/webhook-http";
import { createWebhook, createWebhookBody, listWebhooks } from "@/lib/triggers/webhooks";
import { workspaceFor } from "@/lib/workspaces/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The workspace's webhooks, newest first; `?planId=` or `?templateId=` narrows to one target. Never their secrets. */
export const GET = handle(async (req: Request) => {
  const query = readQuery(req);
  if (!query.ok) return query.response;
  const { db, user } = await dbAndUser();
  const ws = await workspaceFor(db, user, "read");
  if (!ws.ok) return ws.response;
  const filter = { planId: query.params.get("planId") ?? undefined, templateId: query.params.get("templateId") ?? undefined };
  const hooks = await listWebhooks(db, user, ws.workspace.id, filter);
  return json({ webhooks: hooks.map(webhookJson) });
});

/** Creates a webhook: the answer carries its URL and signing secret — the only time the secret is shown. */
export const POST = handle(async (req: Request) => {
  const body = await parseBody(req, createWebhookBody, { what: "invalid webhook" });
  if (!body.ok) return body.response;
  const { db, user } = await dbAndUser();
  const ws = await workspaceFor(db, user, "edit_plans");
  if (!ws.ok) return ws.response;
  try {
    const { webhook, secret } = await createWebhook(db, user, ws.workspace.id, body.data);
    return json({ ...webhookJson(webhook), secret }, { status: 201, headers: { location: `/api/webhooks/${webhook.id}` } });
  } catch (e) {
    return webhookErrorResponse(e);
  }
});
