// What the engine records as a run goes: each function reads the rows for update, asks the state
// machine (machine.ts) whether the change is legal, writes the answer and emits its events, in one
// transaction. A refusal changes nothing: a cancelled run's late result is discarded, a replay after
// a crash hands back what was recorded instead of doing it again.
import type { ModelMessage } from "ai";
import type { Database, RawSql } from "../db";
import { asService } from "../db/rls";
import { contentHash } from "./hash";
import { transition, type Emitted, type RunEnd, type StepState } from "./machine";
import {
  commitStep,
  commitStepIfUnchanged,
  emitAll,
  getRunRow,
  getStepRows,
  lockRunAndStep,
  lockStep,
  runState,
  stepState,
  writeRunAndEmit,
  writeStep,
  type RunRow,
  type RunStepRow,
} from "./store";

/** A step as a new run creates it, in a run the engine has started: what an attempt's first begin expects. */
export const FRESH_STEP: StepState = { kind: "step", status: "pending", revision: 0, attempts: 0, delivery: null, hasOutput: false, run: "running" };

/** pending → running (idempotent: a replay of the load step changes nothing). */
export async function markRunStarted(db: Database, runId: string): Promise<RunRow> {
  return asService(db, async (tx) => {
    const run = await getRunRow(tx, runId, true);
    if (!run) throw new Error(`run ${runId} does not exist`);
    const r = transition(runState(run), { type: "start" });
    if (!r.ok || !r.events.length) return run;
    await writeRunAndEmit(tx, runId, r.next, r.events, { started: true });
    return { ...run, status: r.next.status };
  });
}

export type BeginResult =
  /** `state`: what the step's row now holds, for completeStep to expect. */
  | { kind: "begin"; attempt: number; state: StepState }
  | { kind: "done"; step: RunStepRow }
  /** The revision already failed for good (a replay after a crash): it is not tried again. */
  | { kind: "failed"; error: string }
  | { kind: "stop"; reason: string }
  | { kind: "unknown"; revision: number; error: string };

/**
 * Marks a step revision running — or, when that revision already produced its output (a replay
 * after a crash between the tool's commit and the engine's memo), hands back the recorded result
 * so the tool does not run twice.
 */
export async function beginStep(
  db: Database,
  runId: string,
  stepId: string,
  revision: number,
  input: Record<string, unknown>,
  expect?: StepState,
): Promise<BeginResult> {
  const data = { input, error: null, output: null, content_hash: null, started: true, finished: false } as const;
  if (expect) {
    const r = transition(expect, { type: "begin", revision });
    const row = r.ok && r.next.status === "running" ? await commitStepIfUnchanged(db, { runId, stepId }, expect, r.next, r.events, data) : null;
    if (row && r.ok) return { kind: "begin", attempt: r.next.attempts, state: stepState(row, expect.run) };
  }
  return asService(db, async (tx) => {
    const { run, step } = await lockRunAndStep(tx, runId, stepId);
    if (!run) return { kind: "stop", reason: "run is missing" };
    if (!step) throw new Error(`run ${runId} has no step ${stepId}`);
    const locked = { run, step };
    const r = transition(stepState(step, run.status), { type: "begin", revision });
    if (!r.ok) return { kind: "stop", reason: r.refusal.code === "run_ended" ? `run is ${run.status}` : `step ${stepId} cannot begin: ${r.refusal.message}` };
    if (r.next.status === "running") {
      const row = await commitStep(tx, locked, r.next, r.events, data);
      return { kind: "begin", attempt: r.next.attempts, state: stepState(row, run.status) };
    }
    if (r.next.delivery === "unknown" && r.next.revision === revision + 1) {
      // Either the reviewer's decision on it is awaited (a replay), or the previous attempt crashed
      // after its request may have left: it is never sent again unasked.
      if (!r.events.length) return { kind: "unknown", revision: step.revision, error: step.error ?? "" };
      return { kind: "unknown", ...(await recordDeliveryUnknown(tx, locked, r.next, r.events, "the server stopped while the request was being sent")) };
    }
    if (r.next.status === "failed") return { kind: "failed", error: step.error ?? "failed" };
    return { kind: "done", step };
  });
}

