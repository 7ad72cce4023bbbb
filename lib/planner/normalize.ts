import { stepPublishes } from "../tools/catalog";
import type { PlanIssue } from "../plan/validate";
import { validatePlan } from "../plan/validate";
import type { Plan } from "../plan/schema";
import type { NotPlannedPart } from "./schema";

/** Partial planner output as it streams in (every field may still be missing). */
export interface PlannerDraft {
  title?: string;
  steps?: ({ toolName?: string; description?: string; requiresApproval?: boolean; input?: Record<string, unknown> | null } | undefined)[];
  notPlanned?: ({ part?: string; reason?: string } | undefined)[] | null;
}

/** The parts the planner could not map, from a (possibly partial) answer; absent means none. */
export function notPlannedOf(draft: PlannerDraft): NotPlannedPart[] {
  return (draft.notPlanned ?? []).flatMap((p) => (p?.part?.trim() ? [{ part: p.part.trim(), reason: p.reason?.trim() || "no tool for that" }] : []));
}

const dropNulls = (input: Record<string, unknown> | null | undefined) =>
  Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== null && v !== undefined));

/**
 * Planner output → a validated Planvas plan: nulls dropped, stepIndex assigned, a chain of
 * dependencies, and every publishing step approval-gated whatever the model said. Browser-safe, so
 * the canvas can show a streaming plan with the same rules the server applies. Every step is marked
 * as written by the AI (`origin: "ai"`).
 */
export function plannerOutputToPlan(draft: PlannerDraft, goal: string): { ok: true; plan: Plan; warnings: PlanIssue[] } | { ok: false; issues: PlanIssue[] } {
  const steps = (draft.steps ?? [])
    .filter((s): s is NonNullable<typeof s> => !!s?.toolName && !!s.description)
    .map((s, i) => {
      const input = dropNulls(s.input);
      return {
        stepIndex: i,
        toolName: s.toolName!,
        description: s.description!,
        requiresApproval: stepPublishes(s.toolName!, input) || !!s.requiresApproval,
        input,
        origin: "ai" as const,
      };
    });
  const title = draft.title?.trim() || goal.slice(0, 80) || "Untitled plan";
  return validatePlan({ title: title.slice(0, 200), steps });
}
