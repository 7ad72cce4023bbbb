// SQL for the embedded runner's state (schema inngest_embedded, migration
// 20261124040000_embedded_inngest.sql). Raw SQL through lib/db's RawSql so it runs unchanged on
// PGlite and PostgreSQL. Values go in as JSON text / ISO strings with explicit casts, because the
// two drivers infer parameter types differently.
import type { RawSql } from "@/lib/db/client";
import type { EventPayload, StepMemo } from "./protocol";

/**
 * Every state-changing transaction takes this lock first. It serializes event intake against wait
 * registration (an event and a wait committed concurrently could otherwise miss each other) and
 * gives all transactions one lock order (no deadlocks between run rows and waits).
 */
export const STATE_LOCK = "select pg_advisory_xact_lock(7234102)";

export type RunStatus = "running" | "completed" | "failed" | "cancelled";

/** A step the SDK planned (StepPlanned) that has to be called with `stepId`. */
export interface PlannedStep {
  id: string;
  attempt: number;
  /** Due time, epoch ms (later than now while backing off after an error). */
  at: number;
}

export interface RunState {
  id: string;
  fnId: string;
  eventId: string | null;
  event: EventPayload;
  events: EventPayload[];
  status: RunStatus;
  attempt: number;
  steps: Record<string, StepMemo>;
  stack: string[];
  planned: PlannedStep[];
  discoverAt: number | null;
  nextAt: number | null;
  lastCallAt: number | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
  output: unknown;
  error: unknown;
  createdAt: number;
  updatedAt: number;
  endedAt: number | null;
}

export interface WaitRow {
  runId: string;
  stepId: string;
  event: string;
  if: string | null;
  since: number;
  expiresAt: number;
}

type Q = Pick<RawSql, "query">;
type Row = Record<string, unknown>;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const ms = (v: unknown): number | null => (v === null || v === undefined ? null : v instanceof Date ? v.getTime() : Date.parse(String(v)));
const json = (v: unknown): string => JSON.stringify(v === undefined ? null : v);

// A run's memoized steps are rows of step_memos, appended one by one (20261204000000_step_memos.sql);
// the steps and stack columns hold only what runs stored before that, and are read first.
const RUN_COLS = `id, fn_id, event_id, event, events, status, attempt,
  coalesce((select jsonb_object_agg(m.step_id, m.memo) from inngest_embedded.step_memos m where m.run_id = runs.id), '{}'::jsonb)
    || steps as steps,
  stack || array(select m.step_id from inngest_embedded.step_memos m where m.run_id = runs.id order by m.pos) as stack,
  planned, discover_at, next_at, last_call_at, lease_owner, lease_until, output, error, created_at, updated_at, ended_at`;

/** The step ids a run state read from the database already had stored: saveRun appends only the others. */
const storedSteps = new WeakMap<RunState, ReadonlySet<string>>();

function toRun(r: Row): RunState {
  const run = runOf(r);
  storedSteps.set(run, new Set(run.stack));
  return run;
}

function runOf(r: Row): RunState {
  return {
    id: r.id as string,
    fnId: r.fn_id as string,
    eventId: (r.event_id as string | null) ?? null,
    event: r.event as EventPayload,
    events: r.events as EventPayload[],
    status: r.status as RunStatus,
    attempt: Number(r.attempt),
    steps: (r.steps ?? {}) as Record<string, StepMemo>,
    stack: (r.stack ?? []) as string[],
    planned: (r.planned ?? []) as PlannedStep[],
    discoverAt: ms(r.discover_at),
    nextAt: ms(r.next_at),
    lastCallAt: ms(r.last_call_at),
    leaseOwner: (r.lease_owner as string | null) ?? null,
    leaseUntil: ms(r.lease_until),
    output: r.output ?? null,
    error: r.error ?? null,
    createdAt: ms(r.created_at)!,
    updatedAt: ms(r.updated_at)!,
    endedAt: ms(r.ended_at),
  };
}

function toWait(r: Row): WaitRow {
  return {
    runId: r.run_id as string,
    stepId: r.step_id as string,
    event: r.event_name as string,
    if: (r.expression as string | null) ?? null,
    since: ms(r.since)!,
    expiresAt: ms(r.expires_at)!,
  };
}

