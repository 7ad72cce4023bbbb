// What the schedule tick does (inngest/functions/schedule-tick.ts calls it once a minute, on
// Inngest or the embedded runner alike). Two phases, so a crash anywhere neither repeats nor loses
// a fire:
//   claim  one transaction (service role): for each due schedule, decide every cron time that came
//          due — fire, skip, queue or missed — record it in schedule_fires (primary key (schedule,
//          scheduled_at): a time is decided once) and move next_fire_at past now.
//   start  per fire recorded "pending": fireTrigger with the idempotency key
//          `${scheduleId}:${scheduledAt ISO}` (one run per key, however often it is called), then
//          mark it started or failed. A fire left pending by a crash is started by the next tick.
//
// Catch-up after downtime (the tick did not run for a while): of the cron times that came due since
// the schedule's next_fire_at, only the latest fires, and only if it is at most CATCH_UP_WINDOW_MS
// old; every other one is recorded "missed" (up to MAX_MISSED_ROWS of the newest; the oldest of
// those says how many more were missed). Like Temporal's catch-up window with an overlap of one.
//
// Overlap (a previous fire's run is not finished): skip records "skipped"; queue records the fire
// "queued" (at most one; another one meanwhile is skipped) and starts it at the first tick after the
// previous run finished, keeping its own scheduled_at (and so its idempotency key); allow starts it.
//
// Auto-pause: before deciding a due time, when the schedule's last max_failures started-or-failed
// fires (since it was last resumed) all failed — the run failed, or it could not be started — the
// schedule is paused with the reason, and the due time is recorded "skipped".
import type { Database, RawSql } from "../db/client";
import { asService } from "../db/rls";
import { TERMINAL } from "../runs/status";
import { firesBetween, nextFire, parseCron } from "./cron";
import { fireTrigger, type FireRequest, type FireResult } from "./fire";
import { scheduleCols, toSchedule, type Schedule } from "./schedules";

export const CATCH_UP_WINDOW_MS = Math.max(60_000, Number(process.env.PLANVAS_SCHEDULE_CATCH_UP_MS) || 60 * 60_000);
export const MAX_MISSED_ROWS = 20;
/** Schedules handled per tick; the rest are due on the next one (their fires keep their times). */
export const MAX_SCHEDULES_PER_TICK = 200;

export interface PendingFire {
  scheduleId: string;
  /** ISO time: the cron time this fire is for. */
  scheduledAt: string;
}

const TERMINAL_SQL = `array[${[...TERMINAL].map((s) => `'${s}'`).join(", ")}]`;

export const idempotencyKeyOf = (scheduleId: string, scheduledAt: Date) => `${scheduleId}:${scheduledAt.toISOString()}`;

async function record(tx: RawSql, scheduleId: string, at: Date, status: string, reason: string | null): Promise<boolean> {
  const rows = await tx.query(
    `insert into public.schedule_fires (schedule_id, scheduled_at, status, reason) values ($1, $2::timestamptz, $3, $4)
     on conflict (schedule_id, scheduled_at) do nothing returning status`,
    [scheduleId, at.toISOString(), status, reason],
  );
  return rows.length > 0;
}

/** The id of an unfinished run a fire of this schedule started, if any. */
async function unfinishedRun(tx: RawSql, scheduleId: string): Promise<string | null> {
  const [row] = await tx.query<{ run_id: string }>(
    `select f.run_id from public.schedule_fires f join public.runs r on r.id = f.run_id
      where f.schedule_id = $1 and f.status = 'started' and not (r.status = any(${TERMINAL_SQL})) order by f.scheduled_at desc limit 1`,
    [scheduleId],
  );
  return row?.run_id ?? null;
}

