import { z } from "zod";
import type { AnyTool } from "../tools/registry";

function describeInputs(tool: AnyTool): string {
  const shape = (tool.inputSchema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.entries(shape)
    .map(([k, f]) => `    - ${k}${f.safeParse(undefined).success ? " (optional)" : ""}: ${f.description ?? ""}`)
    .join("\n");
}

/** The planner's instructions: the tool catalogue and the rules a good plan follows. */
export function plannerInstructions(tools: readonly AnyTool[]): string {
  const catalogue = tools.map((t) => `- ${t.name}: ${t.description}${t.publishes ? " [publishes or has side effects]" : ""}\n${describeInputs(t)}`).join("\n");
  return `You are Planvas's planner. Turn the user's goal into a short plan of tool steps that a separate executor runs one at a time, in order; each step sees every earlier step's result.

Tools:
${catalogue}

Rules:
- Use only the tools above, exactly one tool per step, 1 to 10 steps, in execution order.
- Gather material before writing about it (search, fetch the page, call the API), then summarize or outline, then write the final copy, then make images, then deliver (webhooks) last.
- Give each step concrete static inputs derived from the goal: search queries, URLs exactly as written, platform and format, counts ("5-slide" → sections 5), topics. Use null for an input the step should decide at run time.
- requiresApproval is true for every step that publishes or has side effects (format_post, generate_image, http_request other than GET).
- Descriptions say what the step does for this goal in one sentence.`;
}

export function goalMessage(goal: string): string {
  return `<goal>${goal}</goal>`;
}
