// The rows of runs and how a status change is written. Every status change is a transition of the
// state machine (machine.ts) applied to rows read for update, and commits together with its
// run_events rows (the realtime layer publishes those rows); the engine writes as service_role on
// behalf of whoever started the run, request handlers read under RLS as the current user.
import type { ModelMessage } from "ai";
import type { Database, RawSql } from "../db";
import { asService, asServiceBatch } from "../db/rls";
import type { Plan } from "../plan/schema";
import { transition, type Delivery, type Emitted, type Gate, type RunState, type StepState } from "./machine";
import { contentHash } from "./hash";
import type { Status } from "./status";

export interface RunRow {
  id: string;
  plan_id: string;
  plan_version: number;
  status: Status;
  started_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
  seq: number;
  rerun_of: string | null;
  rerun_from: string | null;
  /** How the run started (20261203000000_triggers.sql); the schedule's or webhook's id. */
  trigger?: RunTrigger;
  trigger_id?: string | null;
}

export type RunTrigger = "manual" | "rerun" | "schedule" | "webhook";

/** The template a run's plan was made from, with the values used (absent for other plans). */
export interface RunTemplateRow {
  template_id?: string | null;
  template_starter?: string | null;
  template_version?: number | null;
  template_params?: Record<string, unknown> | null;
  template_name?: string | null;
}

