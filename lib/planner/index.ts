import { Output, streamText, type LanguageModel, type LanguageModelUsage } from "ai";
import type { Plan } from "../plan/schema";
import type { PlanIssue } from "../plan/validate";
import { toolDefinitions } from "../tools/registry";
import { PlanningError } from "./errors";
import { inputProblems } from "./inputs";
import { notPlannedOf, plannerOutputToPlan } from "./normalize";
import { nothingToPlan } from "./refusal";
import { goalMessage, plannerInstructions } from "./prompt";
import { generateChecked } from "./retry";
import { plannerResponseSchema, type NotPlannedPart, type PlannerOutput } from "./schema";

export { notPlannedOf, plannerOutputToPlan, type PlannerDraft } from "./normalize";
export { nothingToPlan, PLANNABLE_GOAL_HINT, streamedRefusal } from "./refusal";
export type { NotPlannedPart } from "./schema";
export { editPlan, MAX_INSTRUCTION_CHARS, type PlanEditResult } from "./edit";
export { PlanningError } from "./errors";

export const MAX_GOAL_CHARS = 2000;

export interface PlanResult {
  plan: Plan;
  warnings: PlanIssue[];
  /** Parts of the goal no step does, with why (empty when the plan covers it all). */
  notPlanned: NotPlannedPart[];
  attempts: number;
  usage: LanguageModelUsage;
}

const schema = plannerResponseSchema(toolDefinitions);
const instructions = plannerInstructions(toolDefinitions);

function checkGoal(goal: string): string {
  const g = goal.trim();
  if (!g) throw new PlanningError("the goal is empty", [{ path: "goal", message: "must not be empty" }]);
  if (g.length > MAX_GOAL_CHARS)
    throw new PlanningError(`the goal is longer than ${MAX_GOAL_CHARS} characters`, [
      { path: "goal", message: `at most ${MAX_GOAL_CHARS} characters (got ${g.length})` },
    ]);
  return g;
}

/**
 * One model call plans (structured output). If the answer does not fit the schema or names
 * inputs a tool does not accept, the model is asked once more with the problem spelled out.
 */
export async function planGoal(goalText: string, opts: { model: LanguageModel; signal?: AbortSignal }): Promise<PlanResult> {
  const goal = checkGoal(goalText);
  const result = await generateChecked<PlannerOutput, Pick<PlanResult, "plan" | "warnings" | "notPlanned"> | { refused: NotPlannedPart[] }>({
    model: opts.model,
    instructions,
    request: goalMessage(goal),
    schema,
    name: "plan",
    description: "A plan of tool steps for the goal",
    signal: opts.signal,
    what: "a valid plan",
    retryMessage: (feedback) => `Your previous plan was rejected: ${feedback}\nReturn a corrected plan.`,
    accept: (output) => {
      const notPlanned = notPlannedOf(output);
      // No steps is the model's answer that nothing can be planned: a refusal, not a retry.
      if (output.steps.length === 0) return { ok: true, value: { refused: notPlanned } };
      const problems = inputProblems(output);
      const normalized = plannerOutputToPlan(output, goal);
      if (!normalized.ok) problems.push(...normalized.issues.map((i) => `${i.path}: ${i.message}`));
      return problems.length === 0 && normalized.ok
        ? { ok: true, value: { plan: normalized.plan, warnings: normalized.warnings, notPlanned } }
        : { ok: false, problems };
    },
  });
  if ("refused" in result) throw nothingToPlan(goal, result.refused);
  return result;
}

/** The same planning call, streamed: partial plans arrive as JSON text the browser parses as it grows. */
export function streamPlan(goalText: string, opts: { model: LanguageModel; signal?: AbortSignal; onError?: (error: unknown) => void }) {
  const goal = checkGoal(goalText);
  return streamText({
    model: opts.model,
    instructions,
    messages: [{ role: "user", content: goalMessage(goal) }],
    output: Output.object({ schema, name: "plan", description: "A plan of tool steps for the goal" }),
    abortSignal: opts.signal,
    // Errors arrive as stream parts; the caller decides how to report them.
    ...(opts.onError ? { onError: ({ error }: { error: unknown }) => opts.onError!(error) } : {}),
  });
}