/** Inserts an event unless one with its id exists; true when inserted. */
export async function insertEvent(tx: Q, e: EventPayload, receivedAt: number): Promise<boolean> {
  const rows = await tx.query(
    `insert into inngest_embedded.events (id, name, payload, received_at) values ($1, $2, $3::jsonb, $4::timestamptz)
     on conflict (id) do nothing returning id`,
    [e.id, e.name, json(e), iso(receivedAt)],
  );
  return rows.length > 0;
}

/** Events named `name` received at or after `since`, oldest first. */
export async function eventsSince(tx: Q, name: string, since: number): Promise<EventPayload[]> {
  const rows = await tx.query<{ payload: EventPayload }>(
    "select payload from inngest_embedded.events where name = $1 and received_at >= $2::timestamptz order by received_at, seq",
    [name, iso(since)],
  );
  return rows.map((r) => r.payload);
}

/** A new running run: what it starts from; everything else starts empty (no steps, nothing planned). */
export async function insertRun(tx: Q, r: Pick<RunState, "id" | "fnId" | "eventId" | "event" | "events" | "discoverAt" | "createdAt">): Promise<void> {
  await tx.query(
    `insert into inngest_embedded.runs (id, fn_id, event_id, event, events, status, attempt, steps, stack, planned, discover_at,
       next_at, created_at, updated_at)
     values ($1, $2, $3, $4::jsonb, $5::jsonb, 'running', 0, '{}'::jsonb, '{}', '[]'::jsonb, $6::timestamptz, $6::timestamptz,
       $7::timestamptz, $7::timestamptz)`,
    [r.id, r.fnId, r.eventId, json(r.event), json(r.events), iso(r.discoverAt), iso(r.createdAt)],
  );
}

/** Reads and row-locks a run inside a transaction. */
export async function lockRun(tx: Q, id: string): Promise<RunState | null> {
  const [row] = await tx.query(`select ${RUN_COLS} from inngest_embedded.runs where id = $1 for update`, [id]);
  return row ? toRun(row) : null;
}

/**
 * Appends memos ([[id, memo], …] in `list`, in order) to run $1, once the statement's CTE `u` has
 * updated its row (returning its `steps`); a step already memoized, in a row or in the steps column
 * of older runs, keeps its first result, as memo() does.
 */
const APPEND_MEMOS = (list: string) =>
  `insert into inngest_embedded.step_memos (run_id, step_id, memo)
   select $1, e.v->>0, e.v->1 from u, jsonb_array_elements(${list}) with ordinality e(v, n)
   where not u.steps ? (e.v->>0) order by e.n
   on conflict (run_id, step_id) do nothing`;

/**
 * Writes every mutable field of a run (callers hold its row lock): the run's row, and the steps it
 * memoized since it was read, appended in their stack order.
 */
export async function saveRun(tx: Q, r: RunState): Promise<void> {
  const stored = storedSteps.get(r);
  const added = r.stack.filter((id) => !stored?.has(id)).map((id) => [id, r.steps[id]]);
  await tx.query(
    `with u as (update inngest_embedded.runs set status = $2, attempt = $3, planned = $5::jsonb, discover_at = $6::timestamptz,
       next_at = $7::timestamptz, last_call_at = $8::timestamptz, output = $9::jsonb, error = $10::jsonb,
       updated_at = $11::timestamptz, ended_at = $12::timestamptz,
       lease_owner = case when $2 = 'running' then lease_owner end, lease_until = case when $2 = 'running' then lease_until end
     where id = $1 returning steps)
     ${APPEND_MEMOS("$4::jsonb")}`,
    [
      r.id,
      r.status,
      r.attempt,
      json(added),
      json(r.planned),
      iso(r.discoverAt),
      iso(r.nextAt),
      iso(r.lastCallAt),
      r.output === undefined || r.output === null ? null : json(r.output),
      r.error === undefined || r.error === null ? null : json(r.error),
      iso(r.updatedAt),
      iso(r.endedAt),
    ],
  );
  storedSteps.set(r, new Set(r.stack));
}

/**
 * Appends step results of a call in flight to its run, in one statement: no state lock (it
 * registers no wait and takes no event, so nothing can miss it) and no read first. A step already
 * memoized keeps its first result, as memo() does. Only while `owner` holds the run's lease and it
 * is running; false otherwise (nothing changed).
 */
