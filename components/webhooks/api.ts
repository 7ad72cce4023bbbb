// The browser's client for the webhook endpoints. Secrets come back only from create and rotate.
import { ApiError } from "@/components/plans/api";
import type { WebhookDelivery } from "@/lib/triggers/webhooks";

export type WebhookTarget = { kind: "plan"; planId: string; version: number | null } | { kind: "template"; templateId: string; version: number | null };

export interface Webhook {
  id: string;
  name: string;
  target: WebhookTarget;
  params: Record<string, unknown>;
  mapping: Record<string, string> | null;
  enabled: boolean;
  url: string;
  secretHint: string;
  rotatedAt: string | null;
  previousValidUntil: string | null;
  createdAt: string;
  lastDelivery: { status: number; receivedAt: string } | null;
}

/** A delivery log row, as GET /api/webhooks/{id} answers it. */
export type Delivery = WebhookDelivery;

async function call<T>(url: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const res = await fetch(url, {
    ...init,
    cache: "no-store",
    headers: init?.json !== undefined ? { "content-type": "application/json" } : undefined,
    body: init?.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new ApiError(typeof body.error === "string" ? body.error : `HTTP ${res.status}`, res.status, body);
  return body as T;
}

const one = (id: string) => `/api/webhooks/${encodeURIComponent(id)}`;

export const listWebhooks = (target: WebhookTarget) => {
  const query = target.kind === "plan" ? `planId=${encodeURIComponent(target.planId)}` : `templateId=${encodeURIComponent(target.templateId)}`;
  return call<{ webhooks: Webhook[] }>(`/api/webhooks?${query}`).then((r) => r.webhooks);
};
export const createWebhook = (body: { name: string; target: WebhookTarget; params?: Record<string, unknown>; mapping?: Record<string, string> | null }) =>
  call<Webhook & { secret: string }>("/api/webhooks", { method: "POST", json: body });
export const fetchWebhook = (id: string) => call<Webhook & { deliveries: Delivery[] }>(one(id));
export const setWebhookEnabled = (id: string, enabled: boolean) => call<Webhook>(one(id), { method: "PATCH", json: { enabled } });
export const rotateWebhookSecret = (id: string, graceSeconds: number) =>
  call<Webhook & { secret: string }>(`${one(id)}/rotate`, { method: "POST", json: { graceSeconds } });
export const deleteWebhook = (id: string) =>
  fetch(one(id), { method: "DELETE" }).then(async (res) => {
    if (!res.ok) throw new ApiError(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`, res.status, {});
  });