/** Records a step's output: succeeded, or awaiting_approval with the hash the approval binds to. */
export async function completeStep(
  db: Database,
  runId: string,
  stepId: string,
  revision: number,
  result: { input: Record<string, unknown>; output: unknown; messages: ModelMessage[]; awaitApproval: boolean },
  expect?: StepState,
): Promise<Pick<RunStepRow, "status" | "content_hash"> | null> {
  const hash = contentHash(result.output);
  const data = (next: StepState) =>
    ({
      input: result.input,
      output: result.output,
      messages: result.messages,
      content_hash: hash,
      error: null,
      finished: next.status === "succeeded",
    }) as const;
  const eventData = { contentHash: hash, output: result.output };
  const event = { type: "complete", revision, awaitApproval: result.awaitApproval } as const;
  if (expect) {
    const r = transition(expect, event);
    const row = r.ok ? await commitStepIfUnchanged(db, { runId, stepId }, expect, r.next, r.events, data(r.next), eventData) : null;
    if (row) return row;
  }
  return asService(db, async (tx) => {
    const locked = await lockStep(tx, runId, stepId);
    const r = locked && transition(stepState(locked.step, locked.run.status), event);
    if (!locked || !r?.ok) return null; // cancelled meanwhile: the run's final state stands
    return commitStep(tx, locked, r.next, r.events, data(r.next), eventData);
  });
}

/** A side-effecting step waits for approval of what it is about to do, before it runs. */
export async function proposeStep(
  db: Database,
  runId: string,
  stepId: string,
  revision: number,
  proposal: Record<string, unknown>,
): Promise<{ contentHash: string } | null> {
  const hash = contentHash(proposal);
  return asService(db, async (tx) => {
    const locked = await lockStep(tx, runId, stepId);
    const r = locked && transition(stepState(locked.step, locked.run.status), { type: "propose", revision });
    if (!locked || !r?.ok) return null;
    if (!r.events.length) return { contentHash: locked.step.content_hash! }; // a replay: the proposal stands
    await commitStep(tx, locked, r.next, r.events, { input: proposal, content_hash: hash, started: true }, { contentHash: hash, input: proposal });
    return { contentHash: hash };
  });
}

