import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import { envelopes, type Envelope } from "../envelope";
import type { ToolOutputSeen } from "./types";

// How the offline model reads a prompt. Planvas's prompts carry their facts in small tagged
// blocks (<goal>, <step>, <task>, …) that a real model reads as plain instructions too; they are
// built and parsed by one module, lib/ai/envelope.ts, so writer and reader cannot drift apart.

export function systemText(prompt: LanguageModelV4Prompt): string {
  return prompt
    .filter((m) => m.role === "system")
    .map((m) => m.content)
    .join("\n");
}

export function userTexts(prompt: LanguageModelV4Prompt): string[] {
  return prompt.flatMap((m) => (m.role === "user" ? m.content.flatMap((p) => (p.type === "text" ? [p.text] : [])) : []));
}

export function allText(prompt: LanguageModelV4Prompt): string {
  return [systemText(prompt), ...userTexts(prompt)].join("\n");
}

/** The payload of the latest envelope of this kind in the prompt (instructions and user messages). */
export function lastEnvelope<T>(prompt: LanguageModelV4Prompt, envelope: Envelope<T>): T | undefined {
  const texts = [systemText(prompt), ...userTexts(prompt)];
  for (let i = texts.length - 1; i >= 0; i--) {
    const v = envelope.parse(texts[i]!);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Pulls readable strings out of a tool result (any JSON shape): snippets, texts, summaries, points. */
function strings(value: unknown, out: string[], key = ""): void {
  if (typeof value === "string") {
    if (
      value.length >= 30 &&
      !/^(https?:|data:|\/api\/)/.test(value) &&
      !/^(url|finalUrl|contentType|assetId|mediaType|id|title|heading|source|query|provider|platform|format|tone|prompt|revisedPrompt)$/i.test(key)
    )
      out.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) strings(v, out, key);
    return;
  }
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    // A search result with a full passage: its snippet is a shorter, stitched copy of the same text.
    for (const [k, v] of Object.entries(obj)) if (!(k === "snippet" && typeof obj.content === "string")) strings(v, out, k);
  }
}

export type { ToolOutputSeen } from "./types";

type ToolResultOutput = Extract<LanguageModelV4Prompt[number], { role: "tool" }>["content"][number] extends infer P
  ? P extends { type: "tool-result"; output: infer O }
    ? O
    : never
  : never;

function outputValue(o: ToolResultOutput): unknown {
  return o.type === "json"
    ? o.value
    : o.type === "text"
      ? o.value
      : o.type === "content"
        ? o.value.map((c) => (c.type === "text" ? c.text : "")).join("\n")
        : undefined;
}

/** Every tool result in the conversation, oldest first. */
export function toolOutputs(prompt: LanguageModelV4Prompt): ToolOutputSeen[] {
  const out: ToolOutputSeen[] = [];
  for (const m of prompt) {
    if (m.role !== "tool" && m.role !== "assistant") continue;
    for (const part of m.content) {
      if (part.type !== "tool-result") continue;
      out.push({ toolName: part.toolName, output: outputValue(part.output) });
    }
  }
  return out;
}

/** A reviewer's rejection in the conversation: the feedback and the output it rejected. */
export interface RevisionSeen {
  revision: number;
  feedback: string;
  /** The rejected output: the tool result right before the revision's message. */
  rejected?: ToolOutputSeen;
}

/**
 * Every rejection so far, oldest first, and the tool results that are not rejected versions (the
 * material and earlier steps' outputs). A rejected version is the last tool result before a
 * <revision> message (lib/runs/steps.ts revisionMessages).
 */
export function revisionsIn(prompt: LanguageModelV4Prompt): { revisions: RevisionSeen[]; outputs: ToolOutputSeen[] } {
  const revisions: RevisionSeen[] = [];
  const outputs: ToolOutputSeen[] = [];
  let last: ToolOutputSeen | undefined;
  for (const m of prompt) {
    if (m.role === "user") {
      for (const part of m.content) {
        const r = part.type === "text" ? envelopes.revision.parse(part.text) : undefined;
        if (!r) continue;
        if (last && outputs.at(-1) === last) outputs.pop();
        revisions.push({ revision: r.revision, feedback: r.feedback, ...(last ? { rejected: last } : {}) });
        last = undefined;
      }
      continue;
    }
    if (m.role !== "tool" && m.role !== "assistant") continue;
    for (const part of m.content) {
      if (part.type !== "tool-result") continue;
      const seen = { toolName: part.toolName, output: outputValue(part.output) };
      outputs.push(seen);
      last = seen;
    }
  }
  return { revisions, outputs };
}

/** The material to write from: tool results plus reference documents handed over in <material> blocks. */
export function material(prompt: LanguageModelV4Prompt, outputs: ToolOutputSeen[] = toolOutputs(prompt)): string[] {
  const out: string[] = [];
  for (const t of outputs) strings(t.output, out);
  // One item per source document, so a document's relevance weighs all of its sentences.
  for (const text of userTexts(prompt)) out.push(...(envelopes.material.parse(text) ?? []).map((d) => d.text));
  return out;
}
