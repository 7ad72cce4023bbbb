import type {
  JSONSchema7,
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4FunctionTool,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { getToolDefinition, toolDefinitions } from "../../tools/registry";
import { editFromInstruction, type EditablePlan } from "./plan-edit";
import { planFromGoal } from "./plan-goal";
import { envelopes } from "../envelope";
import { lastEnvelope, material, toolOutputs, type ToolOutputSeen } from "./prompt";
import { hash, sentences } from "./text";
import { toolArguments, type StepBrief } from "./tool-args";
import { writeOutline, writePost, writeSummary, type WritingTask } from "./writer";

/**
 * The deterministic offline model: a real AI SDK provider (LanguageModelV4) that needs no network.
 * It answers planner prompts (<goal>) with a plan, plan-edit prompts (<plan> + <instruction>) with
 * the edited plan and a summary, executor prompts (a forced tool) with exactly
 * one tool call, and writing prompts (<task>) with text extracted from the conversation.
 */
export interface OfflineModelOptions {
  /** Pause between streamed chunks, so a streamed answer arrives like a model's would. */
  streamChunkDelayMs?: number;
}

const usageOf = (input: string, output: string): LanguageModelV4Usage => ({
  inputTokens: { total: Math.ceil(input.length / 4), noCache: Math.ceil(input.length / 4), cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: Math.ceil(output.length / 4), text: Math.ceil(output.length / 4), reasoning: 0 },
});

/** Strict structured output lists every property as required; absent optional values become null. */
function fillNulls(value: unknown, schema: JSONSchema7 | undefined): unknown {
  if (!schema || value === null || value === undefined) return value ?? null;
  if (schema.anyOf) {
    const branches = schema.anyOf.filter((b): b is JSONSchema7 => typeof b === "object");
    const match =
      branches.find((b) => {
        const props = (b.properties ?? {}) as Record<string, JSONSchema7>;
        return Object.entries(props).every(([k, p]) => p.const === undefined || (value as Record<string, unknown>)?.[k] === p.const);
      }) ?? branches.find((b) => b.type === "object");
    return fillNulls(value, match);
  }
  if (Array.isArray(value)) return value.map((v) => fillNulls(v, schema.items as JSONSchema7 | undefined));
  if (typeof value === "object" && schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, p] of Object.entries(schema.properties as Record<string, JSONSchema7>)) out[k] = fillNulls((value as Record<string, unknown>)[k], p);
    return out;
  }
  return value;
}

/**
 * A revision after a reviewer's rejection: the rejected output is no longer material, the
 * sentences it used are set aside so the new version differs, and "shorter"/"longer" feedback
 * changes the length budget.
 */
function revise(task: WritingTask, options: LanguageModelV4CallOptions): { task: WritingTask; outputs: ToolOutputSeen[]; avoid: Set<string> } {
  const outputs = toolOutputs(options.prompt);
  const note = lastEnvelope(options.prompt, envelopes.revision);
  if (!note) return { task, outputs, avoid: new Set() };
  const writer = toolDefinitions.find((t) => t.offline?.writesTask === task.kind)?.name;
  const own = outputs.filter((o) => o.toolName === writer);
  const avoid = new Set(own.flatMap((o) => sentences(JSON.stringify(o.output).replace(/\\n/g, "\n")).map((x) => x.slice(0, 50))));
  const feedback = (note.feedback ?? "").toLowerCase();
  const factor = /\b(shorter|concise|brief|too long|trim)\b/.test(feedback) ? 0.6 : /\b(longer|more detail|expand)\b/.test(feedback) ? 1.5 : 1;
  let revised: WritingTask = task;
  if (task.kind === "summarize" && factor !== 1) revised = { ...task, maxWords: Math.round((task.maxWords ?? 200) * factor) };
  if (task.kind === "format_post" && factor < 1) revised = { ...task, maxChars: Math.round(task.maxChars * factor) };
  return { task: revised, outputs: outputs.filter((o) => !own.includes(o)), avoid };
}

function write(task: WritingTask, options: LanguageModelV4CallOptions, goal: string): unknown {
  const r = revise(task, options);
  const mat = material(options.prompt, r.outputs).map((m) =>
    r.avoid.size
      ? sentences(m)
          .filter((x) => !r.avoid.has(x.slice(0, 50)))
          .join(" ")
      : m,
  );
  if (r.task.kind === "summarize") return writeSummary(r.task, mat, goal);
  if (r.task.kind === "outline") return writeOutline(r.task, mat, goal);
  return writePost(r.task, mat, r.outputs, goal);
}

