import { z } from "zod";
import type { AnyTool } from "../tools/registry";

/**
 * The planner's structured-output schema, built from the tools' own input schemas so the two
 * cannot drift. OpenAI's strict mode wants every property listed as required, so optional inputs
 * become nullable, free-form records are left out (the executor fills them at run time), and the
 * steps are a union of one object per tool (anyOf), never a free record.
 */
function plannerInput(tool: AnyTool): z.ZodObject {
  const shape = (tool.inputSchema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
  const out: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape)) {
    let inner: z.ZodType = field;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable) inner = (inner as z.ZodOptional).unwrap() as z.ZodType;
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
    })
    .strict();
}

export interface PlannerOutput {
  title: string;
  steps: { toolName: string; description: string; requiresApproval: boolean; input: Record<string, unknown> }[];
}