/** The pause reason when the last `s.maxFailures` fires all failed, else null. */
async function failureStreak(tx: RawSql, s: Schedule): Promise<string | null> {
  if (s.maxFailures <= 0) return null;
  const rows = await tx.query<{ status: string; run_status: string | null; run_id: string | null; reason: string | null }>(
    `select f.status, r.status as run_status, f.run_id, f.reason from public.schedule_fires f left join public.runs r on r.id = f.run_id
      where f.schedule_id = $1 and f.status in ('started', 'failed') and ($3::timestamptz is null or f.scheduled_at > $3::timestamptz)
      order by f.scheduled_at desc limit $2`,
    [s.id, s.maxFailures, s.failuresSince?.toISOString() ?? null],
  );
  if (rows.length < s.maxFailures || !rows.every((r) => r.status === "failed" || r.run_status === "failed")) return null;
  const last = rows[0]!;
  const what = last.run_id ? `last: run ${last.run_id}` : `last: ${last.reason ?? "could not start"}`;
  return `paused after ${s.maxFailures} consecutive failed run${s.maxFailures === 1 ? "" : "s"} (${what})`;
}

async function pause(tx: RawSql, id: string, reason: string, now: Date): Promise<void> {
  await tx.query("update public.schedules set paused = true, paused_reason = $2, next_fire_at = null, updated_at = $3::timestamptz where id = $1", [
    id,
    reason.slice(0, 500),
    now.toISOString(),
  ]);
}

/** Decides one due schedule's cron times (inside the claim transaction, its row locked). */
async function decide(tx: RawSql, s: Schedule, now: Date, out: PendingFire[]): Promise<void> {
  const parsed = parseCron(s.cron, s.timezone);
  if (!parsed.ok) {
    await pause(tx, s.id, `paused: ${parsed.issues[0]!.path}: ${parsed.issues[0]!.message}`, now);
    return;
  }
  const from = s.nextFireAt!;
  const later = firesBetween(parsed.cron, from, now, MAX_MISSED_ROWS);
  const all = later.count > later.times.length ? later.times : [from, ...later.times];
  const count = later.count + 1;
  const latest = all.at(-1)!;
  const fires = now.getTime() - latest.getTime() <= CATCH_UP_WINDOW_MS;
  const missed = fires ? all.slice(0, -1) : all;
  const missedCount = fires ? count - 1 : count;
  const next = nextFire(parsed.cron, now);
  await tx.query("update public.schedules set next_fire_at = $2::timestamptz where id = $1", [s.id, next?.toISOString() ?? null]);
  const window = `${Math.round(CATCH_UP_WINDOW_MS / 60_000)} min`;
  for (const [i, at] of missed.entries()) {
    const more = i === 0 && missedCount > missed.length ? `; ${missedCount - missed.length} earlier times were missed too` : "";
    await record(
      tx,
      s.id,
      at,
      "missed",
      `not fired: the scheduler was not running then (after downtime only the latest missed time fires, within ${window})${more}`,
    );
  }
  if (!fires) return;
  if (!s.createdBy) {
    await record(tx, s.id, latest, "skipped", "its creator's account was removed");
    await pause(tx, s.id, "paused: its creator's account was removed (recreate the schedule)", now);
    return;
  }
  const streak = await failureStreak(tx, s);
  if (streak) {
    await record(tx, s.id, latest, "skipped", `schedule ${streak}`);
    await pause(tx, s.id, streak, now);
    return;
  }
  const busy = s.overlap === "allow" ? null : await unfinishedRun(tx, s.id);
  if (!busy) {
    if (await record(tx, s.id, latest, "pending", null)) out.push({ scheduleId: s.id, scheduledAt: latest.toISOString() });
    return;
  }
  if (s.overlap === "skip") {
    await record(tx, s.id, latest, "skipped", `previous run ${busy} still running (overlap: skip)`);
    return;
  }
  const [queued] = await tx.query<{ scheduled_at: unknown }>(
    "select scheduled_at from public.schedule_fires where schedule_id = $1 and status = 'queued' limit 1",
    [s.id],
  );
  if (queued) await record(tx, s.id, latest, "skipped", `previous run ${busy} still running and one fire is already queued (overlap: queue one)`);
  else await record(tx, s.id, latest, "queued", `waiting for run ${busy} to finish (overlap: queue one)`);
}

/**
 * Phase one: decides every due cron time and returns the fires to start — the new ones, those a
 * crash left pending, and queued ones whose previous run has finished.
 */