export async function appendSteps(q: Q, id: string, owner: string, steps: [string, StepMemo][], now: number): Promise<boolean> {
  const rows = await q.query(
    `with u as (update inngest_embedded.runs set updated_at = $4::timestamptz
                where id = $1 and status = 'running' and lease_owner = $2 returning steps),
          a as (${APPEND_MEMOS("$3::jsonb")})
     select 1 from u`,
    [id, owner, json(steps), iso(now)],
  );
  return rows.length > 0;
}

export async function getRun(q: Q, id: string): Promise<RunState | null> {
  const [row] = await q.query(`select ${RUN_COLS} from inngest_embedded.runs where id = $1`, [id]);
  return row ? toRun(row) : null;
}

export async function listRuns(q: Q, f: { status?: string; fnId?: string } = {}): Promise<RunState[]> {
  const rows = await q.query(
    `select ${RUN_COLS} from inngest_embedded.runs where ($1::text is null or status = $1) and ($2::text is null or fn_id = $2)
     order by created_at, id`,
    [f.status ?? null, f.fnId ?? null],
  );
  return rows.map(toRun);
}

export async function countRunning(q: Q): Promise<number> {
  const [row] = await q.query<{ n: number }>("select count(*)::int as n from inngest_embedded.runs where status = 'running'");
  return row?.n ?? 0;
}

/** Running runs of a function (for cancelOn), optionally only those created at or after `since`. */
export async function runningRunsOf(tx: Q, fnId: string, since: number | null): Promise<{ id: string; event: EventPayload }[]> {
  return tx.query<{ id: string; event: EventPayload }>(
    `select id, event from inngest_embedded.runs where fn_id = $1 and status = 'running'
       and ($2::timestamptz is null or created_at >= $2::timestamptz) order by created_at, id`,
    [fnId, iso(since)],
  );
}

// --- waits and timers -------------------------------------------------------------------------

/** Registers a wait unless that step already waits; true when inserted. */
export async function insertWait(tx: Q, w: WaitRow, now: number): Promise<boolean> {
  const rows = await tx.query(
    `insert into inngest_embedded.waits (run_id, step_id, event_name, expression, since, expires_at, created_at)
     values ($1, $2, $3, $4, $5::timestamptz, $6::timestamptz, $7::timestamptz) on conflict do nothing returning step_id`,
    [w.runId, w.stepId, w.event, w.if, iso(w.since), iso(w.expiresAt), iso(now)],
  );
  return rows.length > 0;
}

/** Deletes a wait; true if this caller removed it (and so owns resolving it). */
export async function takeWait(tx: Q, runId: string, stepId: string): Promise<boolean> {
  return (await tx.query("delete from inngest_embedded.waits where run_id = $1 and step_id = $2 returning step_id", [runId, stepId])).length > 0;
}

/** Unexpired waits for an event name that an event received at `receivedAt` may resolve. */
export async function waitsFor(tx: Q, name: string, receivedAt: number): Promise<(WaitRow & { runEvent: EventPayload })[]> {
  const rows = await tx.query(
    `select w.*, r.event as run_event from inngest_embedded.waits w join inngest_embedded.runs r on r.id = w.run_id
     where w.event_name = $1 and w.since <= $2::timestamptz and w.expires_at > $2::timestamptz and r.status = 'running'
     order by w.created_at, w.run_id, w.step_id`,
    [name, iso(receivedAt)],
  );
  return rows.map((r) => ({ ...toWait(r), runEvent: r.run_event as EventPayload }));
}

export async function waitsOf(q: Q, runId: string): Promise<WaitRow[]> {
  return (await q.query("select * from inngest_embedded.waits where run_id = $1 order by created_at, step_id", [runId])).map(toWait);
}

export async function insertTimer(tx: Q, runId: string, stepId: string, dueAt: number): Promise<boolean> {
  const rows = await tx.query(
    "insert into inngest_embedded.timers (run_id, step_id, due_at) values ($1, $2, $3::timestamptz) on conflict do nothing returning step_id",
    [runId, stepId, iso(dueAt)],
  );
  return rows.length > 0;
}

export async function takeTimer(tx: Q, runId: string, stepId: string): Promise<boolean> {
  return (await tx.query("delete from inngest_embedded.timers where run_id = $1 and step_id = $2 returning step_id", [runId, stepId])).length > 0;
}

