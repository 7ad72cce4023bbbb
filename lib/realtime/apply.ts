import type { RunView } from "../runs/service";
import { isTerminal, type Status } from "../runs/status";
import type { RunEvent } from "./run-events";

/** Events whose full effect (outputs, the approval audit) needs the snapshot reloaded. */
export const NEEDS_SNAPSHOT = new Set([
  "step.succeeded",
  "step.awaiting_approval",
  "step.approved",
  "step.edited",
  "step.rejected",
  "run.finished",
  "step.failed",
  "step.delivery_unknown",
  // An approval short of the quorum: the gate's progress ("1 of 2 approvals") comes with the snapshot.
  "step.vote",
]);

/**
 * Applies one run event to a run view: statuses change at once, in seq order; events at or below
 * the view's seq are ignored (no duplicates), so snapshot + events never double-apply.
 */
export function applyRunEvent(run: RunView, e: RunEvent): RunView {
  if (e.seq <= run.seq) return run;
  const p = e.payload as { status?: Status; revision?: number; contentHash?: string; attempt?: number; error?: string; output?: unknown; delivery?: "unknown" };
  let next: RunView = { ...run, seq: e.seq };
  // run.started (pending → running), run.status (running ⇄ awaiting_approval), run.finished (the end).
  if (e.type.startsWith("run.") && p.status) {
    next = {
      ...next,
      status: p.status,
      ...(p.error ? { error: p.error } : {}),
      ...(e.type === "run.finished" ? { finishedAt: e.createdAt } : {}),
      ...(e.type === "run.started" ? { startedAt: e.createdAt } : {}),
    };
  }
  if (e.stepId && p.status) {
    next.steps = next.steps.map((s) =>
      s.id !== e.stepId
        ? s
        : {
            ...s,
            status: p.status!,
            ...(p.revision !== undefined ? { revision: p.revision } : {}),
            ...(p.contentHash !== undefined ? { contentHash: p.contentHash } : {}),
            ...(p.attempt !== undefined ? { attempts: p.attempt } : {}),
            ...(p.error !== undefined ? { error: p.error } : {}),
            ...(p.delivery !== undefined ? { delivery: p.delivery } : {}),
            ...("output" in p ? { output: p.output } : {}),
            ...(e.type === "step.running" ? { startedAt: s.startedAt ?? e.createdAt, output: null, contentHash: null } : {}),
            ...(isTerminal(p.status!) || p.status === "approved" ? { finishedAt: e.createdAt } : {}),
          },
    );
    if (!isTerminal(next.status)) {
      next.status = next.steps.some((s) => s.status === "awaiting_approval") ? "awaiting_approval" : next.status === "pending" ? "pending" : "running";
    }
  }
  return next;
}