export interface RunStepRow {
  run_id: string;
  step_id: string;
  step_index: number;
  tool_name: string;
  status: Status;
  requires_approval: boolean;
  gate: Gate;
  revision: number;
  input: Record<string, unknown>;
  output: unknown;
  content_hash: string | null;
  messages: ModelMessage[] | null;
  attempts: number;
  error: string | null;
  logs: { at: string; message: string; data?: Record<string, unknown> }[];
  reused: boolean;
  /** Side effects: 'sending' once the request may have left; 'unknown' when it may or may not have been delivered. */
  delivery: Delivery;
  idempotency_key: string | null;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface ApprovalRow {
  id: string;
  run_id: string;
  step_id: string;
  revision: number;
  decision: "approve" | "edit" | "reject" | "retry" | "mark_done" | "stop";
  content_hash: string;
  output: unknown;
  comment: string | null;
  decided_by: string;
  decided_at: Date;
  /** The decision that passed or stopped the gate (one per revision); the others are votes toward a quorum. */
  final: boolean;
  /** The decider's role and approver capability when they decided (null before gate rules existed). */
  decided_role: string | null;
  decided_approver: boolean | null;
}

const RUN_COLS =
  "id, plan_id, plan_version, status, started_by, created_at, started_at, finished_at, error, seq::int as seq, rerun_of, rerun_from, trigger, trigger_id";
const STEP_COLS =
  "run_id, step_id, step_index, tool_name, status, requires_approval, gate, revision, input, output, content_hash, messages, attempts, error, logs, reused, delivery, idempotency_key, started_at, finished_at";

/** Payloads travel through NOTIFY (8 kB) and Realtime: large outputs are left to the snapshot. */
function eventPayload(payload: Record<string, unknown>): string {
  const text = JSON.stringify(payload);
  if (text.length <= 6000 || !("output" in payload)) return text;
  const { output: _dropped, ...rest } = payload;
  return JSON.stringify({ ...rest, outputTruncated: true });
}

/** Appends a run event with the run's next seq; call inside the transaction of the change it records. */
export async function emit(tx: RawSql, runId: string, type: string, stepId: string | null, payload: Record<string, unknown> = {}): Promise<number> {
  return (await emitMany(tx, runId, stepId, [{ type, payload }]))!;
}

/**
 * Appends events with the run's next seqs in one statement (the run's row is taken by its seq
 * update first, as in every writer); returns the last seq, or null when there is nothing to emit.
 */
const eventList = (events: { type: string; payload: Record<string, unknown> }[]) =>
  `[${events.map((e) => `{"type":${JSON.stringify(e.type)},"payload":${eventPayload(e.payload)}}`).join(",")}]`;

async function emitMany(
  tx: RawSql,
  runId: string,
  stepId: string | null,
  events: { type: string; payload: Record<string, unknown> }[],
): Promise<number | null> {
  if (!events.length) return null;
  const list = eventList(events);
  const rows = await tx.query<{ seq: number }>(
    `with r as (update public.runs set seq = seq + $2 where id = $1 returning seq)
     insert into public.run_events (run_id, seq, type, step_id, payload)
     select $1, r.seq - $2 + e.n, e.v->>'type', $3, e.v->'payload' from r, jsonb_array_elements($4::jsonb) with ordinality e(v, n)
     returning seq::int as seq`,
    [runId, events.length, stepId, list],
  );
  if (!rows.length) throw new Error(`run ${runId} does not exist`);
  return Math.max(...rows.map((r) => r.seq));
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
/** A jsonb column's value: JavaScript null is SQL NULL. */
const jsonOrNull = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export async function getRunRow(tx: RawSql, runId: string, lock = false): Promise<RunRow | null> {
  const [row] = await tx.query<RunRow & Record<string, unknown>>(`select ${RUN_COLS} from public.runs where id = $1${lock ? " for update" : ""}`, [runId]);
  return row ?? null;
}

export async function getStepRow(tx: RawSql, runId: string, stepId: string, lock = false): Promise<RunStepRow | null> {
  const [row] = await tx.query<RunStepRow & Record<string, unknown>>(
    `select ${STEP_COLS} from public.run_steps where run_id = $1 and step_id = $2${lock ? " for update" : ""}`,
    [runId, stepId],
  );
  return row ?? null;
}

/**
 * The run and one of its steps, read for update — the run's row first, the one lock order of every
 * writer (emit() takes the run's row too), so two writers never wait on each other crosswise.
 */
export async function lockStep(tx: RawSql, runId: string, stepId: string): Promise<{ run: RunRow; step: RunStepRow } | null> {
  const { run, step } = await lockRunAndStep(tx, runId, stepId);
  return run && step ? { run, step } : null;
}

const STEP_AS = STEP_COLS.split(", ")
  .map((c) => `${c} as "s.${c}"`)
  .join(", ");

/**
 * The run's row and then its step's, both read for update in one statement (the lateral subquery
 * runs once the run's row is locked: the same lock order as reading them one after the other).
 */
export async function lockRunAndStep(tx: RawSql, runId: string, stepId: string): Promise<{ run: RunRow | null; step: RunStepRow | null }> {
  const [row] = await tx.query<Record<string, unknown>>(
    `with r as (select ${RUN_COLS} from public.runs where id = $1 for update)
     select r.*, s.* from r left join lateral (select ${STEP_AS} from public.run_steps where run_id = $1 and step_id = $2 for update) s on true`,
    [runId, stepId],
  );
  if (!row) return { run: null, step: null };
  const run: Record<string, unknown> = {};
  const step: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k.startsWith("s.")) step[k.slice(2)] = v;
    else run[k] = v;
  }
  return { run: run as unknown as RunRow, step: step.step_id == null ? null : (step as unknown as RunStepRow) };
}

export async function getStepRows(tx: RawSql, runId: string, lock = false): Promise<RunStepRow[]> {
  return tx.query<RunStepRow & Record<string, unknown>>(
    `select ${STEP_COLS} from public.run_steps where run_id = $1 order by step_index, step_id${lock ? " for update" : ""}`,
    [runId],
  );
}

export interface NewRun {
  planId: string;
  version: number;
  plan: Plan;
  startedBy: string;
  gates: Record<string, Gate>;
  rerunOf?: string;
  rerunFrom?: string;
  reused?: Record<string, { output: unknown; messages: unknown; contentHash: string | null }>;
  /** Set when a schedule or a webhook started the run. */
  trigger?: { via: "schedule" | "webhook"; id: string };
}

/** How long an Idempotency-Key of a run request is remembered. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;

export type InsertOnceResult = { kind: "created"; runId: string } | { kind: "replayed"; runId: string } | { kind: "mismatch"; request: unknown };

/** Creates a run of one plan version with all its steps pending. */
export async function insertRun(db: Database, run: NewRun): Promise<string> {
  return asService(db, (tx) => insertRunTx(tx, run));
}