/** A failed attempt: retried later, or final (the step fails; the engine then ends the run). */
export async function failStep(db: Database, runId: string, stepId: string, revision: number, error: string, final: boolean): Promise<void> {
  await asService(db, async (tx) => {
    const locked = await lockStep(tx, runId, stepId);
    const r = locked && transition(stepState(locked.step, locked.run.status), { type: "fail", revision, final });
    if (!locked || !r?.ok) return;
    await commitStep(tx, locked, r.next, r.events, final ? { error, finished: true } : { error }, { error });
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
  const marked = await asService(db, async (tx) => {
    const locked = await lockStep(tx, runId, stepId);
    const r = locked && transition(stepState(locked.step, locked.run.status), { type: "send", revision });
    if (!locked || !r?.ok) return false;
    await writeStep(tx, locked.step, r.next, { idempotency_key: idempotencyKey });
    return true;
  });
  if (!marked) throw new RunEndedError(`step ${stepId}: the run ended before the request was sent; nothing was sent`);
}

/**
 * A side effect that may or may not have been delivered: the step waits for a reviewer again (as
 * the next revision, so the decision has its own audit row) — send again, mark done, or stop.
 */
async function recordDeliveryUnknown(
  tx: RawSql,
  locked: { run: RunRow; step: RunStepRow },
  next: StepState,
  events: readonly Emitted[],
  reason: string,
): Promise<{ revision: number; error: string }> {
  const error = `may or may not have been delivered: ${reason}`;
  const hash = contentHash({ deliveryUnknown: locked.step.input, revision: next.revision });
  await commitStep(tx, locked, next, events, { error, content_hash: hash }, { contentHash: hash, error, input: locked.step.input });
  return { revision: next.revision, error };
}

/** The attempt failed after its request may have left (see recordDeliveryUnknown); null if the run ended. */
export async function markDeliveryUnknown(
  db: Database,
  runId: string,
  stepId: string,
  revision: number,
  reason: string,
): Promise<{ revision: number; error: string } | null> {
  return asService(db, async (tx) => {
    const locked = await lockStep(tx, runId, stepId);
    const r = locked && transition(stepState(locked.step, locked.run.status), { type: "delivery_unknown", revision });
    if (!locked || !r?.ok) return null;
    if (!r.events.length) return { revision: locked.step.revision, error: locked.step.error ?? "" }; // a replay
    return recordDeliveryUnknown(tx, locked, r.next, r.events, reason);
  });
}

/** A reviewer marked an unknown delivery as done: the step succeeds with what is known. */
export async function settleMarkedDone(db: Database, runId: string, stepId: string, output: unknown, messages: ModelMessage[]): Promise<void> {
  await asService(db, async (tx) => {
    const locked = await lockStep(tx, runId, stepId);
    const r = locked && transition(stepState(locked.step, locked.run.status), { type: "settle_done" });
    if (!locked || !r?.ok) return;
    await commitStep(tx, locked, r.next, r.events, { output, messages, content_hash: contentHash(output), error: null, finished: true }, { output });
  });
}

/** After approval the step is done; its (possibly edited) output is what later steps see. */
export async function settleApprovedStep(db: Database, runId: string, stepId: string): Promise<void> {
  await asService(db, async (tx) => {
    const locked = await lockStep(tx, runId, stepId);
    const r = locked && transition(stepState(locked.step, locked.run.status), { type: "settle" });
    if (!locked || !r?.ok) return;
    await commitStep(tx, locked, r.next, r.events, { finished: "once" });
  });
}

export async function expireStep(db: Database, runId: string, stepId: string): Promise<void> {
  await asService(db, async (tx) => {
    const locked = await lockStep(tx, runId, stepId);
    const r = locked && transition(stepState(locked.step, locked.run.status), { type: "expire" });
    if (!locked || !r?.ok) return;
    await commitStep(tx, locked, r.next, r.events, { finished: true });
  });
}

export async function skipStep(db: Database, runId: string, stepId: string, reason: string): Promise<void> {
  await asService(db, async (tx) => {
    const locked = await lockStep(tx, runId, stepId);
    const r = locked && transition(stepState(locked.step, locked.run.status), { type: "skip" });
    if (!locked || !r?.ok) return;
    await commitStep(tx, locked, r.next, r.events, { error: reason, finished: true }, { reason });
  });
}

/** Ends a run (once): steps that never finished are skipped, or cancelled with the run. */
export async function finishRun(db: Database, runId: string, status: RunEnd, error?: string): Promise<boolean> {
  return asService(db, async (tx) => finishRunTx(tx, runId, status, error));
}

export async function finishRunTx(tx: RawSql, runId: string, status: RunEnd, error?: string): Promise<boolean> {
  const run = await getRunRow(tx, runId, true);
  const r = run && transition(runState(run), { type: "finish", to: status });
  if (!run || !r?.ok) return false;
  const steps = await getStepRows(tx, runId, true);
  for (const s of steps) {
    const t = transition(stepState(s, run.status), { type: status === "cancelled" ? "cancel" : "abandon" });
    if (!t.ok) continue;
    await writeStep(tx, s, t.next, { finished: true });
    await emitAll(tx, runId, s.step_id, t.events);
  }
  await writeRunAndEmit(tx, runId, r.next, r.events, { finished: true, error }, error ? { error } : {});
  return true;
}
