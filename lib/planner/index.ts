import { generateText, NoObjectGeneratedError, Output, streamText, type LanguageModel, type LanguageModelUsage } from "ai";
import type { z } from "zod";
import { formatPath } from "../plan/path";
import type { Plan } from "../plan/schema";
import type { PlanIssue } from "../plan/validate";
import { getToolDefinition, toolDefinitions } from "../tools/registry";
import { plannerOutputToPlan } from "./normalize";
import { goalMessage, plannerInstructions } from "./prompt";
import { plannerOutputSchema, type PlannerOutput } from "./schema";

export { plannerOutputToPlan, type PlannerDraft } from "./normalize";

export const MAX_GOAL_CHARS = 2000;

export class PlanningError extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "PlanningError";
  }
}

export interface PlanResult {
  plan: Plan;
  warnings: PlanIssue[];
  attempts: number;
  usage: LanguageModelUsage;
}

const schema = plannerOutputSchema(toolDefinitions);
const instructions = plannerInstructions(toolDefinitions);

/** Static inputs must fit the tool's input schema (fields may be missing: the executor fills them). */
function inputProblems(output: PlannerOutput): string[] {
  return output.steps.flatMap((s, i) => {
    const def = getToolDefinition(s.toolName);
    if (!def) return [`steps[${i}].toolName: unknown tool "${s.toolName}"`];
    const shape = (def.inputSchema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
    return Object.entries(s.input ?? {}).flatMap(([key, value]) => {
      if (value === null) return [];
      const field = shape[key];
      if (!field) return [`steps[${i}].input.${key}: ${s.toolName} has no input "${key}"`];
      const r = field.safeParse(value);
      return r.success ? [] : r.error.issues.map((iss) => `steps[${i}].input.${[key, ...iss.path].join(".")}: ${iss.message}`);
    });
  });
}

/** Why structured output failed, with the schema paths when the cause is a validation error. */
function schemaFailure(e: NoObjectGeneratedError): string {
  let cause: unknown = e.cause;
  while (cause && typeof cause === "object") {
    const issues = (cause as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    if (Array.isArray(issues)) return issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; ");
    cause = (cause as { cause?: unknown }).cause;
  }
  return e.message;
}

function checkGoal(goal: string): string {
  const g = goal.trim();
  if (!g) throw new PlanningError("the goal is empty", [{ path: "goal", message: "must not be empty" }]);
  if (g.length > MAX_GOAL_CHARS) throw new PlanningError(`the goal is longer than ${MAX_GOAL_CHARS} characters`, [{ path: "goal", message: `at most ${MAX_GOAL_CHARS} characters (got ${g.length})` }]);
  return g;
}

/**
 * One model call plans (structured output). If the answer does not fit the schema or names
 * inputs a tool does not accept, the model is asked once more with the problem spelled out.
 */
export async function planGoal(goalText: string, opts: { model: LanguageModel; signal?: AbortSignal }): Promise<PlanResult> {
  const goal = checkGoal(goalText);
  let feedback: string | undefined;
  let lastError = "";
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      const res = await generateText({
        model: opts.model,
        instructions,
        messages: [
          { role: "user", content: goalMessage(goal) },
          ...(feedback ? [{ role: "user" as const, content: `Your previous plan was rejected: ${feedback}\nReturn a corrected plan.` }] : []),
        ],
        output: Output.object({ schema, name: "plan", description: "A plan of tool steps for the goal" }),
        abortSignal: opts.signal,
      });
      const output = res.output as PlannerOutput;
      const problems = inputProblems(output);
      const normalized = plannerOutputToPlan(output, goal);
      if (!normalized.ok) problems.push(...normalized.issues.map((i) => `${i.path}: ${i.message}`));
      if (problems.length === 0 && normalized.ok) return { plan: normalized.plan, warnings: normalized.warnings, attempts: attempt, usage: res.usage };
      lastError = problems.join("; ");
      feedback = lastError;
    } catch (e) {
      if (!NoObjectGeneratedError.isInstance(e)) throw e;
      const why = schemaFailure(e);
      lastError = `${why}${e.text ? ` (answer began: ${e.text.slice(0, 200)})` : ""}`;
      feedback = `it did not match the required JSON schema: ${why}`;
    }
  }
  throw new PlanningError(`the model could not produce a valid plan: ${lastError}`);
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
