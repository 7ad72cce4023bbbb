import type { Plan, PlanStep } from "./schema";

/** One field that differs between two versions of a step, e.g. `input.platform`. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export type StepChangeKind = "added" | "removed" | "changed";

export interface StepDiff {
  id: string;
  kind: StepChangeKind;
  /** The step in the older plan (absent when added). */
  before?: PlanStep;
  /** The step in the newer plan (absent when removed). */
  after?: PlanStep;
  /** Field by field; for added and removed steps, empty. */
  changes: FieldChange[];
}

export interface PlanDiff {
  title?: FieldChange;
  description?: FieldChange;
  /** Changed steps in the newer plan's order, then removed steps in the older plan's order. */
  steps: StepDiff[];
  counts: { added: number; removed: number; changed: number };
  /** Nothing differs (within the compared fields). */
  same: boolean;
}

export interface DiffOptions {
  /** Report moved nodes (`position`). Off by default: layout is not content. */
  positions?: boolean;
  /** Report `stepIndex` changes. Off by default: order follows the dependencies. */
  order?: boolean;
  /** Report provenance changes (`origin`). Off by default. */
  origin?: boolean;
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => Object.hasOwn(bo, k) && jsonEqual(ao[k], bo[k]));
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");

/** The fields of one step that differ, in a stable order: tool, description, approval, inputs, dependencies. */
export function diffStep(before: PlanStep, after: PlanStep, opts: DiffOptions = {}): FieldChange[] {
  const out: FieldChange[] = [];
  const push = (field: string, b: unknown, a: unknown) => out.push({ field, before: b, after: a });
  if (opts.order && before.stepIndex !== after.stepIndex) push("stepIndex", before.stepIndex, after.stepIndex);
  if (before.toolName !== after.toolName) push("toolName", before.toolName, after.toolName);
  if (before.description !== after.description) push("description", before.description, after.description);
  if (before.requiresApproval !== after.requiresApproval) push("requiresApproval", before.requiresApproval, after.requiresApproval);
  if ((before.approvalTimeout ?? null) !== (after.approvalTimeout ?? null)) push("approvalTimeout", before.approvalTimeout, after.approvalTimeout);
  if (!jsonEqual(before.approvalRule ?? null, after.approvalRule ?? null)) push("approvalRule", before.approvalRule, after.approvalRule);
  const keys = [...new Set([...Object.keys(before.input), ...Object.keys(after.input)])];
  for (const k of keys) if (!jsonEqual(before.input[k], after.input[k])) push(`input.${k}`, before.input[k], after.input[k]);
  if (!sameSet(before.dependsOn, after.dependsOn)) push("dependsOn", before.dependsOn, after.dependsOn);
  if (opts.origin && (before.origin ?? "manual") !== (after.origin ?? "manual")) push("origin", before.origin ?? "manual", after.origin ?? "manual");
  if (opts.positions && !jsonEqual(before.position ?? null, after.position ?? null)) push("position", before.position, after.position);
  return out;
}

/**
 * What changed from `before` to `after`, step by step (steps are matched by their stable id) and
 * field by field. Used for the version history and for AI proposals.
 */
export function diffPlans(before: Plan, after: Plan, opts: DiffOptions = {}): PlanDiff {
  const old = new Map(before.steps.map((s) => [s.id, s]));
  const now = new Set(after.steps.map((s) => s.id));
  const steps: StepDiff[] = [];
  for (const s of after.steps) {
    const prev = old.get(s.id);
    if (!prev) steps.push({ id: s.id, kind: "added", after: s, changes: [] });
    else {
      const changes = diffStep(prev, s, opts);
      if (changes.length) steps.push({ id: s.id, kind: "changed", before: prev, after: s, changes });
    }
  }
  for (const s of before.steps) if (!now.has(s.id)) steps.push({ id: s.id, kind: "removed", before: s, changes: [] });
  const diff: PlanDiff = {
    steps,
    counts: {
      added: steps.filter((s) => s.kind === "added").length,
      removed: steps.filter((s) => s.kind === "removed").length,
      changed: steps.filter((s) => s.kind === "changed").length,
    },
    same: false,
  };
  if (before.title !== after.title) diff.title = { field: "title", before: before.title, after: after.title };
  if ((before.description ?? "") !== (after.description ?? ""))
    diff.description = { field: "description", before: before.description, after: after.description };
  diff.same = steps.length === 0 && !diff.title && !diff.description;
  return diff;
}

/** "2 added, 1 removed, 3 changed" (or "no changes"). */
export function summarizeDiff(diff: PlanDiff): string {
  const parts = [
    diff.counts.added && `${diff.counts.added} added`,
    diff.counts.removed && `${diff.counts.removed} removed`,
    diff.counts.changed && `${diff.counts.changed} changed`,
    diff.title && "title changed",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "no changes";
}

/** A value as it reads in a diff: strings quoted only when empty, JSON otherwise. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return "—";
  if (typeof v === "string") return v === "" ? '""' : v;
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.length ? v.join(", ") : "none";
  return JSON.stringify(v);
}
