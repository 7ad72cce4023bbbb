import type { LanguageModel, LanguageModelUsage } from "ai";
import { diffStep } from "../plan/diff";
import { uniqueStepId } from "../plan/edit";
import { STEP_ID_PATTERN, type Plan, type PlanStep } from "../plan/schema";
import { validatePlan, type PlanIssue } from "../plan/validate";
import { stepPublishes } from "../tools/catalog";
import { toolDefinitions } from "../tools/registry";
import { inputProblems } from "./inputs";
import { PlanningError } from "./errors";
import { planEditInstructions, planEditMessage } from "./prompt";
import { generateChecked } from "./retry";
import { planEditOutputSchema, type PlanEditOutput } from "./schema";

export const MAX_INSTRUCTION_CHARS = 2000;

export interface PlanEditResult {
  /** The whole plan after the change: the client reviews it as a diff against the current plan. */
  proposal: Plan;
  summary: string;
  warnings: PlanIssue[];
  attempts: number;
  usage: LanguageModelUsage;
}

const schema = planEditOutputSchema(toolDefinitions);
const instructions = planEditInstructions(toolDefinitions);

const dropNulls = (input: Record<string, unknown> | null | undefined) =>
  Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== null && v !== undefined));

/**
 * The model's answer → a plan: existing steps keep what the model cannot express (saved position,
 * approval timeout, record inputs such as headers) and their provenance unless their content
 * changed; new steps are the AI's, and publishing ones are gated.
 */
export function editOutputToPlan(output: PlanEditOutput, current: Plan): { ok: true; plan: Plan; warnings: PlanIssue[] } | { ok: false; issues: PlanIssue[] } {
  const old = new Map(current.steps.map((s) => [s.id, s]));
  const taken = new Set<string>();
  const rename = new Map<string, string>();
  const steps: PlanStep[] = output.steps.map((raw, i) => {
    let id = raw.id?.trim() ?? "";
    if (!STEP_ID_PATTERN.test(id) || taken.has(id)) id = uniqueStepId(STEP_ID_PATTERN.test(id) ? id : raw.toolName, new Set([...taken, ...old.keys()]));
    if (raw.id && raw.id !== id && !rename.has(raw.id)) rename.set(raw.id, id);
    taken.add(id);
    const prev = old.get(id);
    let input = dropNulls(raw.input);
    if (prev && prev.toolName === raw.toolName) {
      // Inputs the structured output cannot carry (free-form records) come from the current step.
      for (const [k, v] of Object.entries(prev.input))
        if (!(k in input) && v !== null && typeof v === "object" && !Array.isArray(v)) input = { ...input, [k]: v };
    }
    const step: PlanStep = {
      stepIndex: i,
      toolName: raw.toolName,
      description: raw.description,
      requiresApproval: prev ? raw.requiresApproval : stepPublishes(raw.toolName, input) || raw.requiresApproval,
      id,
      input,
      dependsOn: raw.dependsOn ?? [],
    };
    if (prev?.position) step.position = prev.position;
    if (prev?.approvalTimeout) step.approvalTimeout = prev.approvalTimeout;
    if (prev?.approvalRule) step.approvalRule = prev.approvalRule;
    if (!prev) step.origin = "ai";
    else if (diffStep(prev, step).some((c) => c.field !== "dependsOn")) step.origin = "ai";
    else if (prev.origin) step.origin = prev.origin;
    return step;
  });
  for (const s of steps) s.dependsOn = [...new Set(s.dependsOn.map((d) => rename.get(d) ?? d))];
  const title = output.title?.trim() || current.title;
  const r = validatePlan({ title: title.slice(0, 200), ...(current.description !== undefined ? { description: current.description } : {}), steps });
  return r;
}

function checkInstruction(text: string): string {
  const t = text.trim();
  if (!t) throw new PlanningError("the instruction is empty", [{ path: "instruction", message: "must not be empty" }]);
  if (t.length > MAX_INSTRUCTION_CHARS)
    throw new PlanningError(`the instruction is longer than ${MAX_INSTRUCTION_CHARS} characters`, [
      { path: "instruction", message: `at most ${MAX_INSTRUCTION_CHARS} characters (got ${t.length})` },
    ]);
  return t;
}

/**
 * Asks the model to change a plan (structured output: the whole plan after the change and a
 * summary). The answer is validated — inputs against the tools' schemas, ids, dependencies, cycles —
 * and the model is asked once more with the problem spelled out, as for planning.
 */
export async function editPlan(current: Plan, instructionText: string, opts: { model: LanguageModel; signal?: AbortSignal }): Promise<PlanEditResult> {
  const instruction = checkInstruction(instructionText);
  return generateChecked<PlanEditOutput, Pick<PlanEditResult, "proposal" | "summary" | "warnings">>({
    model: opts.model,
    instructions,
    request: planEditMessage(current, instruction),
    schema,
    name: "plan_edit",
    description: "The plan after the change, and a summary of the change",
    signal: opts.signal,
    what: "a valid edit",
    retryMessage: (feedback) => `Your previous answer was rejected: ${feedback}\nReturn a corrected plan.`,
    accept: (output) => {
      const problems = inputProblems(output);
      const normalized = editOutputToPlan(output, current);
      if (!normalized.ok) problems.push(...normalized.issues.map((i) => `${i.path}: ${i.message}`));
      return problems.length === 0 && normalized.ok
        ? { ok: true, value: { proposal: normalized.plan, summary: output.summary.trim(), warnings: normalized.warnings } }
        : { ok: false, problems };
    },
  });
}