export async function timersOf(q: Q, runId: string): Promise<{ stepId: string; dueAt: number }[]> {
  const rows = await q.query<{ step_id: string; due_at: unknown }>("select step_id, due_at from inngest_embedded.timers where run_id = $1 order by due_at", [
    runId,
  ]);
  return rows.map((r) => ({ stepId: r.step_id, dueAt: ms(r.due_at)! }));
}

/** Removes a finished run's pending waits and timers. */
export async function clearPending(tx: Q, runId: string): Promise<void> {
  await tx.query("with w as (delete from inngest_embedded.waits where run_id = $1) delete from inngest_embedded.timers where run_id = $1", [runId]);
}

// --- leases: which runner instance drives a run -----------------------------------------------
//
// A lease (lease_owner, lease_until) is alive while its owner lives. An owner id ends in the key
// of the session-level advisory lock its runner holds for its whole life, pg_advisory_lock(
// OWNER_LOCK_NS, key) (see runner.ts): when the runner's process dies, PostgreSQL ends the
// session and frees the lock, and the lease is dead at once. lease_until stays as the fallback
// for an owner that looks alive (its lock's session still exists) but no longer renews, e.g. cut
// off by a network partition until the server notices its connection is gone. Owner ids without
// a key (older runners) have only lease_until.

/** First half of the two-int advisory lock every runner holds (second half: its key). */
export const OWNER_LOCK_NS = 7234103;

/** A runner's owner id; the key is parsed back out of it in SQL (OWNER_KEY). */
export const ownerId = (unique: string, key: number): string => `runner-${unique}-k${key}`;

const OWNER_KEY = (col: string) => `substring(${col} from '-k([0-9]{1,10})$')::bigint`;

/** SQL: the session-level advisory locks held in this database in OWNER_LOCK_NS (their keys). */
const HELD_KEYS = `select l.objid::int8 from pg_catalog.pg_locks l
  where l.locktype = 'advisory' and l.granted and l.objsubid = 2 and l.classid = ${OWNER_LOCK_NS}::oid
    and l.database = (select d.oid from pg_catalog.pg_database d where d.datname = current_database())`;

/**
 * SQL: the lease of the run row is held by nobody alive: none, run out at `now`, or its owner's
 * lock is free. The lock test is a correlated subquery on purpose: when a concurrent claim
 * changed the row, PostgreSQL re-checks the condition against the new owner, with a fresh look at
 * pg_locks (an uncorrelated one could be computed once, before that owner existed).
 */
const LEASE_FREE = (now: string) => `(lease_owner is null or lease_until < ${now}
  or (${OWNER_KEY("lease_owner")} is not null and not exists (${HELD_KEYS} and l.objid::int8 = ${OWNER_KEY("lease_owner")})))`;

/**
 * Everything due at `now`, in one round trip: timers, wait timeouts (up to 100 each) and up to
 * `limit` runs whose lease may be free for `owner` (who holds its own lock) to claim. Listing only
 * (claimRun decides): the held keys are read only when a due run is leased by another owner
 * (pg_locks costs ~0.25 ms).
 */
export async function dueWork(
  q: Q,
  now: number,
  limit: number,
  owner: string,
  fnIds: string[] = [],
): Promise<{
  timers: { runId: string; stepId: string }[];
  waits: { runId: string; stepId: string; event: string }[];
  runIds: string[];
  crons: { fnId: string; cron: string; at: number }[];
}> {
  const rows = await q.query<{ kind: "timer" | "wait" | "run" | "cron"; run_id: string; step_id: string | null; event_name: string | null; at?: unknown }>(
    `(select 'timer' as kind, run_id, step_id, null::text as event_name, null::timestamptz as at from inngest_embedded.timers where due_at <= $1::timestamptz order by due_at limit 100)
     union all
     (select 'cron', fn_id, cron, null, next_at from inngest_embedded.cron_ticks
       where next_at <= $1::timestamptz and fn_id = any(array(select jsonb_array_elements_text($4::jsonb))) order by next_at limit 100)
     union all
     (select 'wait', run_id, step_id, event_name, null from inngest_embedded.waits where expires_at <= $1::timestamptz order by expires_at limit 100)
     union all
     (select 'run', id, null, null, null from inngest_embedded.runs where $2::int > 0 and status = 'running' and next_at <= $1::timestamptz
       and (lease_owner is null or lease_until < $1::timestamptz
         or (lease_owner <> $3 and ${OWNER_KEY("lease_owner")} is not null and ${OWNER_KEY("lease_owner")} not in (${HELD_KEYS})))
      order by next_at, id limit $2)`,
    [iso(now), limit, owner, json(fnIds)],
  );
  const out = {
    timers: [] as { runId: string; stepId: string }[],
    waits: [] as { runId: string; stepId: string; event: string }[],
    runIds: [] as string[],
    crons: [] as { fnId: string; cron: string; at: number }[],
  };
  for (const r of rows) {
    if (r.kind === "cron") out.crons.push({ fnId: r.run_id, cron: r.step_id!, at: ms(r.at)! });
    else if (r.kind === "timer") out.timers.push({ runId: r.run_id, stepId: r.step_id! });
    else if (r.kind === "wait") out.waits.push({ runId: r.run_id, stepId: r.step_id!, event: r.event_name! });
    else out.runIds.push(r.run_id);
  }
  return out;
}

