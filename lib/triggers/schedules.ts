// Schedules: CRUD under RLS for the API, CLI and UI. What the tick does with them is in
// schedule-tick.ts; the cron dialect is cron.ts; what a fire starts is fire.ts.
import { z } from "zod";
import type { Database } from "../db/client";
import { asUserSql } from "../db/rls";
import type { ApiIssue } from "../http/issue";
import { checkTarget, triggerTargetSchema, type TriggerTarget } from "./fire";
import { describeCron, nextFire, nextFires, parseCron } from "./cron";

export const OVERLAP_POLICIES = ["skip", "queue", "allow"] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];
export const DEFAULT_MAX_FAILURES = 3;

export class ScheduleError extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = "ScheduleError";
  }
}

const name = z.string().trim().min(1, "give the schedule a name").max(120);
const cron = z.string().trim().min(1, 'required, e.g. "0 9 * * 1"').max(200);
const timezone = z.string().trim().min(1, 'required, e.g. "Europe/Lisbon" or "UTC"').max(64);
const params = z.record(z.string(), z.unknown());
const maxFailures = z.number().int().min(0).max(100);

export const createScheduleBody = z
  .object({
    name,
    target: triggerTargetSchema,
    params: params.default({}),
    cron,
    timezone: timezone.default("UTC"),
    overlap: z.enum(OVERLAP_POLICIES).default("skip"),
    maxFailures: maxFailures.default(DEFAULT_MAX_FAILURES),
    paused: z.boolean().default(false),
  })
  .strict();
export type CreateSchedule = z.output<typeof createScheduleBody>;

export const updateScheduleBody = z
  .object({
    name: name.optional(),
    target: triggerTargetSchema.optional(),
    params: params.optional(),
    cron: cron.optional(),
    timezone: timezone.optional(),
    overlap: z.enum(OVERLAP_POLICIES).optional(),
    maxFailures: maxFailures.optional(),
    paused: z.boolean().optional(),
  })
  .strict();
export type UpdateSchedule = z.output<typeof updateScheduleBody>;

export const previewBody = z.object({ cron, timezone: timezone.default("UTC") }).strict();

export interface Schedule {
  id: string;
  workspaceId: string;
  name: string;
  target: TriggerTarget;
  params: Record<string, unknown>;
  cron: string;
  timezone: string;
  overlap: OverlapPolicy;
  maxFailures: number;
  paused: boolean;
  pausedReason: string | null;
  nextFireAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Auto-pause counts only fires after this (the last resume). */
  failuresSince: Date | null;
}

export type FireStatus = "pending" | "queued" | "started" | "skipped" | "missed" | "failed";

export interface ScheduleFire {
  scheduledAt: Date;
  status: FireStatus;
  runId: string | null;
  runStatus: string | null;
  reason: string | null;
}

type Row = Record<string, unknown>;
const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

const COLS = [
  "id",
  "workspace_id",
  "name",
  "target",
  "params",
  "cron",
  "timezone",
  "overlap",
  "max_failures",
  "paused",
  "paused_reason",
  "next_fire_at",
  "created_by",
  "created_at",
  "updated_at",
  "failures_since",
];
/** The columns toSchedule reads, optionally qualified by a table alias. */
export const scheduleCols = (alias?: string) => COLS.map((c) => (alias ? `${alias}.${c}` : c)).join(", ");
const SCHEDULE_COLS = scheduleCols();

export function toSchedule(r: Row): Schedule {
  return {
    id: r.id as string,
    workspaceId: r.workspace_id as string,
    name: r.name as string,
    target: r.target as TriggerTarget,
    params: (r.params ?? {}) as Record<string, unknown>,
    cron: r.cron as string,
    timezone: r.timezone as string,
    overlap: r.overlap as OverlapPolicy,
    maxFailures: Number(r.max_failures),
    paused: Boolean(r.paused),
    pausedReason: (r.paused_reason as string | null) ?? null,
    nextFireAt: r.next_fire_at ? date(r.next_fire_at) : null,
    createdBy: (r.created_by as string | null) ?? null,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    failuresSince: r.failures_since ? date(r.failures_since) : null,
  };
}

/** The API's JSON for a schedule, with the human reading and the next fire times. */
export function scheduleJson(s: Schedule, now: Date = new Date()) {
  const parsed = parseCron(s.cron, s.timezone);
  const upcoming = parsed.ok && !s.paused ? nextFires(parsed.cron, now, 3).map((d) => d.toISOString()) : [];
  return {
    ...s,
    nextFireAt: s.nextFireAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    failuresSince: s.failuresSince?.toISOString() ?? null,
    description: `${describeCron(s.cron)} ${s.timezone}`,
    upcoming,
  };
}

export const fireJson = (f: ScheduleFire) => ({ ...f, scheduledAt: f.scheduledAt.toISOString() });

/** The cron and time zone checked, or the 400 naming `cron` / `timezone`. */
function checkedCron(expr: string, tz: string) {
  const p = parseCron(expr, tz);
  if (!p.ok) throw new ScheduleError(400, `invalid schedule: ${p.issues[0]!.path}: ${p.issues[0]!.message}`, p.issues);
  return p.cron;
}

async function checkedTarget(db: Database, userId: string, workspaceId: string, target: TriggerTarget, values: Record<string, unknown>) {
  const c = await checkTarget(db, userId, workspaceId, target, values);
  if (c.ok) return;
  const status = c.status === "invalid" ? 400 : c.status === "forbidden" ? 403 : 404;
  const issues = c.issues.length ? c.issues : [{ path: "target", message: c.message }];
  throw new ScheduleError(status, `invalid schedule: ${issues[0]!.path}: ${issues[0]!.message}`, issues);
}

