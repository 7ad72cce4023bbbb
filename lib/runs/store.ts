// The run engine's writes and the API's reads of runs. Every status change commits together with
// its run_events row (the realtime layer publishes those rows); the engine writes as service_role
// on behalf of whoever started the run, request handlers read under RLS as the current user.
import type { ModelMessage } from "ai";
import type { Database, RawSql } from "../db";
import { asService } from "../db/rls";
import type { Plan } from "../plan/schema";
import { contentHash } from "./hash";
import { isTerminal, type Status } from "./status";

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
}

export interface RunStepRow {
  run_id: string;
  step_id: string;
  step_index: number;
  tool_name: string;
  status: Status;
  requires_approval: boolean;
  gate: "none" | "before" | "after";
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
  delivery: "sending" | "unknown" | null;
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
}

const RUN_COLS = "id, plan_id, plan_version, status, started_by, created_at, started_at, finished_at, error, seq::int as seq, rerun_of, rerun_from";
const STEP_COLS = "run_id, step_id, step_index, tool_name, status, requires_approval, gate, revision, input, output, content_hash, messages, attempts, error, logs, reused, delivery, idempotency_key, started_at, finished_at";

/** Payloads travel through NOTIFY (8 kB) and Realtime: large outputs are left to the snapshot. */
function eventPayload(payload: Record<string, unknown>): string {
  const text = JSON.stringify(payload);
  if (text.length <= 6000 || !("output" in payload)) return text;
  const { output: _dropped, ...rest } = payload;
  return JSON.stringify({ ...rest, outputTruncated: true });
}

/** Appends a run event with the run's next seq; call inside the transaction of the change it records. */
export async function emit(tx: RawSql, runId: string, type: string, stepId: string | null, payload: Record<string, unknown> = {}): Promise<number> {
  const [row] = await tx.query<{ seq: number }>("update public.runs set seq = seq + 1 where id = $1 returning seq::int as seq", [runId]);
  if (!row) throw new Error(`run ${runId} does not exist`);
  await tx.query("insert into public.run_events (run_id, seq, type, step_id, payload) values ($1, $2, $3, $4, $5::jsonb)", [runId, row.seq, type, stepId, eventPayload(payload)]);
  return row.seq;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

export async function getRunRow(tx: RawSql, runId: string, lock = false): Promise<RunRow | null> {
  const [row] = await tx.query<RunRow & Record<string, unknown>>(`select ${RUN_COLS} from public.runs where id = $1${lock ? " for update" : ""}`, [runId]);
  return row ?? null;
}

export async function getStepRow(tx: RawSql, runId: string, stepId: string, lock = false): Promise<RunStepRow | null> {
  const [row] = await tx.query<RunStepRow & Record<string, unknown>>(`select ${STEP_COLS} from public.run_steps where run_id = $1 and step_id = $2${lock ? " for update" : ""}`, [runId, stepId]);
  return row ?? null;
}

export async function getStepRows(tx: RawSql, runId: string): Promise<RunStepRow[]> {
  return tx.query<RunStepRow & Record<string, unknown>>(`select ${STEP_COLS} from public.run_steps where run_id = $1 order by step_index, step_id`, [runId]);
}

export interface NewRun {
  planId: string;
  version: number;
  plan: Plan;
  startedBy: string;
  gates: Record<string, "none" | "before" | "after">;
  rerunOf?: string;
  rerunFrom?: string;
  reused?: Record<string, { output: unknown; messages: unknown; contentHash: string | null }>;
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
    await tx.query(`delete from public.run_requests where user_id = $1 and key = $2 and created_at < now() - interval '${IDEMPOTENCY_WINDOW_HOURS} hours'`, [run.startedBy, key]);
    const claimed = await tx.query("insert into public.run_requests (user_id, key, request) values ($1, $2, $3::jsonb) on conflict (user_id, key) do nothing returning 1", [run.startedBy, key, JSON.stringify(request)]);
    if (!claimed.length) {
      const [prior] = await tx.query<{ request: unknown; run_id: string | null }>("select request, run_id from public.run_requests where user_id = $1 and key = $2", [run.startedBy, key]);
      if (prior && canonical(prior.request) !== canonical(request)) return { kind: "mismatch", request: prior.request };
      if (prior?.run_id) return { kind: "replayed", runId: prior.run_id };
    }
    const runId = await insertRunTx(tx, run);
    await tx.query("update public.run_requests set run_id = $3 where user_id = $1 and key = $2", [run.startedBy, key, runId]);
    return { kind: "created", runId };
  });
}