/**
 * Atomically takes (or renews) the lease of a runnable run. `claimed` when this owner holds it;
 * `from`: the owner whose dead or expired lease was taken over, if any.
 */
export async function claimRun(q: Q, id: string, owner: string, now: number, until: number): Promise<{ claimed: boolean; from: string | null }> {
  const rows = await q.query<{ from: string | null }>(
    `with prev as (select lease_owner from inngest_embedded.runs where id = $1)
     update inngest_embedded.runs set lease_owner = $2, lease_until = $4::timestamptz
     where id = $1 and status = 'running' and (lease_owner = $2 or ${LEASE_FREE("$3::timestamptz")})
     returning (select nullif(lease_owner, $2) from prev) as "from"`,
    [id, owner, iso(now), iso(until)],
  );
  return { claimed: rows.length > 0, from: rows[0]?.from ?? null };
}

export async function releaseRun(q: Q, id: string, owner: string): Promise<void> {
  await q.query("update inngest_embedded.runs set lease_owner = null, lease_until = null where id = $1 and lease_owner = $2", [id, owner]);
}

/** Extends `owner`'s leases of `ids`; returns the ids it still holds. */
export async function renewLeases(q: Q, owner: string, ids: string[], until: number): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await q.query<{ id: string }>(
    `update inngest_embedded.runs set lease_until = $2::timestamptz
     where lease_owner = $1 and id = any(array(select jsonb_array_elements_text($3::jsonb))) returning id`,
    [owner, iso(until), json(ids)],
  );
  return rows.map((r) => r.id);
}

/** Drops leases whose owners are not in `live` (used on PGlite, where no other process can exist). */
export async function releaseLeasesExcept(q: Q, live: string[]): Promise<number> {
  const rows = await q.query(
    `update inngest_embedded.runs set lease_owner = null, lease_until = null
     where lease_owner is not null and not (lease_owner = any(array(select jsonb_array_elements_text($1::jsonb)))) returning id`,
    [json(live)],
  );
  return rows.length;
}

/**
 * The earliest time anything becomes due: timers, wait timeouts and (when this runner has room for
 * another run) runnable runs not driven by `owner` — a run leased by another runner counts from
 * when its lease runs out, or, when that runner holds a lock (it may die any moment), from
 * `livenessCheckAt`: the time to look again whether it is still alive.
 */
export async function earliestDue(q: Q, owner: string, includeRuns: boolean, livenessCheckAt: number, fnIds: string[] = []): Promise<number | null> {
  const [row] = await q.query<{ t: unknown }>(
    `select min(t) as t from (
       select greatest(next_at, case when lease_owner is null or lease_until is null then next_at
                                     when ${OWNER_KEY("lease_owner")} is not null then least(lease_until, $3::timestamptz)
                                     else lease_until end) as t from inngest_embedded.runs
         where $2::boolean and status = 'running' and next_at is not null and lease_owner is distinct from $1
       union all select min(due_at) from inngest_embedded.timers
       union all select min(expires_at) from inngest_embedded.waits
       union all select min(next_at) from inngest_embedded.cron_ticks where fn_id = any(array(select jsonb_array_elements_text($4::jsonb)))
     ) x`,
    [owner, includeRuns, iso(livenessCheckAt), json(fnIds)],
  );
  return row ? ms(row.t) : null;
}