/**
 * Creates a run unless the same user already sent `key` within the idempotency window: then the
 * run it started is returned. Claiming the key and creating the run are one transaction, and a
 * concurrent request with the same key waits on the key's row, so two requests make one run.
 */
export async function insertRunOnce(db: Database, run: NewRun, key: string, request: Record<string, unknown>): Promise<InsertOnceResult> {
  return asService(db, async (tx) => {
    await tx.query(`delete from public.run_requests where user_id = $1 and key = $2 and created_at < now() - interval '${IDEMPOTENCY_WINDOW_HOURS} hours'`, [
      run.startedBy,
      key,
    ]);
    const claimed = await tx.query(
      "insert into public.run_requests (user_id, key, request) values ($1, $2, $3::jsonb) on conflict (user_id, key) do nothing returning 1",
      [run.startedBy, key, JSON.stringify(request)],
    );
    if (!claimed.length) {
      const [prior] = await tx.query<{ request: unknown; run_id: string | null }>(
        "select request, run_id from public.run_requests where user_id = $1 and key = $2",
        [run.startedBy, key],
      );
      if (prior && canonical(prior.request) !== canonical(request)) return { kind: "mismatch", request: prior.request };
      if (prior?.run_id) return { kind: "replayed", runId: prior.run_id };
    }
    const runId = await insertRunTx(tx, run);
    await tx.query("update public.run_requests set run_id = $3 where user_id = $1 and key = $2", [run.startedBy, key, runId]);
    return { kind: "created", runId };
  });
}

/** The run an Idempotency-Key already started for this user (within the window), if any. */
export async function runOfKey(db: Database, userId: string, key: string): Promise<string | null> {
  const [row] = await asService(db, (tx) =>
    tx.query<{ run_id: string | null }>(
      `select run_id from public.run_requests where user_id = $1 and key = $2 and created_at >= now() - interval '${IDEMPOTENCY_WINDOW_HOURS} hours'`,
      [userId, key],
    ),
  );
  return row?.run_id ?? null;
}

/** JSON with sorted keys: jsonb does not keep the key order a request was written in. */
export const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x,
  );

async function insertRunTx(tx: RawSql, run: NewRun): Promise<string> {
  // The template pin comes with the run: from the plan, or for a rerun from the run it reruns.
  const [row] = await tx.query<{ id: string }>(
    `insert into public.runs (plan_id, plan_version, started_by, rerun_of, rerun_from, trigger, trigger_id, template_id, template_starter, template_version, template_params)
     select $1, $2, $3, $4, $5, $6, $7, src.template_id, src.template_starter, src.template_version, src.template_params
       from (select 0 as o, template_id, template_starter, template_version, template_params from public.runs where id = $4::uuid
             union all
             select 1, template_id, template_starter, template_version, template_params from public.plans where id = $1
             order by o limit 1) src
     returning id`,
    [
      run.planId,
      run.version,
      run.startedBy,
      run.rerunOf ?? null,
      run.rerunFrom ?? null,
      run.trigger?.via ?? (run.rerunOf ? "rerun" : "manual"),
      run.trigger?.id ?? null,
    ],
  );
  const runId = row!.id;
  // Every step row in one statement: a 20-step plan is one round trip, not twenty.
  const rows = run.plan.steps.map((s) => {
    const reused = run.reused && Object.hasOwn(run.reused, s.id) ? run.reused[s.id] : undefined;
    return {
      step_id: s.id,
      step_index: s.stepIndex,
      tool_name: s.toolName,
      requires_approval: s.requiresApproval,
      gate: (Object.hasOwn(run.gates, s.id) ? run.gates[s.id] : undefined) ?? "none",
      input: JSON.stringify(s.input),
      status: reused ? "succeeded" : "pending",
      // JSON text (or null), cast below: a reused null output is stored as jsonb 'null', as before.
      output: json(reused?.output),
      messages: json(reused?.messages),
      content_hash: reused?.contentHash ?? null,
      reused: !!reused,
    };
  });
  if (rows.length)
    await tx.query(
      `insert into public.run_steps (run_id, step_id, step_index, tool_name, requires_approval, gate, input, status, output, messages, content_hash, reused, finished_at)
       select $1::uuid, x.step_id, x.step_index, x.tool_name, x.requires_approval, x.gate, x.input::jsonb, x.status, x.output::jsonb, x.messages::jsonb, x.content_hash, x.reused,
              case when x.reused then now() end
         from jsonb_to_recordset($2::jsonb) as x(step_id text, step_index int, tool_name text, requires_approval boolean, gate text, input text,
                                                  status text, output text, messages text, content_hash text, reused boolean)`,
      [runId, JSON.stringify(rows)],
    );
  await emit(tx, runId, "run.created", null, {
    status: "pending",
    planId: run.planId,
    version: run.version,
    ...(run.rerunOf ? { rerunOf: run.rerunOf, rerunFrom: run.rerunFrom } : {}),
    ...(run.trigger ? { trigger: run.trigger.via, triggerId: run.trigger.id } : {}),
  });
  return runId;
}