/** JSON with sorted keys: jsonb does not keep the key order a request was written in. */
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

async function insertRunTx(tx: RawSql, run: NewRun): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    "insert into public.runs (plan_id, plan_version, started_by, rerun_of, rerun_from) values ($1, $2, $3, $4, $5) returning id",
    [run.planId, run.version, run.startedBy, run.rerunOf ?? null, run.rerunFrom ?? null],
  );
  const runId = row!.id;
  for (const s of run.plan.steps) {
    const reused = run.reused && Object.hasOwn(run.reused, s.id) ? run.reused[s.id] : undefined;
    await tx.query(
      `insert into public.run_steps (run_id, step_id, step_index, tool_name, requires_approval, gate, input, status, output, messages, content_hash, reused, finished_at)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::jsonb, $10::jsonb, $11, $12, $13)`,
      [runId, s.id, s.stepIndex, s.toolName, s.requiresApproval, (Object.hasOwn(run.gates, s.id) ? run.gates[s.id] : undefined) ?? "none", JSON.stringify(s.input), reused ? "succeeded" : "pending", json(reused?.output), json(reused?.messages), reused?.contentHash ?? null, !!reused, reused ? new Date() : null],
    );
  }
  await emit(tx, runId, "run.created", null, { status: "pending", planId: run.planId, version: run.version, ...(run.rerunOf ? { rerunOf: run.rerunOf, rerunFrom: run.rerunFrom } : {}) });
  return runId;
}

/** pending → running (idempotent: a replay of the load step changes nothing). */
export async function markRunStarted(db: Database, runId: string): Promise<RunRow> {
  return asService(db, async (tx) => {
    const run = await getRunRow(tx, runId, true);
    if (!run) throw new Error(`run ${runId} does not exist`);
    if (run.status === "pending") {
      await tx.query("update public.runs set status = 'running', started_at = coalesce(started_at, now()) where id = $1", [runId]);
      await emit(tx, runId, "run.started", null, { status: "running" });
      return { ...run, status: "running" };
    }
    return run;
  });
}

export type BeginResult = { kind: "begin"; attempt: number } | { kind: "done"; step: RunStepRow } | { kind: "stop"; reason: string } | { kind: "unknown"; revision: number; error: string };

/**
 * Marks a step revision running — or, when that revision already produced its output (a replay
 * after a crash between the tool's commit and the engine's memo), hands back the recorded result
 * so the tool does not run twice.
 */
export async function beginStep(db: Database, runId: string, stepId: string, revision: number, input: Record<string, unknown>): Promise<BeginResult> {
  return asService(db, async (tx) => {
    const run = await getRunRow(tx, runId, true);
    if (!run || isTerminal(run.status)) return { kind: "stop", reason: `run is ${run?.status ?? "missing"}` };
    const step = await getStepRow(tx, runId, stepId, true);
    if (!step) throw new Error(`run ${runId} has no step ${stepId}`);
    // A replay after the delivery was found unknown: the reviewer's decision is awaited, not a resend.
    if (step.delivery === "unknown" && step.revision === revision + 1) return { kind: "unknown", revision: step.revision, error: step.error ?? "" };
    if (step.revision === revision && step.status === "running" && step.delivery === "sending") {
      // The previous attempt crashed after its request may have left: never send it again unasked.
      return { kind: "unknown", ...(await deliveryUnknownTx(tx, step, "the server stopped while the request was being sent")) };
    }
    if (step.revision === revision && step.output !== null && step.status !== "running" && step.status !== "pending") return { kind: "done", step };
    const attempt = step.revision === revision && step.status === "running" ? step.attempts + 1 : 1;
    await tx.query(
      "update public.run_steps set status = 'running', revision = $3, attempts = $4, input = $5::jsonb, error = null, delivery = null, output = null, content_hash = null, started_at = coalesce(started_at, now()), finished_at = null, updated_at = now() where run_id = $1 and step_id = $2",
      [runId, stepId, revision, attempt, JSON.stringify(input)],
    );
    await emit(tx, runId, "step.running", stepId, { status: "running", revision, attempt });
    return { kind: "begin", attempt };
  });
}

