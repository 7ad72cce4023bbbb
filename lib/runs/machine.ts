// The legal life of a run and of its steps, in one place and without I/O: given a state and what
// happened, the next state and the run events that record it — or a typed refusal. The store reads
// the rows (locked), asks here, writes the answer and emits the events; nothing else decides
// whether a status may change. Data (outputs, hashes, messages, errors) is the store's business;
// the machine only says which status, revision, attempt and delivery marker come next.
import { isTerminal, type Status } from "./status";

export type Gate = "none" | "before" | "after";
/** Side effects: 'sending' once the request may have left; 'unknown' when it may or may not have been delivered. */
export type Delivery = "sending" | "unknown" | null;
export type Decision = "approve" | "edit" | "reject" | "retry" | "mark_done" | "stop";
/** The decisions that answer a side effect whose delivery is unknown (the others answer a gate). */
export const DELIVERY_DECISIONS: ReadonlySet<Decision> = new Set(["retry", "mark_done", "stop"]);

export interface StepState {
  kind: "step";
  status: Status;
  revision: number;
  attempts: number;
  delivery: Delivery;
  /** Whether the current revision has a recorded output (a replay hands it back, it never runs again). */
  hasOutput: boolean;
  /** The status of the step's run: a run that has ended starts nothing new. */
  run: Status;
}

export type StepEvent =
  /** An attempt at `revision` starts (the engine's step.run, also its replay after a crash). */
  | { type: "begin"; revision: number }
  /** The tool returned: the output is recorded, waiting for approval when the step is gated after. */
  | { type: "complete"; revision: number; awaitApproval: boolean }
  /** The attempt failed without sending anything: retried later, or final. */
  | { type: "fail"; revision: number; final: boolean }
  /** A side effect's call is proposed and waits for approval before it runs. */
  | { type: "propose"; revision: number }
  /** A side effect's request may start leaving now. */
  | { type: "send"; revision: number }
  /** A side effect's request may or may not have been delivered: a reviewer decides. */
  | { type: "delivery_unknown"; revision: number }
  /** A reviewer's decision on the revision awaiting approval (the audit row is the store's). */
  | { type: Decision }
  /** The engine took an approval into account: the step is done. */
  | { type: "settle" }
  /** The engine took a "mark_done" into account: the side effect counts as delivered. */
  | { type: "settle_done" }
  | { type: "expire" }
  /** An earlier step did not complete. */
  | { type: "skip" }
  /** The run was cancelled before the step finished. */
  | { type: "cancel" }
  /** The run ended otherwise before the step finished. */
  | { type: "abandon" };

export const STEP_EVENTS = [
  "begin",
  "complete",
  "fail",
  "propose",
  "send",
  "delivery_unknown",
  "approve",
  "edit",
  "reject",
  "retry",
  "mark_done",
  "stop",
  "settle",
  "settle_done",
  "expire",
  "skip",
  "cancel",
  "abandon",
] as const satisfies readonly StepEvent["type"][];

/** A run's own status: runs are never approved or skipped, so those statuses take no run event. */
export interface RunState {
  kind: "run";
  status: Status;
}

export type RunEnd = "succeeded" | "failed" | "rejected" | "cancelled" | "expired";

export type RunMachineEvent =
  /** The engine loaded the run's snapshot (also on every replay). */
  | { type: "start" }
  /** One of its steps waits for a decision. */
  | { type: "wait" }
  /** None of its steps waits for a decision any more. */
  | { type: "resume" }
  | { type: "finish"; to: RunEnd };

export const RUN_EVENTS = ["start", "wait", "resume", "finish"] as const satisfies readonly RunMachineEvent["type"][];

/** A run event to append (run_events.type and the status part of its payload). */
export interface Emitted {
  type: `step.${string}` | `run.${string}`;
  payload: Record<string, unknown>;
}

export type RefusalCode =
  /** The run has ended: nothing new starts. */
  | "run_ended"
  /** The event names another revision than the step's. */
  | "other_revision"
  /** A decision that does not answer what the step waits for (a gate vs an unknown delivery). */
  | "wrong_decision"
  /** The status does not allow the event. */
  | "illegal";

export interface Refusal {
  code: RefusalCode;
  message: string;
}