/** True while some run, timer or wait timeout is due at `now`. */
export async function hasDueWork(q: Q, now: number): Promise<boolean> {
  const [row] = await q.query<{ due: boolean }>(
    `select exists (select 1 from inngest_embedded.runs where status = 'running' and next_at <= $1::timestamptz)
         or exists (select 1 from inngest_embedded.timers where due_at <= $1::timestamptz)
         or exists (select 1 from inngest_embedded.waits where expires_at <= $1::timestamptz) as due`,
    [iso(now)],
  );
  return Boolean(row?.due);
}

// --- cron triggers ----------------------------------------------------------------------------

/**
 * Makes cron_ticks hold exactly the served (function, cron) pairs: new ones get their first tick
 * after `now`; a pair already there keeps its next_at (a restart resumes the same tick); pairs no
 * function declares any more are dropped. One transaction, under the state lock.
 */
export async function syncCronTicks(
  db: { transaction<T>(fn: (tx: RawSql) => Promise<T>): Promise<T> },
  ticks: (now: number) => { fnId: string; cron: string; nextAt: number }[],
  now: number,
): Promise<void> {
  const rows = ticks(now);
  await db.transaction(async (tx) => {
    await tx.query(STATE_LOCK);
    await tx.query(
      `delete from inngest_embedded.cron_ticks c where not exists (
         select 1 from jsonb_array_elements($1::jsonb) t where t->>'fnId' = c.fn_id and t->>'cron' = c.cron)`,
      [json(rows)],
    );
    await tx.query(
      `insert into inngest_embedded.cron_ticks (fn_id, cron, next_at, updated_at)
       select t->>'fnId', t->>'cron', (t->>'nextAt')::timestamptz, $2::timestamptz from jsonb_array_elements($1::jsonb) t
       on conflict (fn_id, cron) do nothing`,
      [json(rows.map((r) => ({ ...r, nextAt: iso(r.nextAt) }))), iso(now)],
    );
  });
}

/**
 * Claims the tick at `at`: moves next_at on to `next` only if it still is `at` (one statement, so
 * of two runners that read the same tick exactly one changes the row). True for the winner. A
 * pattern that never fires again (`next` null) loses its row.
 */
export async function claimCronTick(tx: Q, fnId: string, cron: string, at: number, next: number | null): Promise<boolean> {
  const rows =
    next === null
      ? await tx.query("delete from inngest_embedded.cron_ticks where fn_id = $1 and cron = $2 and next_at = $3::timestamptz returning fn_id", [
          fnId,
          cron,
          iso(at),
        ])
      : await tx.query(
          `update inngest_embedded.cron_ticks set next_at = $4::timestamptz, updated_at = now()
           where fn_id = $1 and cron = $2 and next_at = $3::timestamptz returning fn_id`,
          [fnId, cron, iso(at), iso(next)],
        );
  return rows.length > 0;
}

/**
 * Drops a cron function's completed runs created before `before`, with their tick events and
 * function.finished events: an every-minute function would otherwise add ~4,000 rows a day
 * forever. Failed and running runs stay (they are what an operator looks at). Returns the count.
 */
export async function pruneCronRuns(tx: Q, fnId: string, before: number): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `with gone as (
       delete from inngest_embedded.runs where fn_id = $1 and status = 'completed' and created_at < $2::timestamptz
         and event->>'name' = 'inngest/scheduled.timer' returning id, event_id),
     ev as (
       delete from inngest_embedded.events e using gone
        where e.id = gone.event_id
           or (e.name = 'inngest/function.finished' and e.received_at < $2::timestamptz and e.payload->'data'->>'run_id' = gone.id)
       returning 1)
     select (select count(*) from gone)::int as n, (select count(*) from ev)::int as events`,
    [fnId, iso(before)],
  );
  return rows[0]?.n ?? 0;
}

export async function cronTicks(q: Q): Promise<{ fnId: string; cron: string; nextAt: number }[]> {
  const rows = await q.query<{ fn_id: string; cron: string; next_at: unknown }>(
    "select fn_id, cron, next_at from inngest_embedded.cron_ticks order by fn_id, cron",
  );
  return rows.map((r) => ({ fnId: r.fn_id, cron: r.cron, nextAt: ms(r.next_at)! }));
}