/** Records a step's output: succeeded, or awaiting_approval with the hash the approval binds to. */
export async function completeStep(
  db: Database,
  runId: string,
  stepId: string,
  revision: number,
  result: { input: Record<string, unknown>; output: unknown; messages: ModelMessage[]; awaitApproval: boolean },
): Promise<RunStepRow | null> {
  const hash = contentHash(result.output);
  return asService(db, async (tx) => {
    const status: Status = result.awaitApproval ? "awaiting_approval" : "succeeded";
    const rows = await tx.query<RunStepRow & Record<string, unknown>>(
      `update public.run_steps set status = $4, input = $5::jsonb, output = $6::jsonb, messages = $7::jsonb, content_hash = $8, error = null, delivery = null,
         finished_at = case when $4 = 'succeeded' then now() else null end, updated_at = now()
       where run_id = $1 and step_id = $2 and revision = $3 and status = 'running' returning ${STEP_COLS}`,
      [runId, stepId, revision, status, JSON.stringify(result.input), JSON.stringify(result.output), JSON.stringify(result.messages), hash],
    );
    if (!rows[0]) return null; // cancelled meanwhile: the run's final state stands
    await emit(tx, runId, result.awaitApproval ? "step.awaiting_approval" : "step.succeeded", stepId, { status, revision, contentHash: hash, output: result.output });
    if (result.awaitApproval) await tx.query("update public.runs set status = 'awaiting_approval' where id = $1 and status = 'running'", [runId]);
    return rows[0];
  });
}

/** A side-effecting step waits for approval of what it is about to do, before it runs. */
export async function proposeStep(db: Database, runId: string, stepId: string, revision: number, proposal: Record<string, unknown>): Promise<{ contentHash: string } | null> {
  const hash = contentHash(proposal);
  return asService(db, async (tx) => {
    const run = await getRunRow(tx, runId, true);
    if (!run || isTerminal(run.status)) return null;
    const step = await getStepRow(tx, runId, stepId, true);
    if (step?.status === "awaiting_approval" && step.revision === revision) return { contentHash: step.content_hash! };
    await tx.query(
      "update public.run_steps set status = 'awaiting_approval', revision = $3, input = $4::jsonb, content_hash = $5, started_at = coalesce(started_at, now()), updated_at = now() where run_id = $1 and step_id = $2",
      [runId, stepId, revision, JSON.stringify(proposal), hash],
    );
    await tx.query("update public.runs set status = 'awaiting_approval' where id = $1 and status = 'running'", [runId]);
    await emit(tx, runId, "step.awaiting_approval", stepId, { status: "awaiting_approval", revision, contentHash: hash, gate: "before", input: proposal });
    return { contentHash: hash };
  });
}

/** A failed attempt: retried later, or final (the step fails; the engine then ends the run). */
export async function failStep(db: Database, runId: string, stepId: string, revision: number, error: string, final: boolean): Promise<void> {
  await asService(db, async (tx) => {
    const step = await getStepRow(tx, runId, stepId, true);
    if (!step || isTerminal(step.status) || step.revision !== revision) return;
    // Only failures known not to have sent anything get here: the delivery marker is cleared.
    if (final) {
      await tx.query("update public.run_steps set status = 'failed', error = $3, delivery = null, finished_at = now(), updated_at = now() where run_id = $1 and step_id = $2", [runId, stepId, error]);
      await emit(tx, runId, "step.failed", stepId, { status: "failed", revision, error, attempts: step.attempts });
    } else {
      await tx.query("update public.run_steps set error = $3, delivery = null, updated_at = now() where run_id = $1 and step_id = $2", [runId, stepId, error]);
      await emit(tx, runId, "step.retrying", stepId, { status: "running", revision, error, attempt: step.attempts });
    }
  });
}

