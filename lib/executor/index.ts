import { isStepCount, tool, ToolLoopAgent, zodSchema, type LanguageModel, type LanguageModelUsage, type ModelMessage, type ToolSet } from "ai";
import type { z } from "zod";
import { envelopes } from "../ai/envelope";
import type { PlanStep } from "../plan/schema";
import { getToolDefinition, type AnyTool } from "../tools/registry";
import type { ToolContext } from "../tools/types";

export { goalMessage } from "../planner/prompt";

/** `retriable: false` = running it again cannot help (bad input, unknown tool). */
export class StepExecutionError extends Error {
  constructor(
    message: string,
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StepExecutionError";
  }
}

export interface StepExecution {
  toolCall: { toolCallId: string; toolName: string; input: Record<string, unknown> };
  output: unknown;
  /** The assistant tool call and its tool result: what later steps see in their history. */
  messages: ModelMessage[];
  usage: LanguageModelUsage;
  timing: { startedAt: string; finishedAt: string; durationMs: number; toolMs: number };
}

export interface ExecuteOptions {
  model: LanguageModel;
  /** Everything a tool needs but the history (the executor passes the step's own history). */
  context: Omit<ToolContext, "history" | "signal">;
  signal?: AbortSignal;
  /** Where to find tools; the registry by default (tests pass their own). */
  resolveTool?: (name: string) => AnyTool | undefined;
}

const INSTRUCTIONS =
  "You execute exactly one step of a plan by calling the one tool you are given, once. The conversation so far is your state: earlier steps' calls and results. Fill the tool's inputs from the step, the goal and that history.";

const zodMessage = (e: z.ZodError) => e.issues.map((i) => `${i.path.join(".") || "(input)"}: ${i.message}`).join("; ");

export interface ProposedCall {
  toolCallId: string;
  toolName: string;
  /** The model's arguments with the plan's static inputs applied over them. */
  input: Record<string, unknown>;
  /** The assistant message(s) that made the call, with `input` as it will run. */
  messages: ModelMessage[];
  usage: LanguageModelUsage;
}

/** The message that hands the model its step: the step's envelope, then the order to run it. */
export function stepMessage(toolName: string, step: Pick<PlanStep, "description" | "input">): string {
  return `${envelopes.step.build({ toolName, description: step.description, input: step.input })}\nRun this step now with the ${toolName} tool.`;
}

function resolve(step: Pick<PlanStep, "id" | "toolName">, opts: Pick<ExecuteOptions, "resolveTool">): AnyTool {
  const def = (opts.resolveTool ?? getToolDefinition)(step.toolName);
  if (!def) throw new StepExecutionError(`step ${step.id}: unknown tool "${step.toolName}"`, false);
  return def;
}

/**
 * The model's view of a tool, made once per tool: the AI SDK converts a zod schema to JSON Schema on
 * every call it is given raw (0.1–0.25 ms a step); a schema wrapper keeps the converted one.
 */
const toolSets = new WeakMap<AnyTool, ToolSet>();
function toolSetOf(def: AnyTool): ToolSet {
  let set = toolSets.get(def);
  if (!set) toolSets.set(def, (set = { [def.name]: tool({ description: def.description, inputSchema: zodSchema(def.inputSchema) }) }));
  return set;
}

/**
 * The model half of a step: a fresh agent that can call only the step's tool, exactly once — the
 * tool is forced, parallel calls are off, the loop stops after one model step — and whose tool has
 * no `execute`, so nothing runs yet. The answer is checked to hold a single call; the plan's static
 * inputs win over whatever the model filled in. Side-effecting steps are approved at this point,
 * before `runProposedCall` performs them.
 */
export async function proposeStepCall(
  step: Pick<PlanStep, "id" | "toolName" | "description" | "input">,
  history: ModelMessage[],
  opts: Omit<ExecuteOptions, "context">,
): Promise<ProposedCall> {
  const def = resolve(step, opts);
  const agent = new ToolLoopAgent({
    model: opts.model,
    instructions: INSTRUCTIONS,
    tools: toolSetOf(def),
    toolChoice: { type: "tool", toolName: def.name },
    stopWhen: isStepCount(1),
    providerOptions: { openai: { parallelToolCalls: false } },
  });
  const result = await agent.generate({
    messages: [...history, { role: "user", content: stepMessage(def.name, step) }],
    abortSignal: opts.signal,
  });
  const calls = result.toolCalls;
  if (calls.length !== 1) throw new StepExecutionError(`step ${step.id}: expected exactly one call of ${def.name}, the model made ${calls.length}`, true);
  const call = calls[0]!;
  const input = { ...(call.input as Record<string, unknown>), ...step.input };
  const parsed = def.inputSchema.safeParse(input);
  if (!parsed.success) throw new StepExecutionError(`step ${step.id}: invalid input for ${def.name}: ${zodMessage(parsed.error)}`, false);
  // Later steps must see the inputs that actually ran, not the ones the model proposed.
  const messages = result.responseMessages.map((m) =>
    m.role === "assistant" && Array.isArray(m.content)
      ? { ...m, content: m.content.map((p) => (p.type === "tool-call" && p.toolCallId === call.toolCallId ? { ...p, input } : p)) }
      : m,
  ) as ModelMessage[];
  return { toolCallId: call.toolCallId, toolName: def.name, input, messages, usage: result.usage };
}

/** The tool half of a step: runs the (approved) call and appends its result to the messages. */
export async function runProposedCall(
  step: Pick<PlanStep, "id" | "toolName">,
  call: Pick<ProposedCall, "toolCallId" | "input" | "messages">,
  history: ModelMessage[],
  opts: Pick<ExecuteOptions, "context" | "signal" | "resolveTool">,
): Promise<{ output: unknown; messages: ModelMessage[]; toolMs: number }> {
  const def = resolve(step, opts);
  const parsed = def.inputSchema.safeParse(call.input);
  if (!parsed.success) throw new StepExecutionError(`step ${step.id}: invalid input for ${def.name}: ${zodMessage(parsed.error)}`, false);
  const t0 = Date.now();
  const output = def.outputSchema.parse(await def.execute(parsed.data, { ...opts.context, history, signal: opts.signal ?? new AbortController().signal }));
  const toolMs = Date.now() - t0;
  const messages: ModelMessage[] = [
    ...call.messages,
    { role: "tool", content: [{ type: "tool-result", toolCallId: call.toolCallId, toolName: def.name, output: { type: "json", value: output as never } }] },
  ];
  return { output, messages, toolMs };
}

/** One whole step: propose the call, then run it. */
export async function executeStep(
  step: Pick<PlanStep, "id" | "toolName" | "description" | "input">,
  history: ModelMessage[],
  opts: ExecuteOptions,
): Promise<StepExecution> {
  const started = Date.now();
  const call = await proposeStepCall(step, history, opts);
  const { output, messages, toolMs } = await runProposedCall(step, call, history, opts);
  const finished = Date.now();
  return {
    toolCall: { toolCallId: call.toolCallId, toolName: call.toolName, input: call.input },
    output,
    messages,
    usage: call.usage,
    timing: { startedAt: new Date(started).toISOString(), finishedAt: new Date(finished).toISOString(), durationMs: finished - started, toolMs },
  };
}
