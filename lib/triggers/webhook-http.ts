// What the webhook management routes share: the JSON a webhook is answered as (with its absolute
// URL; never a secret — the secret is added only to the create and rotate answers) and the error shape.
import { publicUrl } from "../auth/local/instance";
import { apiError } from "../http/json";
import { WebhookError, type WebhookSummary } from "./webhooks";

export const webhookJson = (w: WebhookSummary) => ({ ...w, url: `${publicUrl()}${w.path}` });

export function webhookErrorResponse(e: unknown): Response {
  if (e instanceof WebhookError) return apiError(e.status, e.message, e.issues);
  throw e;
}