export async function appendStepLog(db: Database, runId: string, stepId: string, message: string, data?: Record<string, unknown>): Promise<void> {
  await asService(db, (tx) =>
    tx.query("update public.run_steps set logs = logs || $3::jsonb where run_id = $1 and step_id = $2", [
      runId,
      stepId,
      JSON.stringify([{ at: new Date().toISOString(), message, ...(data ? { data } : {}) }]),
    ]),
  );
}

/**
 * The decision that settled a step revision's gate, as the engine acts on it. When a quorum passes
 * with a plain approval of content an earlier vote edited, the gate passed that edit: it is returned
 * as the edit (with its output), because the approved content is the edited one.
 */
export async function findDecision(db: Database, runId: string, stepId: string, revision: number): Promise<ApprovalRow | null> {
  return asService(db, async (tx) => {
    const rows = await tx.query<ApprovalRow & Record<string, unknown>>(
      "select * from public.approvals where run_id = $1 and step_id = $2 and revision = $3 order by decided_at, id",
      [runId, stepId, revision],
    );
    const final = rows.find((r) => r.final);
    if (!final || final.decision !== "approve") return final ?? null;
    const edit = rows.findLast((r) => r.decision === "edit" && r.output !== null && contentHash(r.output) === final.content_hash);
    return edit ? { ...final, decision: "edit", output: edit.output } : final;
  });
}

/**
 * What a step write hands back when its caller already holds what it wrote: the machine's view of
 * the row and the hash its output binds to, without the output, messages, input and logs (which
 * would travel back and be parsed again on every step).
 */
export type StepHead = Pick<RunStepRow, "status" | "revision" | "attempts" | "delivery" | "content_hash"> & { has_output: boolean };
/** hasOutput as stepState reads it from a whole row: both drivers read a jsonb 'null' as null. */
const HAS_OUTPUT = "(output is not null and output <> 'null'::jsonb)";
const STEP_HEAD_COLS = `status, revision, attempts, delivery, content_hash, ${HAS_OUTPUT} as has_output`;

/** The machine's view of a step row (and of its run's status). */
export const stepState = (row: RunStepRow | StepHead, run: Status): StepState => ({
  kind: "step",
  status: row.status,
  revision: row.revision,
  attempts: row.attempts,
  delivery: row.delivery,
  hasOutput: "has_output" in row ? row.has_output : row.output !== null,
  run,
});

export const runState = (row: RunRow): RunState => ({ kind: "run", status: row.status });

/** What a step transition writes besides the machine's fields (status, revision, attempts, delivery). */
export interface StepData {
  input?: unknown;
  output?: unknown;
  messages?: unknown;
  content_hash?: string | null;
  error?: string | null;
  /** Kept once set: every retry and replay sends the same key. */
  idempotency_key?: string;
  started?: true;
  /** true: now; false: not finished; "once": when it first finished. */
  finished?: boolean | "once";
}

