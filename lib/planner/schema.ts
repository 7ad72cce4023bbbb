import { jsonSchema, zodSchema, type Schema } from "ai";
import { z } from "zod";
import type { AnyTool } from "../tools/registry";

/**
 * The planner's structured-output schema, built from the tools' own input schemas so the two
 * cannot drift. OpenAI's strict mode wants every property listed as required, so optional inputs
 * become nullable, free-form records are left out (the executor fills them at run time), and the
 * steps are a union of one object per tool (anyOf), never a free record.
 */
export function plannerInput(tool: AnyTool): z.ZodObject {
  const shape = (tool.inputSchema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
  const out: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape)) {
    let inner: z.ZodType = field;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable)
      inner = (inner as z.ZodOptional).unwrap() as z.ZodType;
    if (inner instanceof z.ZodRecord || inner instanceof z.ZodUnknown || inner instanceof z.ZodAny) continue;
    const description = field.description ?? inner.description;
    const nullable = inner.nullable();
    out[key] = description ? nullable.describe(description) : nullable;
  }
  return z.object(out).strict();
}

export function plannerOutputSchema(tools: readonly AnyTool[]) {
  const steps = tools.map((t) =>
    z
      .object({
        toolName: z.literal(t.name),
        description: z.string().describe("What this step does, in one sentence, specific to the goal"),
        requiresApproval: z.boolean().describe("true when a person must approve the output before the run continues"),
        input: plannerInput(t).describe(`Static inputs for ${t.name}, derived from the goal; null where the step should decide at run time`),
      })
      .strict(),
  );
  return z
    .object({
      title: z.string().describe("A short title for the plan"),
      steps: z.array(z.union(steps as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]])).describe("The steps in execution order; each uses exactly one tool"),
      notPlanned: notPlannedSchema,
    })
    .strict();
}

/**
 * What the planner sends and accepts: the strict schema above for the model (every property
 * required), while an answer without notPlanned — from a model or server that ignores strict
 * mode, or written before the field existed — still parses, as "nothing left out".
 */
export function plannerResponseSchema(tools: readonly AnyTool[]): Schema<PlannerOutput> {
  const strict = plannerOutputSchema(tools);
  const lenient = strict.extend({ notPlanned: notPlannedSchema.nullish().transform((v) => v ?? []) });
  return jsonSchema<PlannerOutput>(() => zodSchema(strict).jsonSchema, {
    validate: (value) => {
      const r = lenient.safeParse(value);
      return r.success ? { success: true, value: r.data as PlannerOutput } : { success: false, error: r.error };
    },
  });
}

/**
 * The parts of the goal no step covers, each with why: said out loud instead of dropped or faked.
 * Required (strict mode), so a model that planned everything answers an empty list.
 */
export const notPlannedSchema = z
  .array(
    z
      .object({
        part: z.string().describe('The part of the goal, in the goal\'s own words, e.g. "tag the customer in the CRM"'),
        reason: z.string().describe('Why no step does it, e.g. "no tool for that"'),
      })
      .strict(),
  )
  .describe("Every part of the goal that no step does, with the reason; empty when the steps cover the whole goal");

export interface NotPlannedPart {
  part: string;
  reason: string;
}

export interface PlannerOutput {
  title: string;
  steps: { toolName: string; description: string; requiresApproval: boolean; input: Record<string, unknown> }[];
  /** Absent in answers from before the field existed: read as none. */
  notPlanned?: NotPlannedPart[];
}

/**
 * The plan editor's structured-output schema: the whole plan after the change, every step with its
 * id (kept for existing steps, new for added ones) and its dependencies, plus a summary. Same
 * strict-mode rules as the planner: one object per tool, nullable optional inputs, no free records.
 */
export function planEditOutputSchema(tools: readonly AnyTool[]) {
  const steps = tools.map((t) =>
    z
      .object({
        id: z.string().describe("The step's id: unchanged for a step that already exists; a new unique id (lowercase letters, digits, _) for a new step"),
        toolName: z.literal(t.name),
        description: z.string().describe("What this step does, in one sentence"),
        requiresApproval: z.boolean().describe("true when a person must approve the output before the run continues"),
        input: plannerInput(t).describe(
          `Static inputs for ${t.name}; repeat an existing step's inputs unchanged unless the instruction changes them; null where the step should decide at run time`,
        ),
        dependsOn: z.array(z.string()).describe("Ids of the steps this one waits for"),
      })
      .strict(),
  );
  return z
    .object({
      summary: z.string().describe("One or two sentences for the user: what you changed, or why the instruction could not be done with these tools"),
      title: z.string().describe("The plan's title (unchanged unless the instruction renames it)"),
      steps: z
        .array(z.union(steps as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]))
        .describe("Every step of the plan after the change, in execution order"),
    })
    .strict();
}

export interface PlanEditOutput {
  summary: string;
  title: string;
  steps: { id: string; toolName: string; description: string; requiresApproval: boolean; input: Record<string, unknown> | null; dependsOn: string[] }[];
}
