// Webhooks in a workspace: create (the signing secret is shown once), list, read with the delivery
// log, enable/disable, rotate the secret, delete. Everything runs as the acting user, so RLS and the
// column grants of supabase/migrations/20261203020000_webhooks.sql decide who may see and change
// what; the secret columns are never selected here (members could not read them anyway).
import { z } from "zod";
import type { Database, RawSql } from "../db/client";
import { asService, asUserSql } from "../db/rls";
import { isUuid } from "../ids";
import { STARTERS } from "../templates/starters";
import { getVersion } from "../templates/store";
import { refusal, type Role } from "../workspaces/roles";
import { checkTarget, triggerTargetSchema, type TriggerTarget } from "./fire";
import { mappingSchema, type PayloadMapping } from "./webhook-payload";
import { newHookToken, newSigningSecret, sealSecret, secretHint, webhookKey } from "./webhook-secret-box";

type Issue = { path: string; message: string };

export class WebhookError extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = "WebhookError";
  }
}

const paramsSchema = z.record(z.string(), z.unknown()).refine((p) => Object.keys(p).length <= 50, "at most 50 values");

export const createWebhookBody = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(120),
    target: triggerTargetSchema,
    params: paramsSchema.default({}),
    mapping: mappingSchema.nullable().default(null),
  })
  .strict();
export type CreateWebhookInput = z.output<typeof createWebhookBody>;

export const updateWebhookBody = z
  .object({ name: z.string().trim().min(1, "must not be empty").max(120).optional(), enabled: z.boolean().optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.enabled !== undefined, "give name or enabled");

/** A rotation may keep the old secret valid for up to a day, so senders can switch over. */
export const rotateWebhookBody = z.object({ graceSeconds: z.number().int().min(0).max(86_400).default(0) }).strict();

export interface WebhookSummary {
  id: string;
  workspaceId: string;
  name: string;
  target: TriggerTarget;
  params: Record<string, unknown>;
  mapping: PayloadMapping | null;
  enabled: boolean;
  /** The delivery URL's path; the URL is secret in the sense an invitation link is: members see it. */
  path: string;
  secretHint: string;
  rotatedAt: string | null;
  previousValidUntil: string | null;
  createdBy: string | null;
  createdAt: string;
  lastDelivery: { status: number; receivedAt: string } | null;
}

export interface WebhookDelivery {
  id: string;
  receivedAt: string;
  status: number;
  reason: string;
  runId: string | null;
  replayed: boolean;
  payloadBytes: number;
  payloadExcerpt: string;
  idempotencyKey: string | null;
}

export const hookPath = (hookToken: string) => `/api/hooks/${hookToken}`;

type Row = {
  id: string;
  workspace_id: string;
  name: string;
  target: TriggerTarget | string;
  params: Record<string, unknown> | string;
  mapping: PayloadMapping | string | null;
  enabled: boolean;
  hook_token: string;
  secret_hint: string;
  rotated_at: Date | string | null;
  previous_valid_until: Date | string | null;
  created_by: string | null;
  created_at: Date | string;
  last_status: number | null;
  last_received_at: Date | string | null;
};

const COLUMNS = `w.id, w.workspace_id, w.name, w.target, w.params, w.mapping, w.enabled, w.hook_token, w.secret_hint, w.rotated_at,
  w.previous_valid_until, w.created_by, w.created_at, d.status as last_status, d.received_at as last_received_at`;
const LAST_DELIVERY = `left join lateral (select status, received_at from public.webhook_deliveries x where x.webhook_id = w.id order by received_at desc limit 1) d on true`;

const parsed = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function summaryOf(r: Row): WebhookSummary {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    target: parsed(r.target),
    params: parsed(r.params),
    mapping: r.mapping === null ? null : parsed(r.mapping),
    enabled: r.enabled,
    path: hookPath(r.hook_token),
    secretHint: r.secret_hint,
    rotatedAt: iso(r.rotated_at),
    previousValidUntil: iso(r.previous_valid_until),
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    lastDelivery: r.last_status === null ? null : { status: r.last_status, receivedAt: iso(r.last_received_at)! },
  };
}

