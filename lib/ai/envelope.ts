// The prompt envelopes: the facts Planvas's prompts carry in small tagged blocks (<goal>, <plan>,
// <instruction>, <step>, <task>, <revision>, <material>), which a real model reads as plain
// instructions and the offline model parses. This module is the ONE place that writes and reads
// them: every prompt writer builds its blocks here, and the offline model parses them here, so the
// two cannot drift apart (lib/ai/envelope.test.ts is the contract).
//
// Payloads round-trip exactly. Text payloads escape "<" (and "&" where it would start an escape),
// JSON payloads write "<" as \u003c, so a payload can never close its own block early; the human
// text around a block is free to change.
import { z } from "zod";

/** A plan step as the plan editor sees it. */
export const planEnvelopeStep = z.object({
  id: z.string(),
  toolName: z.string(),
  description: z.string(),
  requiresApproval: z.boolean(),
  input: z.record(z.string(), z.unknown()),
  dependsOn: z.array(z.string()),
});
export const planEnvelopeSchema = z.object({ title: z.string(), steps: z.array(planEnvelopeStep) });
export type PlanEnvelope = z.infer<typeof planEnvelopeSchema>;

/** The step the executor runs now: its tool, its description and its static inputs. */
export const stepEnvelopeSchema = z.object({ toolName: z.string(), description: z.string(), input: z.record(z.string(), z.unknown()) });
export type StepEnvelope = z.infer<typeof stepEnvelopeSchema>;

/** A writing task (summarize, generate_outline, format_post hand one to the text model). */
export const summarizeTaskSchema = z.object({
  kind: z.literal("summarize"),
  focus: z.string().nullable().optional(),
  maxWords: z.number().nullable().optional(),
});
export const outlineTaskSchema = z.object({ kind: z.literal("outline"), topic: z.string(), sections: z.number(), format: z.string().nullable().optional() });
export const postTaskSchema = z.object({
  kind: z.literal("format_post"),
  platform: z.enum(["linkedin", "x", "blog", "newsletter", "instagram"]),
  format: z.enum(["post", "carousel", "thread", "article"]),
  topic: z.string().nullable().optional(),
  tone: z.string().nullable().optional(),
  maxChars: z.number(),
  maxSlides: z.number(),
});
export const taskEnvelopeSchema = z.discriminatedUnion("kind", [summarizeTaskSchema, outlineTaskSchema, postTaskSchema]);
export type SummarizeTask = z.infer<typeof summarizeTaskSchema>;
export type OutlineTask = z.infer<typeof outlineTaskSchema>;
export type PostTask = z.infer<typeof postTaskSchema>;
export type TaskEnvelope = z.infer<typeof taskEnvelopeSchema>;

/** A reviewer rejected a step's output: which revision comes next, and why. */
export const revisionEnvelopeSchema = z.object({ revision: z.number().int(), feedback: z.string() });
export type RevisionEnvelope = z.infer<typeof revisionEnvelopeSchema>;

/** Reference documents handed to a writing step (the knowledge base's closest passages). */
export const materialEnvelopeSchema = z.array(z.object({ title: z.string(), text: z.string() }));
export type MaterialEnvelope = z.infer<typeof materialEnvelopeSchema>;

export interface Envelope<T> {
  readonly tag: string;
  /** The block, e.g. `<goal>…</goal>`. */
  build(payload: T): string;
  /** The payload of the first such block in `text`, or undefined when there is none (or it is malformed). */
  parse(text: string): T | undefined;
}

const escapeText = (s: string) => s.replace(/&(?=(?:amp|lt);)/g, "&amp;").replace(/</g, "&lt;");
const unescapeText = (s: string) => s.replace(/&(lt|amp);/g, (_, e: string) => (e === "lt" ? "<" : "&"));
const jsonText = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/**
 * The content of the first `<tag>…</tag>` block whose content is well-formed (`valid`): a stray
 * `<tag>` in the human text before the block cannot capture it, because the real block's payload
 * never contains "<" (text and JSON) or has a fixed shape (material).
 */
function inner(text: string, tag: string, valid: (content: string) => boolean = (c) => !c.includes("<")): string | undefined {
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  for (let start = text.indexOf(open); start >= 0; start = text.indexOf(open, start + 1)) {
    const end = text.indexOf(close, start + open.length);
    if (end < 0) return undefined;
    const content = text.slice(start + open.length, end);
    if (valid(content)) return content;
  }
  return undefined;
}

function textEnvelope(tag: string): Envelope<string> {
  return {
    tag,
    build: (payload) => `<${tag}>${escapeText(payload)}</${tag}>`,
    parse: (text) => {
      const raw = inner(text, tag);
      return raw === undefined ? undefined : unescapeText(raw);
    },
  };
}

function jsonEnvelope<S extends z.ZodType>(tag: string, schema: S): Envelope<z.infer<S>> {
  return {
    tag,
    build: (payload) => `<${tag}>${jsonText(schema.parse(payload))}</${tag}>`,
    parse: (text) => {
      const raw = inner(text, tag);
      if (raw === undefined) return undefined;
      try {
        const r = schema.safeParse(JSON.parse(raw));
        return r.success ? (r.data as z.infer<S>) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

const DOC = /<doc title=("(?:[^"\\<]|\\.)*")>\n([^<]*)\n<\/doc>/g;
const MATERIAL = /^\n(?:<doc title="(?:[^"\\<]|\\.)*">\n[^<]*\n<\/doc>\n)*$/;

const material: Envelope<MaterialEnvelope> = {
  tag: "material",
  build: (docs) =>
    `<material>\n${materialEnvelopeSchema
      .parse(docs)
      .map((d) => `<doc title=${jsonText(d.title)}>\n${escapeText(d.text)}\n</doc>\n`)
      .join("")}</material>`,
  parse: (text) => {
    const raw = inner(text, "material", (c) => MATERIAL.test(c));
    if (raw === undefined) return undefined;
    try {
      return [...raw.matchAll(DOC)].map((m) => ({ title: JSON.parse(m[1]!) as string, text: unescapeText(m[2]!) }));
    } catch {
      return undefined;
    }
  },
};

/** Every envelope, by tag. */
export const envelopes = {
  /** The goal of a plan or a run (planner prompts, the first message of a run's history). */
  goal: textEnvelope("goal"),
  /** The plan a plan-edit instruction is about. */
  plan: jsonEnvelope("plan", planEnvelopeSchema),
  /** What the user asked the plan editor to change. */
  instruction: textEnvelope("instruction"),
  /** The step the executor runs now. */
  step: jsonEnvelope("step", stepEnvelopeSchema),
  /** A writing tool's task, in the text model's instructions. */
  task: jsonEnvelope("task", taskEnvelopeSchema),
  /** A reviewer's rejection, when a step is produced again. */
  revision: jsonEnvelope("revision", revisionEnvelopeSchema),
  /** Reference documents for a writing step. */
  material,
} as const;

export type EnvelopeName = keyof typeof envelopes;
export type EnvelopePayload<K extends EnvelopeName> = (typeof envelopes)[K] extends Envelope<infer T> ? T : never;
