import type { NotPlannedPart } from "@/lib/planner/schema";

export interface PlannerFailure {
  message: string;
  /** The goal itself was refused (nothing to plan), as opposed to the model or the network failing. */
  refused: boolean;
  /** What a plannable goal looks like, from the server's issue on `goal`. */
  hint?: string;
  notPlanned: NotPlannedPart[];
}

/**
 * What a failed planner request said. The streaming client hands over the response body as the
 * error's message; a JSON error body names its issues and, for a refused goal, what was not planned.
 */
export function plannerFailure(message: string): PlannerFailure {
  try {
    const body = JSON.parse(message) as { error?: unknown; issues?: { path?: unknown; message?: unknown }[]; notPlanned?: unknown };
    if (typeof body?.error !== "string") throw new Error("not an error body");
    const goalIssue = (Array.isArray(body.issues) ? body.issues : []).find((i) => i?.path === "goal" && typeof i.message === "string");
    const notPlanned = (Array.isArray(body.notPlanned) ? body.notPlanned : []).flatMap((p: { part?: unknown; reason?: unknown }) =>
      typeof p?.part === "string" && typeof p.reason === "string" ? [{ part: p.part, reason: p.reason }] : [],
    );
    return { message: body.error, refused: !!goalIssue, hint: goalIssue ? (goalIssue.message as string) : undefined, notPlanned };
  } catch {
    return { message, refused: false, notPlanned: [] };
  }
}