/** The call ended without being stopped: a side effect's request is about to leave the process. */
export class RunEndedError extends Error {
  override name = "RunEndedError";
}

/**
 * Records that a side-effecting step's request may start leaving now (and its idempotency key).
 * Throws RunEndedError when the attempt must not send any more (the run was cancelled meanwhile).
 */
export async function markSending(db: Database, runId: string, stepId: string, revision: number, idempotencyKey: string): Promise<void> {
  const rows = await asService(db, (tx) =>
    tx.query(
      `update public.run_steps s set delivery = 'sending', idempotency_key = coalesce(s.idempotency_key, $4), updated_at = now()
         from public.runs r
        where s.run_id = $1 and s.step_id = $2 and s.revision = $3 and s.status = 'running' and r.id = s.run_id
          and r.status in ('pending','running','awaiting_approval') returning 1`,
      [runId, stepId, revision, idempotencyKey],
    ),
  );
  if (!rows.length) throw new RunEndedError(`step ${stepId}: the run ended before the request was sent; nothing was sent`);
}

/**
 * A side effect that may or may not have been delivered: the step waits for a reviewer again (as
 * the next revision, so the decision has its own audit row) — send again, mark done, or stop.
 */
async function deliveryUnknownTx(tx: RawSql, step: RunStepRow, reason: string): Promise<{ revision: number; error: string }> {
  const revision = step.revision + 1;
  const error = `may or may not have been delivered: ${reason}`;
  const hash = contentHash({ deliveryUnknown: step.input, revision });
  await tx.query(
    `update public.run_steps set status = 'awaiting_approval', revision = $3, delivery = 'unknown', error = $4, content_hash = $5, updated_at = now()
      where run_id = $1 and step_id = $2`,
    [step.run_id, step.step_id, revision, error, hash],
  );
  await tx.query("update public.runs set status = 'awaiting_approval' where id = $1 and status = 'running'", [step.run_id]);
  await emit(tx, step.run_id, "step.delivery_unknown", step.step_id, { status: "awaiting_approval", revision, contentHash: hash, error, delivery: "unknown", input: step.input });
  return { revision, error };
}

/** The attempt failed after its request may have left (see deliveryUnknownTx); null if the run ended. */
export async function markDeliveryUnknown(db: Database, runId: string, stepId: string, revision: number, reason: string): Promise<{ revision: number; error: string } | null> {
  return asService(db, async (tx) => {
    const run = await getRunRow(tx, runId, true);
    if (!run || isTerminal(run.status)) return null;
    const step = await getStepRow(tx, runId, stepId, true);
    if (!step) return null;
    if (step.delivery === "unknown" && step.revision === revision + 1) return { revision: step.revision, error: step.error ?? "" };
    if (step.revision !== revision || step.status !== "running") return null;
    return deliveryUnknownTx(tx, step, reason);
  });
}

/** A reviewer marked an unknown delivery as done: the step succeeds with what is known. */
export async function settleMarkedDone(db: Database, runId: string, stepId: string, output: unknown, messages: ModelMessage[]): Promise<void> {
  await asService(db, async (tx) => {
    const rows = await tx.query(
      `update public.run_steps set status = 'succeeded', output = $3::jsonb, messages = $4::jsonb, content_hash = $5, error = null, finished_at = now(), updated_at = now()
        where run_id = $1 and step_id = $2 and status = 'approved' and delivery = 'unknown' returning 1`,
      [runId, stepId, JSON.stringify(output), JSON.stringify(messages), contentHash(output)],
    );
    if (!rows.length) return;
    await emit(tx, runId, "step.succeeded", stepId, { status: "succeeded", output, markedDone: true });
    const waiting = await tx.query("select 1 from public.run_steps where run_id = $1 and status = 'awaiting_approval'", [runId]);
    if (!waiting.length) await tx.query("update public.runs set status = 'running' where id = $1 and status = 'awaiting_approval'", [runId]);
  });
}