export type Transition<S> = { ok: true; next: S; events: Emitted[] } | { ok: false; refusal: Refusal };

const to = <S>(next: S, ...events: Emitted[]): Transition<S> => ({ ok: true, next, events });
const refuse = (code: RefusalCode, message: string): { ok: false; refusal: Refusal } => ({ ok: false, refusal: { code, message } });
const illegal = (what: string, status: Status, event: string) => refuse("illegal", `${what} is ${status}: "${event}" does not apply`);

export function transition(state: StepState, event: StepEvent): Transition<StepState>;
export function transition(state: RunState, event: RunMachineEvent): Transition<RunState>;
export function transition(state: StepState | RunState, event: StepEvent | RunMachineEvent): Transition<StepState> | Transition<RunState> {
  return state.kind === "run" ? runTransition(state, event as RunMachineEvent) : stepTransition(state, event as StepEvent);
}

function runTransition(s: RunState, e: RunMachineEvent): Transition<RunState> {
  if (isTerminal(s.status)) return refuse("run_ended", `the run is ${s.status}`);
  if (s.status !== "pending" && s.status !== "running" && s.status !== "awaiting_approval") return illegal("the run", s.status, e.type);
  const run = (status: Status, type: Emitted["type"]) => to<RunState>({ kind: "run", status }, { type, payload: { status } });
  switch (e.type) {
    case "start":
      // A replay of the load step changes nothing.
      return s.status === "pending" ? run("running", "run.started") : to(s);
    case "wait":
      if (s.status === "pending") return illegal("the run", s.status, e.type);
      return s.status === "running" ? run("awaiting_approval", "run.status") : to(s);
    case "resume":
      if (s.status === "pending") return illegal("the run", s.status, e.type);
      return s.status === "awaiting_approval" ? run("running", "run.status") : to(s);
    case "finish":
      return run(e.to, "run.finished");
  }
}

const stepEvent = (type: Emitted["type"], next: StepState, extra: Record<string, unknown> = {}): Emitted => ({
  type,
  payload: { status: next.status, ...extra },
});

/** The request may have left: the step waits for a reviewer as the next revision, so the decision has its own audit row. */
function deliveryUnknown(s: StepState): Transition<StepState> {
  const next: StepState = { ...s, status: "awaiting_approval", revision: s.revision + 1, delivery: "unknown" };
  return to(next, stepEvent("step.delivery_unknown", next, { revision: next.revision, delivery: "unknown" }));
}