/** The names of the target's parameters (a plan has none). */
async function paramNamesOf(db: Database, user: { id: string }, target: TriggerTarget): Promise<string[]> {
  if (target.kind === "plan") return [];
  const starter = STARTERS.find((s) => s.slug === target.templateId);
  if (starter) return starter.params.map((p) => p.name);
  return (await getVersion(db, user, target.templateId, target.version ?? undefined)).params.map((p) => p.name);
}

/**
 * The target exists here and the fixed values fit it. A required parameter left out is fine: the
 * payload brings it (a delivery without it is refused then, naming it). Mapped names must exist.
 */
async function checkWebhookTarget(db: Database, user: { id: string }, workspaceId: string, input: CreateWebhookInput): Promise<void> {
  const checked = await checkTarget(db, user.id, workspaceId, input.target, input.params);
  if (!checked.ok) {
    const given = (path: string) => Object.hasOwn(input.params, path.replace(/^params\./, ""));
    const blocking = checked.status !== "invalid" ? checked.issues : checked.issues.filter((i) => !(i.message.startsWith("required") && !given(i.path)));
    if (checked.status !== "invalid" || blocking.length) {
      const status = checked.status === "not_found" ? 404 : checked.status === "forbidden" ? 403 : 400;
      const issues = blocking.length ? blocking : checked.issues;
      throw new WebhookError(status, `${checked.message}: ${issues[0]!.path}: ${issues[0]!.message}`, issues);
    }
  }
  if (input.mapping) {
    if (input.target.kind === "plan")
      throw new WebhookError(400, "a plan has no parameters to map", [{ path: "mapping", message: "only a template target takes a mapping" }]);
    const names = new Set(await paramNamesOf(db, user, input.target));
    const unknown = Object.keys(input.mapping).filter((k) => !names.has(k));
    if (unknown.length)
      throw new WebhookError(
        400,
        `mapping.${unknown[0]}: the template has no such parameter`,
        unknown.map((k) => ({ path: `mapping.${k}`, message: `the template has no such parameter (it has: ${[...names].join(", ") || "none"})` })),
      );
  }
}

