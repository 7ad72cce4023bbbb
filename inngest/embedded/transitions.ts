// What happens to a run, inside one state transaction (the caller holds store.STATE_LOCK and the
// run's row lock): a call's outcome is applied, a wait or sleep resolves, a run is cancelled or
// ends. runner.ts decides when these happen; this module decides what they do.
import type { Cron } from "croner";
import type { RawSql } from "@/lib/db/client";
import { compileExpression, type CompiledExpression } from "./expressions";
import { errorOf, SUPPORTED_OPS, type CallOutcome, type EventPayload, type FunctionInfo, type Op, type SerializedError, type StepMemo } from "./protocol";
import { backoffMs, dueTime, ulid, type Backoff } from "./schedule";
import * as store from "./store";
import type { PlannedStep, RunState, RunStatus } from "./store";

/** A synced function with its expressions compiled. */
export interface Fn {
  info: FunctionInfo;
  maxAttempts: number;
  triggers: { event: string; prefix: boolean; expr: CompiledExpression | null }[];
  /** Cron triggers: `spec` as the function declares it (the key of its cron_ticks row). */
  crons: { spec: string; cron: Cron }[];
  cancel: { event: string; expr: CompiledExpression | null; timeoutMs: number | null }[];
}

/** Effects of a transaction that happen after it (logs) or later in it (emitted events). */
export interface Fx {
  logs: [string, Record<string, unknown>][];
  emit: EventPayload[];
}

/** The call an outcome answers. */
export interface CallContext {
  planned: PlannedStep | null;
  attempt: number;
  startedAt: number;
  /** Step ids whose results were sent with the call (i.e. the SDK has seen). */
  seen: Set<string>;
}

/** When the run next has runnable work: its earliest planned step, else a pending discovery. */
export function nextAt(r: RunState): number | null {
  if (r.status !== "running") return null;
  return r.planned.length ? Math.min(...r.planned.map((p) => p.at)) : r.discoverAt;
}

/** Memoizes a step result once; the stack records completion order for the SDK's replay. */
export function memo(r: RunState, stepId: string, m: StepMemo): boolean {
  if (Object.hasOwn(r.steps, stepId)) return false;
  r.steps[stepId] = m;
  r.stack.push(stepId);
  return true;
}

/** A wait or sleep completed: memoize its result and make the run discover again. */
export async function resolveStep(
  tx: RawSql,
  fx: Fx,
  runId: string,
  stepId: string,
  m: StepMemo,
  now: number,
  why: string,
  data: Record<string, unknown>,
): Promise<void> {
  const r = await store.lockRun(tx, runId);
  if (!r || r.status !== "running" || !memo(r, stepId, m)) return;
  r.discoverAt = now;
  r.nextAt = nextAt(r);
  r.updatedAt = now;
  await store.saveRun(tx, r);
  fx.logs.push([why, { runId, fnId: r.fnId, stepId, ...data }]);
}

export async function cancelRun(tx: RawSql, fx: Fx, runId: string, by: EventPayload, now: number): Promise<void> {
  const r = await store.lockRun(tx, runId);
  if (!r || r.status !== "running") return;
  end(r, fx, "cancelled", now, {});
  await store.clearPending(tx, r.id);
  await store.saveRun(tx, r);
  fx.logs.push(["run cancelled", { runId, fnId: r.fnId, byEvent: by.name, eventId: by.id }]);
}

/** Marks a run ended and queues Inngest's lifecycle events (ingested in the same transaction). */
function end(r: RunState, fx: Fx, status: Exclude<RunStatus, "running">, now: number, res: { output?: unknown; error?: SerializedError }): void {
  r.status = status;
  r.output = res.output ?? null;
  r.error = res.error ?? null;
  r.planned = [];
  r.discoverAt = null;
  r.nextAt = null;
  r.endedAt = now;
  r.updatedAt = now;
  const base = { function_id: r.fnId, run_id: r.id, event: r.event };
  const evt = (name: string, data: Record<string, unknown>): EventPayload => ({ id: ulid(now), name, data, ts: now });
  if (status === "cancelled") fx.emit.push(evt("inngest/function.cancelled", base));
  if (status === "failed") fx.emit.push(evt("inngest/function.failed", { ...base, error: res.error }));
  if (status !== "cancelled")
    fx.emit.push(evt("inngest/function.finished", { ...base, ...(status === "failed" ? { error: res.error } : { result: r.output }) }));
}