function stepTransition(s: StepState, e: StepEvent): Transition<StepState> {
  const runEnded = isTerminal(s.run) ? refuse("run_ended", `the run is ${s.run}`) : null;
  const same = "revision" in e && e.revision === s.revision;
  const otherRevision = () => refuse("other_revision", `the step is at revision ${s.revision}, not ${"revision" in e ? e.revision : "?"}`);
  // A replay while a reviewer decides on an unknown delivery (recorded as the next revision): nothing changes.
  const awaitingDelivery = "revision" in e && s.delivery === "unknown" && s.revision === e.revision + 1;
  switch (e.type) {
    case "begin": {
      if (runEnded) return runEnded;
      if (awaitingDelivery) return to(s);
      // The previous attempt stopped after its request may have left: it is never sent again unasked.
      if (same && s.status === "running" && s.delivery === "sending") return deliveryUnknown(s);
      // This revision already produced its result (a replay after a crash): hand it back, do not run the tool again.
      if (same && ((s.hasOutput && s.status !== "running" && s.status !== "pending") || s.status === "succeeded" || s.status === "failed")) return to(s);
      const retry = same && s.status === "running";
      const fresh = s.status === "pending" || (same && s.status === "approved") || (s.status === "rejected" && e.revision === s.revision + 1);
      if (!retry && !fresh)
        return s.status === "running" || s.status === "approved" || s.status === "rejected" ? otherRevision() : illegal("the step", s.status, e.type);
      const next: StepState = { ...s, status: "running", revision: e.revision, attempts: retry ? s.attempts + 1 : 1, delivery: null, hasOutput: false };
      return to(next, stepEvent("step.running", next, { revision: e.revision, attempt: next.attempts }));
    }
    case "complete": {
      // A late result of an attempt whose step was cancelled (or moved on) meanwhile is discarded.
      if (s.status !== "running") return illegal("the step", s.status, e.type);
      if (!same) return otherRevision();
      const next: StepState = { ...s, status: e.awaitApproval ? "awaiting_approval" : "succeeded", delivery: null, hasOutput: true };
      return to(next, stepEvent(e.awaitApproval ? "step.awaiting_approval" : "step.succeeded", next, { revision: s.revision }));
    }
    case "fail": {
      // A proposal (of a side effect) fails while its step is still pending.
      if (s.status !== "running" && s.status !== "pending") return illegal("the step", s.status, e.type);
      if (!same) return otherRevision();
      // Only failures known not to have sent anything get here: the delivery marker is cleared.
      if (e.final) {
        const next: StepState = { ...s, status: "failed", delivery: null };
        return to(next, stepEvent("step.failed", next, { revision: s.revision, attempts: s.attempts }));
      }
      // The step is being worked on again (its row keeps its status until the next attempt begins).
      return to({ ...s, delivery: null }, { type: "step.retrying", payload: { status: "running", revision: s.revision, attempt: s.attempts } });
    }
    case "propose": {
      if (runEnded) return runEnded;
      if (same && s.status === "awaiting_approval") return to(s);
      if (s.status !== "pending") return illegal("the step", s.status, e.type);
      const next: StepState = { ...s, status: "awaiting_approval", revision: e.revision };
      return to(next, stepEvent("step.awaiting_approval", next, { revision: e.revision, gate: "before" }));
    }
    case "send": {
      if (runEnded) return runEnded;
      if (s.status !== "running") return illegal("the step", s.status, e.type);
      if (!same) return otherRevision();
      return to({ ...s, delivery: "sending" });
    }
    case "delivery_unknown": {
      if (runEnded) return runEnded;
      if (awaitingDelivery) return to(s);
      if (s.status !== "running") return illegal("the step", s.status, e.type);
      if (!same) return otherRevision();
      return deliveryUnknown(s);
    }
    case "approve":
    case "edit":
    case "reject":
    case "retry":
    case "mark_done":
    case "stop": {
      if (s.status !== "awaiting_approval") return illegal("the step", s.status, e.type);
      if ((s.delivery === "unknown") !== DELIVERY_DECISIONS.has(e.type)) {
        return refuse(
          "wrong_decision",
          s.delivery === "unknown"
            ? `the step's delivery is unknown: "${e.type}" does not answer it`
            : `"${e.type}" only answers a step whose delivery is unknown`,
        );
      }
      const rejected = e.type === "reject" || e.type === "stop";
      const next: StepState = { ...s, status: rejected ? "rejected" : "approved" };
      return to(
        next,
        stepEvent(rejected ? "step.rejected" : e.type === "edit" ? "step.edited" : "step.approved", next, { revision: s.revision, decision: e.type }),
      );
    }
    case "settle":
      return s.status === "approved" ? to(s) : illegal("the step", s.status, e.type);
    case "settle_done": {
      if (s.status !== "approved") return illegal("the step", s.status, e.type);
      if (s.delivery !== "unknown") return refuse("wrong_decision", "only a side effect whose delivery is unknown is marked done");
      const next: StepState = { ...s, status: "succeeded", hasOutput: true };
      return to(next, stepEvent("step.succeeded", next, { markedDone: true }));
    }
    case "expire":
      return s.status === "awaiting_approval" ? endStep(s, "expired", "step.expired") : illegal("the step", s.status, e.type);
    case "skip":
      return s.status === "pending" ? endStep(s, "skipped", "step.skipped") : illegal("the step", s.status, e.type);
    case "cancel":
    case "abandon":
      // Approved steps keep their status when the run ends: the decision stands in the audit.
      if (s.status !== "pending" && s.status !== "running" && s.status !== "awaiting_approval") return illegal("the step", s.status, e.type);
      return e.type === "cancel" ? endStep(s, "cancelled", "step.cancelled") : endStep(s, "skipped", "step.skipped");
  }
}

function endStep(s: StepState, status: Status, type: Emitted["type"]): Transition<StepState> {
  const next: StepState = { ...s, status };
  return to(next, stepEvent(type, next));
}
