// Browser-safe: upgrading a plan made from template v1 to v2 while keeping the plan's own edits — a
// three-way merge, step by step (steps are matched by id) and field by field: a field only one side
// changed takes that side's value; a field both changed to different values is a conflict the user
// resolves per step ("keep mine" / "take the template's"). A step one side removed and the other
// changed is a conflict too. Nothing is decided silently: every step's outcome is reported.
import { jsonEqual } from "../plan/diff";
import type { Plan, PlanStep } from "../plan/schema";

type Field = "toolName" | "description" | "requiresApproval" | "approvalTimeout" | "approvalRule" | "dependsOn" | `input.${string}`;

export type StepOutcome =
  | { id: string; kind: "unchanged" | "template" | "mine" | "merged" | "added_by_template" | "added_by_me" | "removed_by_template" | "removed_by_me" }
  | { id: string; kind: "conflict"; fields: Field[] }
  | { id: string; kind: "conflict_removed"; removedBy: "template" | "me" };

export interface MergeResult {
  /** The merged plan with every conflict resolved by `choices` (default: keep mine). */
  plan: Plan;
  steps: StepOutcome[];
  conflicts: string[];
}

const get = (s: PlanStep, f: Field): unknown => {
  if (f.startsWith("input.")) return s.input[f.slice(6)];
  if (f === "dependsOn") return [...s.dependsOn].sort();
  return s[f as Exclude<Field, `input.${string}`>];
};

function fieldsOf(...steps: PlanStep[]): Field[] {
  const inputs = new Set(steps.flatMap((s) => Object.keys(s.input)));
  return ["toolName", "description", "requiresApproval", "approvalTimeout", "approvalRule", "dependsOn", ...[...inputs].map((k) => `input.${k}` as Field)];
}

function setField(s: PlanStep, f: Field, value: unknown) {
  if (f.startsWith("input.")) {
    if (value === undefined) delete s.input[f.slice(6)];
    else s.input[f.slice(6)] = value;
  } else if (f === "dependsOn") s.dependsOn = [...(value as string[])];
  else if (value === undefined) delete (s as unknown as Record<string, unknown>)[f];
  else (s as unknown as Record<string, unknown>)[f] = value;
}

/**
 * Merges the template's change (base → theirs) into the plan (ours). `choices` settles conflicts per
 * step id; a conflict without a choice keeps the plan's own step.
 */
export function threeWayMerge(base: Plan, theirs: Plan, ours: Plan, choices: Record<string, "mine" | "template"> = {}): MergeResult {
  const B = new Map(base.steps.map((s) => [s.id, s]));
  const T = new Map(theirs.steps.map((s) => [s.id, s]));
  const O = new Map(ours.steps.map((s) => [s.id, s]));
  const outcomes: StepOutcome[] = [];
  const merged = new Map<string, PlanStep>();
  // Order: the template's new order, with the plan's own additions after the step they followed.
  const ids = [...theirs.steps.map((s) => s.id)];
  ours.steps.forEach((s, i) => {
    if (ids.includes(s.id) || B.has(s.id)) return;
    const prev = ours.steps
      .slice(0, i)
      .reverse()
      .find((p) => ids.includes(p.id));
    ids.splice(prev ? ids.indexOf(prev.id) + 1 : 0, 0, s.id);
  });
  for (const s of ours.steps) if (B.has(s.id) && !T.has(s.id) && !ids.includes(s.id)) ids.push(s.id);

  for (const id of ids) {
    const b = B.get(id);
    const t = T.get(id);
    const o = O.get(id);
    const choice = choices[id];
    if (!b) {
      const keep = (kept: PlanStep, kind: StepOutcome["kind"]) => {
        merged.set(id, structuredClone(kept));
        outcomes.push({ id, kind } as StepOutcome);
      };
      if (t && o) {
        // Both added a step with this id: the same step is no conflict.
        const differ = fieldsOf(t, o).filter((f) => !jsonEqual(get(t, f), get(o, f)));
        if (!differ.length) keep(o, "merged");
        else {
          outcomes.push({ id, kind: "conflict", fields: differ });
          merged.set(id, structuredClone(choice === "template" ? t : o));
        }
      } else if (t) keep(t, "added_by_template");
      else if (o) keep(o, "added_by_me");
      continue;
    }
    if (!t && !o) continue; // removed on both sides
    if (!t || !o) {
      const kept = (t ?? o)!;
      const keptChanged = fieldsOf(b, kept).some((f) => !jsonEqual(get(b, f), get(kept, f)));
      if (!keptChanged) {
        outcomes.push({ id, kind: t ? "removed_by_me" : "removed_by_template" });
        continue;
      }
      outcomes.push({ id, kind: "conflict_removed", removedBy: t ? "me" : "template" });
      // Default keeps the plan as it is: its removal stands, or its edited step stays.
      const keep = choice === "template" ? t : o;
      if (keep) merged.set(id, structuredClone(keep));
      continue;
    }
    const step = structuredClone(o);
    const conflicts: Field[] = [];
    let fromTemplate = false;
    let fromMe = false;
    for (const f of fieldsOf(b, t, o)) {
      const [vb, vt, vo] = [get(b, f), get(t, f), get(o, f)];
      if (jsonEqual(vt, vo)) continue;
      if (jsonEqual(vo, vb)) {
        setField(step, f, vt);
        fromTemplate = true;
      } else if (jsonEqual(vt, vb)) fromMe = true;
      else conflicts.push(f);
    }
    if (conflicts.length) {
      outcomes.push({ id, kind: "conflict", fields: conflicts });
      if (choice === "template") for (const f of conflicts) setField(step, f, get(t, f));
    } else outcomes.push({ id, kind: fromTemplate && fromMe ? "merged" : fromTemplate ? "template" : fromMe ? "mine" : "unchanged" });
    merged.set(id, step);
  }

  const steps = [...merged.values()];
  const present = new Set(steps.map((s) => s.id));
  steps.forEach((s, i) => {
    s.stepIndex = i;
    s.dependsOn = s.dependsOn.filter((d) => present.has(d));
  });
  const title = ours.title !== base.title ? ours.title : theirs.title;
  return {
    plan: { ...ours, title, steps },
    steps: outcomes,
    conflicts: outcomes.filter((o) => o.kind === "conflict" || o.kind === "conflict_removed").map((o) => o.id),
  };
}