export async function createSchedule(db: Database, user: { id: string }, workspaceId: string, input: CreateSchedule, now = new Date()): Promise<Schedule> {
  const c = checkedCron(input.cron, input.timezone);
  await checkedTarget(db, user.id, workspaceId, input.target, input.params);
  const next = input.paused ? null : nextFire(c, now);
  const [row] = await asUserSql(db, user, (tx) =>
    tx.query(
      `insert into public.schedules (workspace_id, name, target, params, cron, timezone, overlap, max_failures, paused, next_fire_at, created_by)
       values ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, $8, $9, $10::timestamptz, $11) returning ${SCHEDULE_COLS}`,
      [
        workspaceId,
        input.name,
        JSON.stringify(input.target),
        JSON.stringify(input.params),
        input.cron.trim().split(/\s+/).join(" "),
        input.timezone,
        input.overlap,
        input.maxFailures,
        input.paused,
        next?.toISOString() ?? null,
        user.id,
      ],
    ),
  );
  return toSchedule(row!);
}

export async function listSchedules(
  db: Database,
  user: { id: string },
  workspaceId: string,
  filter: { planId?: string; templateId?: string } = {},
): Promise<Schedule[]> {
  const rows = await asUserSql(db, user, (tx) =>
    tx.query(
      `select ${SCHEDULE_COLS} from public.schedules where workspace_id = $1
         and ($2::text is null or (target->>'kind' = 'plan' and target->>'planId' = $2))
         and ($3::text is null or (target->>'kind' = 'template' and target->>'templateId' = $3))
       order by created_at desc, id`,
      [workspaceId, filter.planId ?? null, filter.templateId ?? null],
    ),
  );
  return rows.map(toSchedule);
}

export async function getSchedule(db: Database, user: { id: string }, workspaceId: string, id: string): Promise<Schedule | null> {
  const [row] = await asUserSql(db, user, (tx) =>
    tx.query(`select ${SCHEDULE_COLS} from public.schedules where id = $1 and workspace_id = $2`, [id, workspaceId]),
  );
  return row ? toSchedule(row) : null;
}

/** The schedule's fires, newest first, with the status of the run each started. */
export async function scheduleHistory(db: Database, user: { id: string }, id: string, limit = 50): Promise<ScheduleFire[]> {
  const rows = await asUserSql(db, user, (tx) =>
    tx.query(
      `select f.scheduled_at, f.status, f.run_id, f.reason, r.status as run_status
         from public.schedule_fires f left join public.runs r on r.id = f.run_id
        where f.schedule_id = $1 order by f.scheduled_at desc limit $2`,
      [id, limit],
    ),
  );
  return rows.map((r) => ({
    scheduledAt: date(r.scheduled_at),
    status: r.status as FireStatus,
    runId: (r.run_id as string | null) ?? null,
    runStatus: (r.run_status as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
  }));
}

/**
 * Edits, pauses or resumes. Resuming starts from the next cron time after now (ticks while paused
 * are not caught up), clears the pause reason and restarts the failure streak: only fires after
 * the resume count towards the next auto-pause.
 */
export async function updateSchedule(
  db: Database,
  user: { id: string },
  workspaceId: string,
  id: string,
  patch: UpdateSchedule,
  now = new Date(),
): Promise<Schedule> {
  const cur = await getSchedule(db, user, workspaceId, id);
  if (!cur) throw new ScheduleError(404, "schedule not found", [{ path: "id", message: "no such schedule in this workspace" }]);
  const next = { ...cur, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Schedule;
  if (patch.cron !== undefined) next.cron = patch.cron.trim().split(/\s+/).join(" ");
  const c = checkedCron(next.cron, next.timezone);
  if (patch.target !== undefined || patch.params !== undefined) await checkedTarget(db, user.id, workspaceId, next.target, next.params);
  const timing = patch.cron !== undefined || patch.timezone !== undefined || patch.paused !== undefined;
  const resumed = cur.paused && patch.paused === false;
  const nextFireAt = next.paused ? null : timing || !cur.nextFireAt ? nextFire(c, now) : cur.nextFireAt;
  const [row] = await asUserSql(db, user, (tx) =>
    tx.query(
      `update public.schedules set name = $2, target = $3::jsonb, params = $4::jsonb, cron = $5, timezone = $6, overlap = $7,
         max_failures = $8, paused = $9, paused_reason = case when $9 then paused_reason end, next_fire_at = $10::timestamptz,
         updated_at = $11::timestamptz, failures_since = case when $12 then $11::timestamptz else failures_since end
       where id = $1 returning ${SCHEDULE_COLS}`,
      [
        id,
        next.name,
        JSON.stringify(next.target),
        JSON.stringify(next.params),
        next.cron,
        next.timezone,
        next.overlap,
        next.maxFailures,
        next.paused,
        nextFireAt?.toISOString() ?? null,
        now.toISOString(),
        resumed,
      ],
    ),
  );
  if (!row) throw new ScheduleError(403, "only owners, admins and editors manage schedules", [{ path: "(workspace)", message: "needs the editor role" }]);
  return toSchedule(row);
}

export async function deleteSchedule(db: Database, user: { id: string }, workspaceId: string, id: string): Promise<void> {
  const cur = await getSchedule(db, user, workspaceId, id);
  if (!cur) throw new ScheduleError(404, "schedule not found", [{ path: "id", message: "no such schedule in this workspace" }]);
  const rows = await asUserSql(db, user, (tx) => tx.query("delete from public.schedules where id = $1 returning id", [id]));
  if (!rows.length)
    throw new ScheduleError(403, "only owners, admins and editors manage schedules", [{ path: "(workspace)", message: "needs the editor role" }]);
}
