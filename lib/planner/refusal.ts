import { parsePartialJson } from "ai";
import { PlanningError } from "./errors";
import { notPlannedOf, type PlannerDraft } from "./normalize";
import type { NotPlannedPart } from "./schema";

/** What a plannable goal looks like, for every refusal to quote. */
export const PLANNABLE_GOAL_HINT = 'say what to research, read, write, make or send — e.g. "Research AI trends and write a LinkedIn carousel"';

/**
 * A goal whose answer has no steps: nothing in it maps to a tool. A 422 naming `goal`, carrying
 * the parts the model could not plan, rather than an empty plan or a made-up one.
 */
export function nothingToPlan(goal: string, notPlanned: NotPlannedPart[]): PlanningError {
  const why = notPlanned.map((p) => (p.part.trim() && p.part.trim() !== goal.trim() ? `${p.part} — ${p.reason}` : p.reason)).join("; ");
  const shown = goal.length > 60 ? `${goal.slice(0, 57)}…` : goal;
  return new PlanningError(
    `nothing to plan in “${shown}”${why ? `: ${why}` : ""}`,
    [{ path: "goal", message: `has nothing a tool can do; ${PLANNABLE_GOAL_HINT}` }],
    notPlanned,
  );
}

/**
 * For a streamed plan: start streaming once the first step appears; an answer that ends with no
 * step is the same refusal planGoal gives, so the client gets a 422 rather than an empty plan.
 */
export async function streamedRefusal(text: string, done: boolean, goal: string): Promise<"wait" | "stream" | PlanningError> {
  const { value } = await parsePartialJson(text);
  const draft = value && typeof value === "object" && !Array.isArray(value) ? (value as PlannerDraft) : undefined;
  const steps = draft?.steps;
  if (Array.isArray(steps) && steps.some((s) => !!s && typeof s === "object" && typeof s.toolName === "string")) return "stream";
  if (!done) return "wait";
  if (draft && Array.isArray(steps) && steps.length === 0) return nothingToPlan(goal.trim(), notPlannedOf(draft));
  return "stream";
}
