import type {
  JSONSchema7,
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4FunctionTool,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { getToolDefinition } from "../../tools/registry";
import { OFFLINE_PROVIDER } from "./types";
import { editFromInstruction, type EditablePlan } from "./plan-edit";
import { planFromGoal } from "./plan-goal";
import { envelopes } from "../envelope";
import { lastEnvelope, material, revisionsIn, toolOutputs } from "./prompt";
import { CONFIGURE_MODEL, parseFeedback, type FeedbackRequest } from "./feedback";
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
 * A writing task, first version or revision. A revision applies the feedback of every rejection so
 * far (parseFeedback): the rejected versions are no longer material, and their sentences are set
 * aside only when another angle is asked for. Feedback it cannot act on changes nothing and says so
 * in the notes — the run then shows that the revision equals the one before (lib/runs/revisions.ts).
 */
function write(task: WritingTask, options: LanguageModelV4CallOptions, goal: string): unknown {
  const { revisions, outputs } = revisionsIn(options.prompt);
  const feedback = revisions.map((r) => parseFeedback(r.feedback));
  const rejected = new Set(
    revisions.flatMap((r) => (r.rejected ? sentences(JSON.stringify(r.rejected.output).replace(/\\n/g, "\n")).map((x) => x.slice(0, 50)) : [])),
  );
  const mat = material(options.prompt, outputs);
  const opts = { feedback, rejected };
  const answer: { notes?: string[] | null } & object =
    task.kind === "summarize"
      ? writeSummary(task, mat, goal, opts)
      : task.kind === "outline"
        ? writeOutline(task, mat, goal, opts)
        : writePost(task, mat, outputs, goal, opts);
  const notes = [...(answer.notes ?? []), ...revisions.flatMap((r, i) => feedbackNotes(r.feedback, feedback[i]!, task.kind))];
  return { ...answer, notes: notes.length ? [...new Set(notes)] : null };
}

/** What a revision did with the feedback, and what it could not do. */
function feedbackNotes(text: string, f: FeedbackRequest, kind: WritingTask["kind"]): string[] {
  const done: string[] = [];
  if (f.shorter) done.push("made it shorter");
  if (f.longer) done.push("made it longer");
  for (const d of f.drop) done.push(`left out the points about “${d}”`);
  for (const o of f.only) done.push(`kept only the points about “${o}”`);
  if (f.angle) done.push("took another angle (other sentences of the material)");
  const notes = done.length ? [`Applied the feedback: ${done.join(", ")}.`] : [];
  if (f.translate) notes.push(`The offline model cannot translate into ${f.translate}: the text stays in English. ${CONFIGURE_MODEL}`);
  if (f.tone) notes.push(`The offline model cannot make the text ${f.tone}: it quotes the material's sentences as they are written. ${CONFIGURE_MODEL}`);
  if (!done.length && !f.translate && !f.tone)
    notes.push(
      `The offline model could not apply the feedback “${text}”: it can make the ${kind === "outline" ? "outline" : "text"} shorter or longer, drop or keep a point, or take another angle. ${CONFIGURE_MODEL}`,
    );
  return notes;
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
    provider: OFFLINE_PROVIDER,
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