export async function finish(
  r: RunState,
  tx: RawSql,
  fx: Fx,
  now: number,
  status: "completed" | "failed",
  res: { output?: unknown; error?: SerializedError },
): Promise<void> {
  end(r, fx, status, now, res);
  await store.clearPending(tx, r.id);
  fx.logs.push([status === "completed" ? "run completed" : "run failed", { runId: r.id, fnId: r.fnId, ...(res.error ? { error: res.error.message } : {}) }]);
}

/** Why `ops` cannot be run here (naming each unsupported opcode and its step), or null. */
export function unsupportedOps(ops: Op[], supported: readonly string[] = SUPPORTED_OPS): string | null {
  const bad = ops.filter((o) => !supported.includes(o.op));
  if (!bad.length) return null;
  const names = bad.map((o) => `"${o.op}"${o.displayName ? ` (step "${o.displayName}")` : ""}`).join(", ");
  return `the embedded Inngest runner does not support opcode ${names}; run this function on Inngest Cloud or a self-hosted Inngest`;
}

/** Applies one call's outcome to a locked run. Throws (the caller fails the run) on bad ops. */
export async function applyOutcome(
  r: RunState,
  tx: RawSql,
  fx: Fx,
  now: number,
  fn: Fn,
  outcome: CallOutcome,
  c: CallContext,
  backoff: Backoff,
): Promise<void> {
  // The gap rule (see the top of runner.ts): waits registered from this call's ops also match
  // events received since the previous discovery call started. Every step that ran since then —
  // inline in that call, or planned by it and called later, in any parallel branch — started
  // after it, so a database check made in such a step cannot miss an event that this wait misses.
  const since = Math.min(r.lastCallAt ?? r.createdAt, c.startedAt);
  if (!c.planned && outcome.kind === "ops") r.lastCallAt = Math.max(r.lastCallAt ?? 0, c.startedAt);
  const log = (msg: string, data: Record<string, unknown> = {}) => fx.logs.push([msg, { runId: r.id, fnId: r.fnId, ...data }]);
  const delay = (attempt: number, retryAfter: number | undefined) => retryAfter ?? backoffMs(attempt, backoff);
  if (c.planned) r.planned = r.planned.filter((p) => p.id !== c.planned!.id);

  if (outcome.kind === "complete") return finish(r, tx, fx, now, "completed", { output: outcome.output });

  if (outcome.kind === "error") {
    if (!outcome.retriable || c.attempt + 1 >= fn.maxAttempts) {
      return finish(r, tx, fx, now, "failed", { error: outcome.error });
    }
    const at = now + delay(c.attempt + 1, outcome.retryAfterMs);
    if (c.planned) r.planned.push({ id: c.planned.id, attempt: c.attempt + 1, at });
    else {
      r.attempt = c.attempt + 1;
      r.discoverAt = at;
    }
    log("call failed; retrying", { stepId: c.planned?.id ?? "step", attempt: c.attempt + 1, at: new Date(at).toISOString(), error: outcome.error.message });
    return;
  }

  const unsupported = unsupportedOps(outcome.ops);
  if (unsupported || !outcome.ops.length) {
    const message = unsupported ?? "the SDK answered 206 without any operation";
    return finish(r, tx, fx, now, "failed", { error: { name: "UnsupportedOpcodeError", message } });
  }

  const stepName = (o: Op) => o.displayName ?? o.userland?.id ?? o.name ?? o.id;
  const failedMemo = (o: Op): StepMemo => ({ type: "error", error: o.error ?? { name: "Error", message: "step failed" } });
  for (const op of outcome.ops) {
    switch (op.op) {
      case "RunComplete":
        return finish(r, tx, fx, now, "completed", { output: op.data ?? null });
      case "StepRun":
        if (memo(r, op.id, { type: "data", data: op.data ?? null })) log("step completed", { step: stepName(op), stepId: op.id });
        break;
      case "StepFailed":
        if (memo(r, op.id, failedMemo(op))) log("step failed", { step: stepName(op), stepId: op.id, error: errorOf(op.error).message });
        break;
      case "StepError": {
        // The attempt this step just ran with: the planned call's, or the discovery call's when
        // the SDK ran the step inline.
        const attempt = c.planned && c.planned.id === op.id ? c.planned.attempt : c.attempt;
        if (attempt + 1 >= fn.maxAttempts) {
          if (memo(r, op.id, failedMemo(op))) log("step failed", { step: stepName(op), stepId: op.id, error: errorOf(op.error).message });
        } else if (!r.planned.some((p) => p.id === op.id)) {
          const at = now + delay(attempt + 1, outcome.retryAfterMs);
          r.planned.push({ id: op.id, attempt: attempt + 1, at });
          log("step errored; retrying", {
            step: stepName(op),
            stepId: op.id,
            attempt: attempt + 1,
            at: new Date(at).toISOString(),
            error: errorOf(op.error).message,
          });
        }
        break;
      }
      case "StepPlanned":
        if (!Object.hasOwn(r.steps, op.id) && !r.planned.some((p) => p.id === op.id)) {
          r.planned.push({ id: op.id, attempt: 0, at: now });
          log("step planned", { step: stepName(op), stepId: op.id });
        }
        break;
      case "Sleep": {
        if (Object.hasOwn(r.steps, op.id)) break;
        const due = dueTime(op.name ?? "", now, () =>
          log("sleep with an empty duration (zero, or a compound string the SDK could not parse)", { step: stepName(op) }),
        );
        if (due <= now) memo(r, op.id, { type: "data", data: null });
        else if (await store.insertTimer(tx, r.id, op.id, due)) log("sleeping", { step: stepName(op), stepId: op.id, until: new Date(due).toISOString() });
        break;
      }
      case "WaitForEvent":
        await registerWait(r, tx, now, op, since, log);
        break;
    }
  }

  if (r.planned.length === 0 && (c.planned || Object.keys(r.steps).some((k) => !c.seen.has(k)))) {
    // Something the SDK has not seen yet is memoized (or the last planned step finished).
    r.discoverAt = now;
    r.attempt = 0;
  } else if (!c.planned && r.discoverAt !== null && r.discoverAt <= now) {
    r.discoverAt = null; // this discovery consumed the pending one; the run now waits
  }
}

