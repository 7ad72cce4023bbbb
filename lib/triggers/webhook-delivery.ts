// What POST /api/hooks/<token> does with a request. The sender has no session: the URL finds the
// webhook and the signature proves the sender holds its secret, so this runs as service role —
// after verifying, and the run still starts as the webhook's creator with their role checked then
// (lib/triggers/fire.ts). Every request that names a webhook is recorded in its log, whatever the
// answer; a refused one starts nothing.
import { createHash, randomUUID } from "node:crypto";
import type { Database } from "../db/client";
import { asService } from "../db/rls";
import { apiError, json, readBody } from "../http/json";
import { idempotencyKeyOf } from "../runs/http";
import { fireTrigger, type TriggerTarget } from "./fire";
import { paramsFromPayload, type PayloadMapping } from "./webhook-payload";
import { openSecret, webhookKey } from "./webhook-secret-box";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "./webhook-signature";

/** The largest payload a delivery may carry (refused with 413 while it streams in). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
/** How much of a payload the log keeps. */
const EXCERPT_CHARS = 2000;
const HOOK_TOKEN = /^pvh_[A-Za-z0-9_-]{32}$/;

type Hook = {
  id: string;
  workspace_id: string;
  target: TriggerTarget | string;
  params: Record<string, unknown> | string;
  mapping: PayloadMapping | string | null;
  enabled: boolean;
  secret_box: string;
  previous_secret_box: string | null;
  previous_valid_until: Date | string | null;
  created_by: string | null;
};

interface Logged {
  status: number;
  reason: string;
  runId?: string | null;
  replayed?: boolean;
  payloadBytes: number;
  excerpt: string;
  idempotencyKey: string | null;
}

const parsed = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
// Text columns take no NUL; the excerpt is for reading, so anything odd is replaced.
const excerptOf = (bytes: Uint8Array) =>
  Buffer.from(bytes.subarray(0, EXCERPT_CHARS * 4))
    .toString("utf8")
    .slice(0, EXCERPT_CHARS)
    .replace(/\u0000/g, "\ufffd");

/** How many deliveries a webhook's log keeps; older ones go once they are past the replay window too. */
export const LOG_KEPT = 1000;

/** Trims a webhook's log to its newest `keep` rows, never one younger than an hour (a seen signature still matters then). */
export async function pruneDeliveries(db: Database, webhookId: string, keep = LOG_KEPT): Promise<number> {
  const rows = await asService(db, (tx) =>
    tx.query(
      `delete from public.webhook_deliveries d
        where d.webhook_id = $1 and d.received_at < now() - interval '1 hour'
          and d.id not in (select id from public.webhook_deliveries where webhook_id = $1 order by received_at desc, id desc limit $2)
        returning 1`,
      [webhookId, keep],
    ),
  );
  return rows.length;
}

async function record(db: Database, hook: Hook, id: string, entry: Logged): Promise<void> {
  // About one delivery in sixteen (by its random id) trims the log, so a busy webhook's log stays bounded.
  if (id.endsWith("0")) await pruneDeliveries(db, hook.id);
  await asService(db, (tx) =>
    tx.query(
      `insert into public.webhook_deliveries (id, webhook_id, workspace_id, status, reason, run_id, replayed, payload_bytes, payload_excerpt, idempotency_key)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (id) do update set status = excluded.status, reason = excluded.reason, run_id = excluded.run_id, replayed = excluded.replayed`,
      [
        id,
        hook.id,
        hook.workspace_id,
        entry.status,
        entry.reason.slice(0, 2000),
        entry.runId ?? null,
        entry.replayed ?? false,
        entry.payloadBytes,
        entry.excerpt,
        entry.idempotencyKey,
      ],
    ),
  );
}

/** Claims a verified signature: false when it was seen before (a replay), atomically. */
async function claimSignature(db: Database, hook: Hook, id: string, entry: Logged, signatureHash: string): Promise<boolean> {
  const rows = await asService(db, (tx) =>
    tx.query(
      `insert into public.webhook_deliveries (id, webhook_id, workspace_id, status, reason, payload_bytes, payload_excerpt, idempotency_key, signature_hash)
       values ($1, $2, $3, 102, 'processing', $4, $5, $6, $7)
       on conflict (webhook_id, signature_hash) where signature_hash is not null do nothing returning 1`,
      [id, hook.id, hook.workspace_id, entry.payloadBytes, entry.excerpt, entry.idempotencyKey, signatureHash],
    ),
  );
  return rows.length === 1;
}