export async function claimDueFires(db: Database, now: Date = new Date()): Promise<PendingFire[]> {
  return asService(db, async (tx) => {
    const out: PendingFire[] = [];
    const due = await tx.query(
      `select ${scheduleCols()} from public.schedules where not paused and next_fire_at <= $1::timestamptz
        order by next_fire_at limit ${MAX_SCHEDULES_PER_TICK} for update skip locked`,
      [now.toISOString()],
    );
    for (const row of due) {
      await decide(tx, toSchedule(row), now, out);
    }
    // A queued fire goes once the schedule has no unfinished run; a paused schedule's is dropped.
    await tx.query(
      `update public.schedule_fires f set status = 'skipped', reason = 'schedule paused while this fire was queued', updated_at = now()
        where f.status = 'queued' and exists (select 1 from public.schedules s where s.id = f.schedule_id and s.paused)`,
    );
    await tx.query(
      `update public.schedule_fires f set status = 'pending', reason = null, updated_at = now()
        where f.status = 'queued' and not exists (
          select 1 from public.schedule_fires p join public.runs r on r.id = p.run_id
           where p.schedule_id = f.schedule_id and p.status = 'started' and not (r.status = any(${TERMINAL_SQL})))`,
    );
    const seen = new Set(out.map((f) => `${f.scheduleId} ${f.scheduledAt}`));
    const pending = await tx.query<{ schedule_id: string; scheduled_at: unknown }>(
      "select schedule_id, scheduled_at from public.schedule_fires where status = 'pending' order by scheduled_at limit 500",
    );
    for (const p of pending) {
      const at = (p.scheduled_at instanceof Date ? p.scheduled_at : new Date(String(p.scheduled_at))).toISOString();
      if (!seen.has(`${p.schedule_id} ${at}`)) out.push({ scheduleId: p.schedule_id, scheduledAt: at });
    }
    return out;
  });
}

export type StartOutcome = { status: "started"; runId: string; replayed: boolean } | { status: "failed" | "gone" | "done"; reason: string };

/**
 * Phase two for one fire: starts its run (idempotent by the key) and records the outcome. Safe to
 * repeat — a retried step, a crash between the run and the record, two ticks at once.
 */
export async function startFire(
  db: Database,
  f: PendingFire,
  fire: (db: Database, req: FireRequest) => Promise<FireResult> = fireTrigger,
): Promise<StartOutcome> {
  const [row] = await asService(db, (tx) =>
    tx.query(
      `select ${scheduleCols("s")}, f.status as fire_status from public.schedule_fires f join public.schedules s on s.id = f.schedule_id
        where f.schedule_id = $1 and f.scheduled_at = $2::timestamptz`,
      [f.scheduleId, f.scheduledAt],
    ),
  );
  if (!row) return { status: "gone", reason: "the schedule was deleted" };
  if (row.fire_status !== "pending") return { status: "done", reason: `already ${String(row.fire_status)}` };
  const s = toSchedule(row);
  const scheduledAt = new Date(f.scheduledAt);
  const result = s.createdBy
    ? await fire(db, {
        target: s.target,
        params: s.params,
        ownerId: s.createdBy,
        workspaceId: s.workspaceId,
        via: "schedule",
        triggerId: s.id,
        idempotencyKey: idempotencyKeyOf(s.id, scheduledAt),
      })
    : ({ status: "forbidden", message: "its creator's account was removed", issues: [] } as FireResult);
  const [status, runId, reason] =
    result.status === "started"
      ? ["started", result.runId, null]
      : ["failed", null, `${result.message}${result.issues[0] ? ` (${result.issues[0].path}: ${result.issues[0].message})` : ""}`];
  await asService(db, (tx) =>
    tx.query(
      `update public.schedule_fires set status = $3, run_id = $4, reason = $5, updated_at = now()
        where schedule_id = $1 and scheduled_at = $2::timestamptz and status = 'pending'`,
      [f.scheduleId, f.scheduledAt, status, runId, reason?.slice(0, 1000) ?? null],
    ),
  );
  return result.status === "started" ? result : { status: "failed", reason: reason! };
}

/** One whole tick outside Inngest (CLI, tests): claim, then start each fire. */
export async function tickSchedules(db: Database, now: Date = new Date()): Promise<{ fires: PendingFire[]; outcomes: StartOutcome[] }> {
  const fires = await claimDueFires(db, now);
  const outcomes: StartOutcome[] = [];
  for (const f of fires) outcomes.push(await startFire(db, f));
  return { fires, outcomes };
}