function textOf(answer: unknown): string {
  if (typeof answer === "string") return answer;
  const a = answer as { text?: string; summary?: string; sections?: { heading: string; points: string[] }[] };
  if (a.text) return a.text;
  if (a.summary) return a.summary;
  if (a.sections) return a.sections.map((s) => `${s.heading}\n${s.points.map((p) => `- ${p}`).join("\n")}`).join("\n\n");
  return JSON.stringify(answer);
}

function respond(options: LanguageModelV4CallOptions): { content: LanguageModelV4Content[]; finish: "stop" | "tool-calls" } {
  const goal = lastEnvelope(options.prompt, envelopes.goal) ?? "";
  const functionTools = (options.tools ?? []).filter((t): t is LanguageModelV4FunctionTool => t.type === "function");
  const choice = options.toolChoice;

  if (functionTools.length && choice?.type !== "none") {
    const step: StepBrief = lastEnvelope(options.prompt, envelopes.step) ?? {};
    const name = choice?.type === "tool" ? choice.toolName : (functionTools.find((t) => t.name === step.toolName) ?? functionTools[0]!).name;
    const tool = functionTools.find((t) => t.name === name) ?? functionTools[0]!;
    const args = toolArguments(tool.inputSchema, step, goal, toolOutputs(options.prompt), getToolDefinition(tool.name)?.offline);
    const input = JSON.stringify(args);
    return {
      content: [{ type: "tool-call", toolCallId: `call_${hash(`${tool.name}:${input}:${options.prompt.length}`).toString(36)}`, toolName: tool.name, input }],
      finish: "tool-calls",
    };
  }

  const task = lastEnvelope(options.prompt, envelopes.task);
  const instruction = lastEnvelope(options.prompt, envelopes.instruction);
  const current: EditablePlan | undefined = instruction !== undefined ? lastEnvelope(options.prompt, envelopes.plan) : undefined;
  const answer = task
    ? write(task, options, goal)
    : current
      ? editFromInstruction(current, instruction!)
      : planFromGoal(goal || "Research the topic and summarize it");
  const json = options.responseFormat?.type === "json";
  const text = json ? JSON.stringify(fillNulls(answer, options.responseFormat?.type === "json" ? options.responseFormat.schema : undefined)) : textOf(answer);
  return { content: [{ type: "text", text }], finish: "stop" };
}

/** Splits text into small chunks, as a model streams tokens. */
function chunks(text: string, size = 24): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export function createOfflineModel(opts: OfflineModelOptions = {}): LanguageModelV4 {
  const delay = opts.streamChunkDelayMs ?? 0;
  return {
    specificationVersion: "v4",
    provider: "planvas.offline",
    modelId: "offline-extractive-1",
    supportedUrls: {},
    async doGenerate(options) {
      const { content, finish } = respond(options);
      const out = content.map((c) => (c.type === "text" ? c.text : c.type === "tool-call" ? c.input : "")).join("");
      return {
        content,
        finishReason: { unified: finish, raw: finish },
        usage: usageOf(JSON.stringify(options.prompt), out),
        warnings: [],
        response: { id: `offline-${hash(out).toString(36)}`, modelId: "offline-extractive-1", timestamp: new Date(0) },
      };
    },
    async doStream(options) {
      const { content, finish } = respond(options);
      const parts: LanguageModelV4StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "response-metadata", id: "offline-stream", modelId: "offline-extractive-1", timestamp: new Date(0) },
      ];
      let out = "";
      content.forEach((c, i) => {
        if (c.type === "text") {
          parts.push({ type: "text-start", id: `t${i}` });
          for (const d of chunks(c.text)) parts.push({ type: "text-delta", id: `t${i}`, delta: d });
          parts.push({ type: "text-end", id: `t${i}` });
          out += c.text;
        } else if (c.type === "tool-call") {
          parts.push({ type: "tool-input-start", id: c.toolCallId, toolName: c.toolName });
          for (const d of chunks(c.input)) parts.push({ type: "tool-input-delta", id: c.toolCallId, delta: d });
          parts.push({ type: "tool-input-end", id: c.toolCallId }, c);
          out += c.input;
        }
      });
      parts.push({ type: "finish", finishReason: { unified: finish, raw: finish }, usage: usageOf(JSON.stringify(options.prompt), out) });
      const signal = options.abortSignal;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async start(controller) {
          for (const p of parts) {
            if (signal?.aborted) break;
            if (delay && (p.type === "text-delta" || p.type === "tool-input-delta")) await new Promise((r) => setTimeout(r, delay));
            controller.enqueue(p);
          }
          controller.close();
        },
      });
      return { stream };
    },
  };
}