async function errorOf(res: Response): Promise<string> {
  try {
    return ((await res.clone().json()) as { error?: string }).error ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

const refuse = (status: number, error: string, path: string, message = error) => apiError(status, error, [{ path, message }]);

export async function deliverWebhook(db: Database, hookToken: string, req: Request, now: () => Date = () => new Date()): Promise<Response> {
  const unknown = refuse(404, "no such webhook (the URL is wrong, or the webhook was deleted)", "(url)");
  if (!HOOK_TOKEN.test(hookToken)) return unknown;
  const [hook] = await asService(db, (tx) =>
    tx.query<Hook>(
      `select id, workspace_id, target, params, mapping, enabled, secret_box, previous_secret_box, previous_valid_until, created_by
         from public.webhooks where hook_token = $1`,
      [hookToken],
    ),
  );
  if (!hook) return unknown;

  const deliveryId = randomUUID();
  // As logged: a declared length that is no byte count (or beyond int4) is not one to keep.
  const declaredRaw = Number(req.headers.get("content-length") ?? NaN);
  const declared = Number.isSafeInteger(declaredRaw) && declaredRaw >= 0 ? Math.min(declaredRaw, 2_147_483_647) : NaN;
  const key = idempotencyKeyOf(req);
  const idempotencyKey = key.ok ? (key.key ?? null) : null;
  const entry: Logged = { status: 0, reason: "", payloadBytes: Number.isFinite(declared) ? declared : 0, excerpt: "", idempotencyKey };
  const answer = async (res: Response): Promise<Response> => {
    await record(db, hook, deliveryId, { ...entry, status: res.status, reason: await errorOf(res) });
    return res;
  };

  if (!hook.enabled) return answer(refuse(403, "this webhook is disabled; an editor can enable it again", "(webhook)"));
  if (!key.ok) return answer(key.response);
  const body = await readBody(req, MAX_PAYLOAD_BYTES);
  if (!body.ok) {
    // Past the limit the rest is not read: the log says "more than the limit" unless a length was declared.
    if (body.response.status === 413 && !Number.isFinite(declared)) entry.payloadBytes = MAX_PAYLOAD_BYTES + 1;
    return answer(body.response);
  }
  entry.payloadBytes = body.bytes.byteLength;
  entry.excerpt = excerptOf(body.bytes);

  let secrets: string[];
  try {
    const keyBytes = await webhookKey(db);
    secrets = [openSecret(keyBytes, hook.secret_box)];
    const graceUntil = hook.previous_valid_until ? new Date(hook.previous_valid_until) : null;
    if (hook.previous_secret_box && graceUntil && graceUntil > now()) secrets.push(openSecret(keyBytes, hook.previous_secret_box));
  } catch (e) {
    // The server's key changed (PLANVAS_WEBHOOK_KEY): the server's fault, and the log says how to fix it.
    return answer(refuse(500, (e as Error).message, "(server)"));
  }
  const verified = verifySignature({
    secrets,
    timestamp: req.headers.get(TIMESTAMP_HEADER),
    signature: req.headers.get(SIGNATURE_HEADER),
    body: body.bytes,
    now: now(),
  });
  if (!verified.ok) return answer(refuse(401, verified.message, `headers.${verified.header}`));

  const signatureHash = createHash("sha256").update(verified.signature).digest("hex");
  if (!(await claimSignature(db, hook, deliveryId, entry, signatureHash))) {
    const message = `replayed delivery: this ${SIGNATURE_HEADER} was received before; sign each delivery anew (a fresh ${TIMESTAMP_HEADER})`;
    return answer(refuse(409, message, `headers.${SIGNATURE_HEADER}`));
  }
  try {
    const res = await start(db, hook, deliveryId, body.bytes, idempotencyKey);
    await record(db, hook, deliveryId, {
      ...entry,
      status: res.status,
      reason: res.ok ? "" : await errorOf(res.response),
      runId: res.runId,
      replayed: res.replayed,
    });
    return res.response;
  } catch (e) {
    await record(db, hook, deliveryId, { ...entry, status: 500, reason: `internal error: ${(e as Error).message}` }).catch(() => {});
    throw e;
  }
}

type Started = { response: Response; status: number; ok: boolean; runId: string | null; replayed: boolean };
const done = (response: Response, runId: string | null = null, replayed = false): Started => ({
  response,
  status: response.status,
  ok: response.ok,
  runId,
  replayed,
});

/** Parses the verified payload, maps it onto the target's parameters and fires. */
async function start(db: Database, hook: Hook, deliveryId: string, bytes: Uint8Array, idempotencyKey: string | null): Promise<Started> {
  const text = Buffer.from(bytes).toString("utf8");
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (e) {
    return done(refuse(400, `the payload is not JSON: ${(e as Error).message}`, "(root)"));
  }
  if (!payload || typeof payload !== "object" || Array.isArray(payload))
    return done(refuse(400, "the payload must be a JSON object (its keys are the parameter values)", "(root)", "expected a JSON object"));
  if (!hook.created_by) return done(refuse(403, "the webhook's creator no longer exists; create a new webhook", "(webhook)"));

  const target = parsed(hook.target);
  const mapping = hook.mapping === null ? null : parsed(hook.mapping);
  // A plan takes no values: its payload is only recorded.
  const params = target.kind === "plan" ? {} : paramsFromPayload(payload as Record<string, unknown>, mapping, parsed(hook.params));
  const fired = await fireTrigger(db, {
    target,
    params,
    ownerId: hook.created_by,
    workspaceId: hook.workspace_id,
    via: "webhook",
    triggerId: hook.id,
    idempotencyKey: `${hook.id}:${idempotencyKey ?? deliveryId}`,
  });
  if (fired.status === "started") {
    const body = { runId: fired.runId, deliveryId, replayed: fired.replayed };
    return done(json(body, fired.replayed ? 200 : 202), fired.runId, fired.replayed);
  }
  const first = fired.issues[0];
  // The key was used for other values: the request's fault, but not its fields' (as POST /api/runs).
  const reused = first?.path === "headers.Idempotency-Key";
  const status = reused ? 422 : fired.status === "invalid" ? 400 : fired.status === "forbidden" ? 403 : 404;
  return done(apiError(status, first ? `${fired.message}: ${first.path}: ${first.message}` : fired.message, fired.issues));
}