async function registerWait(
  r: RunState,
  tx: RawSql,
  now: number,
  op: Op,
  since: number,
  log: (msg: string, data?: Record<string, unknown>) => void,
): Promise<void> {
  if (Object.hasOwn(r.steps, op.id)) return;
  const eventName = op.name;
  if (!eventName) throw new Error(`waitForEvent "${op.displayName ?? op.id}" has no event name`);
  const ifSrc = typeof op.opts?.if === "string" ? op.opts.if : null;
  const expr = ifSrc ? compileExpression(ifSrc) : null; // throws for unsupported syntax: fails the run
  const timeout = typeof op.opts?.timeout === "string" ? op.opts.timeout : "";
  const expiresAt = dueTime(timeout, now, () => log("waitForEvent with an empty timeout (times out at once)", { step: op.displayName }));
  if (!(await store.insertWait(tx, { runId: r.id, stepId: op.id, event: eventName, if: ifSrc, since, expiresAt }, now))) return;
  for (const e of await store.eventsSince(tx, eventName, since)) {
    if (e.id === r.event.id) continue; // the run's own trigger event is never an answer to its wait
    if (expr && !expr.test({ event: r.event, async: e })) continue;
    await store.takeWait(tx, r.id, op.id);
    memo(r, op.id, { type: "data", data: e });
    log("waitForEvent matched an event received since the previous call", { step: op.displayName, event: e.name, eventId: e.id });
    return;
  }
  log("waiting for event", { step: op.displayName, stepId: op.id, event: eventName, if: ifSrc, expiresAt: new Date(expiresAt).toISOString() });
}
