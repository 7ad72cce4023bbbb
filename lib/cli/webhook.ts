// `planvas webhook list|show|create|rotate|delete`: the webhooks of a running Planvas server. The
// signing secret is printed once, by create and rotate, with an example of a signed delivery.
import { parseArgs } from "node:util";
import { failed, targetText, type Api, type Issues, type Out } from "./api-answers";
import { sampleCurl } from "../triggers/webhook-curl";
import { parseParams } from "./template";

interface HookJson {
  id: string;
  name: string;
  url: string;
  enabled: boolean;
  target: { kind: "plan"; planId: string; version: number | null } | { kind: "template"; templateId: string; version: number | null };
  secretHint: string;
  secret?: string;
  previousValidUntil: string | null;
  lastDelivery: { status: number; receivedAt: string } | null;
  deliveries?: { receivedAt: string; status: number; reason: string; runId: string | null; payloadBytes: number; idempotencyKey: string | null }[];
}

export class WebhookUsageError extends Error {
  override name = "WebhookUsageError";
}

function printSecret(out: Out, hook: HookJson): void {
  out.log(`url:    ${hook.url}`);
  out.log(`secret: ${hook.secret}   (shown once: store it now)`);
  out.log("send a signed delivery:");
  for (const line of sampleCurl(hook.url, hook.secret!)) out.log(`  ${line}`);
}

function mappingOf(pairs: readonly string[]): Record<string, string> | null {
  if (!pairs.length) return null;
  const mapping: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new WebhookUsageError(`--map needs param=$.path (got "${pair}")`);
    mapping[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return mapping;
}

export async function webhook(args: string[], out: Out, api: Api): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      plan: { type: "string" },
      template: { type: "string" },
      version: { type: "string" },
      name: { type: "string" },
      param: { type: "string", multiple: true, default: [] },
      map: { type: "string", multiple: true, default: [] },
      grace: { type: "string" },
      json: { type: "boolean", default: false },
      url: { type: "string" },
    },
    allowPositionals: true,
  });
  const id = positionals[0];
  switch (sub) {
    case "list": {
      const query = values.plan ? `?planId=${encodeURIComponent(values.plan)}` : values.template ? `?templateId=${encodeURIComponent(values.template)}` : "";
      const res = await api<{ webhooks: HookJson[] } & Issues>(`/api/webhooks${query}`);
      if (res.status !== 200) return failed(out, "could not list webhooks", res);
      if (values.json) out.log(JSON.stringify(res.body.webhooks, null, 2));
      else if (!res.body.webhooks.length) out.log("no webhooks");
      else
        for (const h of res.body.webhooks)
          out.log(
            `${h.id}  ${h.name}  ${targetText(h.target)}${h.enabled ? "" : "  (disabled)"}  ${h.lastDelivery ? `last: ${h.lastDelivery.status} at ${h.lastDelivery.receivedAt}` : "no deliveries"}`,
          );
      return 0;
    }
    case "show": {
      if (!id) throw new WebhookUsageError("webhook show needs a webhook id");
      const res = await api<HookJson & Issues>(`/api/webhooks/${encodeURIComponent(id)}`);
      if (res.status !== 200) return failed(out, `no webhook ${id}`, res);
      if (values.json) {
        out.log(JSON.stringify(res.body, null, 2));
        return 0;
      }
      out.log(`${res.body.name}  ${targetText(res.body.target)}${res.body.enabled ? "" : "  (disabled)"}`);
      out.log(`url: ${res.body.url}   secret: ${res.body.secretHint}`);
      for (const d of res.body.deliveries ?? [])
        out.log(`  ${d.receivedAt}  ${d.status}  ${d.payloadBytes} B${d.runId ? `  run ${d.runId}` : ""}${d.reason ? `  ${d.reason}` : ""}`);
      return 0;
    }
    case "create": {
      if (!values.plan === !values.template) throw new WebhookUsageError("webhook create needs --template <id|slug> or --plan <id> (one of them)");
      const version = values.version === undefined ? null : Number(values.version);
      if (version !== null && !(Number.isInteger(version) && version > 0))
        throw new WebhookUsageError(`--version must be a positive integer (got "${values.version}")`);
      const target = values.plan ? { kind: "plan", planId: values.plan, version } : { kind: "template", templateId: values.template, version };
      const res = await api<HookJson & Issues>("/api/webhooks", {
        method: "POST",
        body: JSON.stringify({
          name: values.name ?? `Webhook for ${values.plan ? "plan" : "template"} ${values.plan ?? values.template}`,
          target,
          params: parseParams(values.param ?? []),
          mapping: mappingOf(values.map ?? []),
        }),
      });
      if (res.status !== 201) return failed(out, "could not create the webhook", res);
      if (values.json) {
        out.log(JSON.stringify(res.body, null, 2));
        return 0;
      }
      out.log(`created webhook ${res.body.id} "${res.body.name}" → ${targetText(res.body.target)}`);
      printSecret(out, res.body);
      return 0;
    }
    case "rotate": {
      if (!id) throw new WebhookUsageError("webhook rotate needs a webhook id: planvas webhook rotate <id> [--grace 3600]");
      const grace = values.grace === undefined ? 0 : Number(values.grace);
      if (!Number.isInteger(grace) || grace < 0 || grace > 86_400) throw new WebhookUsageError(`--grace must be 0 to 86400 seconds (got "${values.grace}")`);
      const res = await api<HookJson & Issues>(`/api/webhooks/${encodeURIComponent(id)}/rotate`, {
        method: "POST",
        body: JSON.stringify({ graceSeconds: grace }),
      });
      if (res.status !== 200) return failed(out, "could not rotate the secret", res);
      if (values.json) {
        out.log(JSON.stringify(res.body, null, 2));
        return 0;
      }
      out.log(
        `rotated the secret of ${res.body.id}${res.body.previousValidUntil ? `; the old one works until ${res.body.previousValidUntil}` : "; the old one no longer works"}`,
      );
      printSecret(out, res.body);
      return 0;
    }
    case "delete": {
      if (!id) throw new WebhookUsageError("webhook delete needs a webhook id");
      const res = await api<Issues>(`/api/webhooks/${encodeURIComponent(id)}`, { method: "DELETE" });
      if (res.status !== 204) return failed(out, "could not delete the webhook", res);
      out.log(`deleted webhook ${id}`);
      return 0;
    }
    default:
      throw new WebhookUsageError(`webhook needs list, show, create, rotate or delete (got ${sub === undefined ? "nothing" : `"${sub}"`})`);
  }
}