/** The SET list and parameters ($1 run, $2 step, then the rest) of a step row's next state and data. */
function stepSets(row: Pick<RunStepRow, "run_id" | "step_id">, next: StepState, data: StepData): { sets: string[]; params: unknown[] } {
  const params: unknown[] = [row.run_id, row.step_id, next.status, next.revision, next.attempts, next.delivery];
  const sets = ["status = $3", "revision = $4", "attempts = $5", "delivery = $6", "updated_at = now()"];
  const put = (sql: (p: string) => string, value: unknown) => sets.push(sql(`$${params.push(value)}`));
  for (const col of ["input", "output", "messages"] as const) if (col in data) put((p) => `${col} = ${p}::jsonb`, jsonOrNull(data[col]));
  if ("content_hash" in data) put((p) => `content_hash = ${p}`, data.content_hash);
  if ("error" in data) put((p) => `error = ${p}`, data.error);
  if (data.idempotency_key) put((p) => `idempotency_key = coalesce(idempotency_key, ${p})`, data.idempotency_key);
  if (data.started) sets.push("started_at = coalesce(started_at, now())");
  if (data.finished !== undefined)
    sets.push(data.finished === "once" ? "finished_at = coalesce(finished_at, now())" : data.finished ? "finished_at = now()" : "finished_at = null");
  return { sets, params };
}

/** Writes a step's next state (and data) to its row; returns the row as written. */
export async function writeStep(tx: RawSql, row: RunStepRow, next: StepState, data: StepData = {}): Promise<RunStepRow> {
  const { sets, params } = stepSets(row, next, data);
  const [written] = await tx.query<RunStepRow & Record<string, unknown>>(
    `update public.run_steps set ${sets.join(", ")} where run_id = $1 and step_id = $2 returning ${STEP_COLS}`,
    params,
  );
  return written!;
}

/**
 * The parameters and INSERT of a transition's events, for one statement: `count` is the parameter
 * to add to the run's seq, and the events are numbered after the seq that the CTE `seqFrom`
 * returns (the run's new seq), each payload completed with `eventData`.
 */
function eventsInsert(
  params: unknown[],
  events: readonly Emitted[],
  eventData: Record<string, unknown>,
  stepId: string,
  seqFrom: string,
): { count: string; insert: string } {
  const count = `$${params.push(events.length)}`;
  const list = `$${params.push(eventList(events.map((e) => ({ type: e.type, payload: { ...e.payload, ...eventData } }))))}`;
  return {
    count,
    insert: `insert into public.run_events (run_id, seq, type, step_id, payload)
             select $1, ${seqFrom}.seq - ${count}::int + x.n, x.v->>'type', ${stepId}, x.v->'payload'
               from ${seqFrom}, jsonb_array_elements(${list}::jsonb) with ordinality x(v, n)`,
  };
}

/**
 * writeStep and emitAll as one statement: each statement is a call into PGlite's backend (a round
 * trip on PostgreSQL), and a step's run makes two of these transitions.
 */
async function writeStepAndEmit(
  tx: RawSql,
  row: RunStepRow,
  next: StepState,
  data: StepData,
  events: readonly Emitted[],
  eventData: Record<string, unknown>,
): Promise<RunStepRow> {
  const { sets, params } = stepSets(row, next, data);
  if (!events.length) return writeStep(tx, row, next, data);
  const { count, insert } = eventsInsert(params, events, eventData, "$2", "r");
  const [written] = await tx.query<RunStepRow & Record<string, unknown>>(
    `with s as (update public.run_steps set ${sets.join(", ")} where run_id = $1 and step_id = $2 returning ${STEP_COLS}),
          r as (update public.runs set seq = seq + ${count}::int where id = $1 returning seq),
          e as (${insert})
     select * from s`,
    params,
  );
  return written!;
}

/**
 * commitStep for a caller that knows the state it expects (the state it wrote last), without
 * reading first: one statement locks the run's row and then the step's, as every writer does, and
 * writes only if both still hold `expected`; sent with BEGIN and COMMIT in one round trip. null
 * when they do not (or when the run's waiting status must be re-checked): nothing was written, and
 * the caller takes the locked path, which reads the rows and asks the machine again.
 */
