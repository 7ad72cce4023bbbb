import { z } from "zod";
import { envelopes, type PlanEnvelope } from "../ai/envelope";
import type { AnyTool } from "../tools/registry";

function describeInputs(tool: AnyTool): string {
  const shape = (tool.inputSchema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.entries(shape)
    .map(([k, f]) => `    - ${k}${f.safeParse(undefined).success ? " (optional)" : ""}: ${f.description ?? ""}`)
    .join("\n");
}

/** Which steps must be approval-gated, in the tools' own words: "format_post, generate_image, http_request other than GET". */
function publishingTools(tools: readonly AnyTool[]): string {
  return tools
    .filter((t) => t.publishes)
    .map((t) => (t.sideEffect ? `${t.name} ${t.sideEffect.described}` : t.name))
    .join(", ");
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
- requiresApproval is true for every step that publishes or has side effects (${publishingTools(tools)}).
- Descriptions say what the step does for this goal in one sentence.
- Keep the goal's whole subject: lists ("Notion, Obsidian and Logseq") and quoted titles go into queries and topics complete.
- Search the web first when the goal needs facts it does not contain: comparisons, news, "latest", "top", trends, history, "what is".
- A URL the goal reads from is a fetch_url step (or an http_request GET for an API); a URL it posts, sends or delivers to is an http_request whose method follows the verb: delete/remove → DELETE, update/change → PUT or PATCH, create/send/post/notify → POST.
- Honour counts: "5-slide", "ten tips", "a 4-part course" → sections; "in 100 words" → maxWords; "8 articles" → maxResults.
- Never drop or fake a part of the goal no tool can do (a CRM, email, a calendar, a database, anything physical): leave it out of the steps and list it in notPlanned with the reason, e.g. { "part": "tag the customer in the CRM", "reason": "no tool for that" }. notPlanned is empty when the steps cover the whole goal.
- Add no step that has nothing to work on (no summarize without something gathered before it).
- If nothing in the goal can be planned (a greeting, a test, random characters, or only parts no tool can do), return no steps and say why in notPlanned.`;
}

export function goalMessage(goal: string): string {
  return envelopes.goal.build(goal);
}

/** The plan editor's instructions: same catalogue, rules for changing an existing plan. */
export function planEditInstructions(tools: readonly AnyTool[]): string {
  const catalogue = tools.map((t) => `- ${t.name}: ${t.description}${t.publishes ? " [publishes or has side effects]" : ""}\n${describeInputs(t)}`).join("\n");
  return `You are Planvas's plan editor. You get a plan of tool steps (<plan>, JSON) and an instruction (<instruction>). Return the whole plan after making exactly the change the instruction asks for; the user reviews your answer as a diff before anything changes.
Tools:
${catalogue}
Rules:
- Keep every step the instruction does not touch exactly as it is: same id, tool, description, requiresApproval, inputs and dependsOn.
- A new step gets a new unique id and the tool closest to what was asked (translating or rewriting text is a format_post step whose topic and tone say so, e.g. "in Spanish").
- "Before X" means the new step takes X's dependencies and X now depends on the new step; "after X" means the new step depends on X and the steps that depended on X now depend on the new step. "Before publishing" means after the final copy is written and before it is delivered.
- Removing a step reconnects the steps that depended on it to its own dependencies.
- requiresApproval is true for every step that publishes or has side effects (${publishingTools(tools)}) unless the instruction explicitly turns it off.
- The summary says in one or two sentences what you changed. If the instruction cannot be done with these tools, return the plan unchanged and say so in the summary.`;
}

export function planEditMessage(plan: PlanEnvelope, instruction: string): string {
  const compact: PlanEnvelope = {
    title: plan.title,
    steps: plan.steps.map(({ id, toolName, description, requiresApproval, input, dependsOn }) => ({
      id,
      toolName,
      description,
      requiresApproval,
      input,
      dependsOn,
    })),
  };
  return `${envelopes.plan.build(compact)}\n${envelopes.instruction.build(instruction)}`;
}