export async function appendStepLog(db: Database, runId: string, stepId: string, message: string, data?: Record<string, unknown>): Promise<void> {
  await asService(db, (tx) =>
    tx.query("update public.run_steps set logs = logs || $3::jsonb where run_id = $1 and step_id = $2", [runId, stepId, JSON.stringify([{ at: new Date().toISOString(), message, ...(data ? { data } : {}) }])]),
  );
}

export async function findDecision(db: Database, runId: string, stepId: string, revision: number): Promise<ApprovalRow | null> {
  return asService(db, async (tx) => {
    const [row] = await tx.query<ApprovalRow & Record<string, unknown>>("select * from public.approvals where run_id = $1 and step_id = $2 and revision = $3", [runId, stepId, revision]);
    return row ?? null;
  });
}

/** After approval the step is done; its (possibly edited) output is what later steps see. */
export async function settleApprovedStep(db: Database, runId: string, stepId: string): Promise<void> {
  await asService(db, async (tx) => {
    await tx.query("update public.run_steps set finished_at = coalesce(finished_at, now()), updated_at = now() where run_id = $1 and step_id = $2 and status = 'approved'", [runId, stepId]);
    const waiting = await tx.query("select 1 from public.run_steps where run_id = $1 and status = 'awaiting_approval'", [runId]);
    if (!waiting.length) await tx.query("update public.runs set status = 'running' where id = $1 and status = 'awaiting_approval'", [runId]);
  });
}

export async function expireStep(db: Database, runId: string, stepId: string): Promise<void> {
  await asService(db, async (tx) => {
    const rows = await tx.query("update public.run_steps set status = 'expired', finished_at = now(), updated_at = now() where run_id = $1 and step_id = $2 and status = 'awaiting_approval' returning 1", [runId, stepId]);
    if (rows.length) await emit(tx, runId, "step.expired", stepId, { status: "expired" });
  });
}

export async function skipStep(db: Database, runId: string, stepId: string, reason: string): Promise<void> {
  await asService(db, async (tx) => {
    const rows = await tx.query("update public.run_steps set status = 'skipped', error = $3, finished_at = now(), updated_at = now() where run_id = $1 and step_id = $2 and status = 'pending' returning 1", [runId, stepId, reason]);
    if (rows.length) await emit(tx, runId, "step.skipped", stepId, { status: "skipped", reason });
  });
}

/** Ends a run (once): steps that never finished are skipped, or cancelled with the run. */
export async function finishRun(db: Database, runId: string, status: Status, error?: string): Promise<boolean> {
  return asService(db, async (tx) => finishRunTx(tx, runId, status, error));
}

export async function finishRunTx(tx: RawSql, runId: string, status: Status, error?: string): Promise<boolean> {
  const run = await getRunRow(tx, runId, true);
  if (!run || isTerminal(run.status)) return false;
  const leftover = status === "cancelled" ? "cancelled" : "skipped";
  const steps = await tx.query<{ step_id: string; status: Status }>(
    `update public.run_steps set status = $2, finished_at = now(), updated_at = now() where run_id = $1 and status in ('pending','running','awaiting_approval') returning step_id, status`,
    [runId, leftover],
  );
  for (const s of steps) await emit(tx, runId, `step.${leftover}`, s.step_id, { status: leftover });
  await tx.query("update public.runs set status = $2, error = $3, finished_at = now() where id = $1", [runId, status, error ?? null]);
  await emit(tx, runId, "run.finished", null, { status, ...(error ? { error } : {}) });
  return true;
}