export async function commitStepIfUnchanged(
  db: Database,
  at: { runId: string; stepId: string },
  expected: StepState,
  next: StepState,
  events: readonly Emitted[],
  data: StepData = {},
  eventData: Record<string, unknown> = {},
): Promise<StepHead | null> {
  if (expected.status === "awaiting_approval" || next.status === "awaiting_approval") return null;
  const { sets, params } = stepSets({ run_id: at.runId, step_id: at.stepId }, next, data);
  const p = (v: unknown) => `$${params.push(v)}`;
  const unchanged = [
    `status = ${p(expected.status)}`,
    `revision = ${p(expected.revision)}::int`,
    `attempts = ${p(expected.attempts)}::int`,
    `delivery is not distinct from ${p(expected.delivery)}::text`,
    `${HAS_OUTPUT} = ${p(expected.hasOutput)}::boolean`,
    `(select status from r) = ${p(expected.run)}::text`,
  ];
  let emitting = "";
  if (events.length) {
    const { count, insert } = eventsInsert(params, events, eventData, "$2", "q");
    emitting = `, q as (update public.runs set seq = seq + ${count}::int where id = $1 and exists (select 1 from s) returning seq), e as (${insert})`;
  }
  const [rows] = await asServiceBatch(db, [
    {
      text: `with r as (select status from public.runs where id = $1 for update),
                  s as (update public.run_steps set ${sets.join(", ")} where run_id = $1 and step_id = $2 and ${unchanged.join(" and ")} returning ${STEP_HEAD_COLS})${emitting}
             select * from s`,
      params,
    },
  ]);
  return (rows![0] as StepHead | undefined) ?? null;
}

/** Appends the machine's events, each payload completed with the transition's data. */
export async function emitAll(tx: RawSql, runId: string, stepId: string | null, events: readonly Emitted[], data: Record<string, unknown> = {}): Promise<void> {
  await emitMany(
    tx,
    runId,
    stepId,
    events.map((e) => ({ type: e.type, payload: { ...e.payload, ...data } })),
  );
}

/**
 * Writes a run's next state and appends the machine's events (payloads completed with
 * `eventData`), in one statement: the run's row is updated once, its seq with it.
 */
export async function writeRunAndEmit(
  tx: RawSql,
  runId: string,
  next: RunState,
  events: readonly Emitted[],
  opts: { started?: true; finished?: true; error?: string | null } = {},
  eventData: Record<string, unknown> = {},
): Promise<void> {
  const params: unknown[] = [runId, next.status];
  const sets = ["status = $2"];
  if (opts.started) sets.push("started_at = coalesce(started_at, now())");
  if (opts.finished) sets.push("finished_at = now()", `error = $${params.push(opts.error ?? null)}`);
  if (!events.length) {
    await tx.query(`update public.runs set ${sets.join(", ")} where id = $1`, params);
    return;
  }
  const { count, insert } = eventsInsert(params, events, eventData, "null", "r");
  await tx.query(`with r as (update public.runs set ${sets.join(", ")}, seq = seq + ${count}::int where id = $1 returning seq) ${insert}`, params);
}

/** A run waits for approval exactly while one of its steps does; each change of that is a run.status event. */
export async function syncRunStatus(tx: RawSql, run: RunRow): Promise<void> {
  const [row] = await tx.query<{ waiting: boolean }>(
    "select exists (select 1 from public.run_steps where run_id = $1 and status = 'awaiting_approval') as waiting",
    [run.id],
  );
  const r = transition(runState(run), { type: row?.waiting ? "wait" : "resume" });
  if (!r.ok || !r.events.length) return;
  await writeRunAndEmit(tx, run.id, r.next, r.events);
}

/** Commits a step transition: the row, its events (payloads completed with `eventData`), and the run's waiting status. */
export async function commitStep(
  tx: RawSql,
  locked: { run: RunRow; step: RunStepRow },
  next: StepState,
  events: readonly Emitted[],
  data: StepData = {},
  eventData: Record<string, unknown> = {},
): Promise<RunStepRow> {
  const written = await writeStepAndEmit(tx, locked.step, next, data, events, eventData);
  // Whether some step awaits approval changes only when this one starts or stops awaiting it.
  if (locked.step.status === "awaiting_approval" || next.status === "awaiting_approval") await syncRunStatus(tx, locked.run);
  return written;
}