export async function createWebhook(
  db: Database,
  user: { id: string },
  workspaceId: string,
  input: CreateWebhookInput,
): Promise<{ webhook: WebhookSummary; secret: string }> {
  await checkWebhookTarget(db, user, workspaceId, input);
  const secret = newSigningSecret();
  const box = sealSecret(await webhookKey(db), secret);
  try {
    const [row] = await asUserSql(db, user, (tx) =>
      tx.query<{ id: string }>(
        `insert into public.webhooks (workspace_id, name, target, params, mapping, hook_token, secret_box, secret_hint)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        [
          workspaceId,
          input.name,
          JSON.stringify(input.target),
          JSON.stringify(input.params),
          input.mapping ? JSON.stringify(input.mapping) : null,
          newHookToken(),
          box,
          secretHint(secret),
        ],
      ),
    );
    return { webhook: await getWebhook(db, user, row!.id), secret };
  } catch (e) {
    if (/row-level security/.test((e as Error).message))
      throw new WebhookError(403, "only editors, admins and owners may create webhooks here", [{ path: "(workspace)", message: "editors and up" }]);
    throw e;
  }
}

export async function listWebhooks(
  db: Database,
  user: { id: string },
  workspaceId: string,
  filter: { planId?: string; templateId?: string } = {},
): Promise<WebhookSummary[]> {
  const rows = await asUserSql(db, user, (tx) =>
    tx.query<Row>(
      `select ${COLUMNS} from public.webhooks w ${LAST_DELIVERY}
        where w.workspace_id = $1
          and ($2::text is null or w.target->>'planId' = $2)
          and ($3::text is null or w.target->>'templateId' = $3)
        order by w.created_at desc, w.id`,
      [workspaceId, filter.planId ?? null, filter.templateId ?? null],
    ),
  );
  return rows.map(summaryOf);
}

const notFound = () => new WebhookError(404, "no such webhook", [{ path: "webhookId", message: "no webhook with this id that you can see" }]);

async function visibleRow(tx: RawSql, user: { id: string }, id: string): Promise<Row & { role: Role | null }> {
  if (!isUuid(id)) throw notFound();
  const [row] = await tx.query<Row & { role: Role | null }>(
    `select ${COLUMNS}, m.role from public.webhooks w ${LAST_DELIVERY}
       left join public.memberships m on m.workspace_id = w.workspace_id and m.user_id = $2
      where w.id = $1`,
    [id, user.id],
  );
  if (!row) throw notFound();
  return row;
}

/** The webhook, readable by any member; a token of another workspace sees nothing (`workspaceId`). */
export async function getWebhook(db: Database, user: { id: string }, id: string, workspaceId?: string): Promise<WebhookSummary> {
  const row = await asUserSql(db, user, (tx) => visibleRow(tx, user, id));
  if (workspaceId && row.workspace_id !== workspaceId) throw notFound();
  return summaryOf(row);
}

export async function listDeliveries(db: Database, user: { id: string }, id: string, limit = 50): Promise<WebhookDelivery[]> {
  const rows = await asUserSql(db, user, (tx) =>
    tx.query<{
      id: string;
      received_at: Date | string;
      status: number;
      reason: string;
      run_id: string | null;
      replayed: boolean;
      payload_bytes: number;
      payload_excerpt: string;
      idempotency_key: string | null;
    }>(
      `select id, received_at, status, reason, run_id, replayed, payload_bytes, payload_excerpt, idempotency_key
         from public.webhook_deliveries where webhook_id = $1 order by received_at desc, id desc limit $2`,
      [id, limit],
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    receivedAt: iso(r.received_at)!,
    status: r.status,
    reason: r.reason,
    runId: r.run_id,
    replayed: r.replayed,
    payloadBytes: r.payload_bytes,
    payloadExcerpt: r.payload_excerpt,
    idempotencyKey: r.idempotency_key,
  }));
}

/** Runs `fn` on the webhook when the user may manage it (editors and up); 404 / 403 otherwise. */
async function asEditorOf<T>(db: Database, user: { id: string }, id: string, workspaceId: string | undefined, fn: (tx: RawSql) => Promise<T>): Promise<T> {
  return asUserSql(db, user, async (tx) => {
    const row = await visibleRow(tx, user, id);
    if (workspaceId && row.workspace_id !== workspaceId) throw notFound();
    const refused = refusal(row.role ? { role: row.role, approver: false } : null, "edit_plans");
    if (refused) throw new WebhookError(403, `${refused}: managing webhooks`, [{ path: "(workspace)", message: refused }]);
    return fn(tx);
  });
}

export async function updateWebhook(
  db: Database,
  user: { id: string },
  id: string,
  patch: z.output<typeof updateWebhookBody>,
  workspaceId?: string,
): Promise<WebhookSummary> {
  await asEditorOf(db, user, id, workspaceId, (tx) =>
    tx.query("update public.webhooks set name = coalesce($2, name), enabled = coalesce($3, enabled), updated_at = now() where id = $1", [
      id,
      patch.name ?? null,
      patch.enabled ?? null,
    ]),
  );
  return getWebhook(db, user, id);
}

export async function deleteWebhook(db: Database, user: { id: string }, id: string, workspaceId?: string): Promise<void> {
  await asEditorOf(db, user, id, workspaceId, (tx) => tx.query("delete from public.webhooks where id = $1", [id]));
}

/**
 * A new signing secret, shown once. With `graceSeconds` the old one keeps verifying until then
 * (senders switch over without a gap); without, it stops at once. Rotating again within the grace
 * period drops the older one: at most two secrets are ever valid.
 */
export async function rotateWebhook(
  db: Database,
  user: { id: string },
  id: string,
  graceSeconds: number,
  workspaceId?: string,
): Promise<{ webhook: WebhookSummary; secret: string }> {
  const secret = newSigningSecret();
  const box = sealSecret(await webhookKey(db), secret);
  await asEditorOf(db, user, id, workspaceId, async () => {});
  // As service role: copying the old box reads it, and no user may read a secret column.
  await asService(db, (tx) =>
    tx.query(
      `update public.webhooks set previous_secret_box = case when $3::int > 0 then secret_box end,
         previous_valid_until = case when $3::int > 0 then now() + make_interval(secs => $3::int) end,
         secret_box = $2, secret_hint = $4, rotated_at = now(), updated_at = now()
       where id = $1`,
      [id, box, graceSeconds, secretHint(secret)],
    ),
  );
  return { webhook: await getWebhook(db, user, id), secret };
}
