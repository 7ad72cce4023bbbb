import { PlanningError } from "./errors";
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
