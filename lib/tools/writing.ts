import { generateText, Output, type ModelMessage } from "ai";
import type { z } from "zod";
import { envelopes, type TaskEnvelope } from "../ai/envelope";
import { modelLabel } from "../ai/model-label";
import type { ToolContext } from "./types";

const isRevision = (m: ModelMessage) => m.role === "user" && typeof m.content === "string" && envelopes.revision.parse(m.content) !== undefined;

/** The run's goal: the payload of the <goal> block its history opens with. */
function goalOf(history: ModelMessage[]): string | undefined {
  const first = history.find((m) => m.role === "user");
  return first && typeof first.content === "string" ? envelopes.goal.parse(first.content) : undefined;
}

/** An output a model wrote (it names its model): a summary or an outline is not source material. */
const written = (output: unknown) => {
  const o = output as { type?: string; value?: unknown } | undefined;
  return o?.type === "json" && !!o.value && typeof o.value === "object" && "model" in (o.value as object);
};

/**
 * True when earlier steps gathered material to write from (search results, fetched pages in the
 * history). What a model wrote in an earlier step (an outline) is not enough to write an article
 * from, and a version a reviewer rejected (the tool result right before a revision's message) is
 * not material at all.
 */
function historyHasMaterial(history: ModelMessage[]): boolean {
  return history.some(
    (m, i) =>
      m.role === "tool" &&
      Array.isArray(m.content) &&
      m.content.some((p) => p.type === "tool-result" && !written(p.output)) &&
      !(history[i + 1] && isRevision(history[i + 1]!)),
  );
}

/**
 * Runs one writing task through the model: the run's history, the task, and — when no earlier step
 * gathered material — the closest passages of the workspace knowledge base, so the text is
 * grounded in something real rather than invented. The answer says which model wrote it ("offline"
 * for the offline model), so every output can show where it came from.
 */
export async function writeWithModel<T>(
  ctx: ToolContext,
  opts: { task: TaskEnvelope; instructions: string; request: string; schema: z.ZodType<T>; name: string; groundOn: string },
): Promise<T & { model: string }> {
  let material = "";
  if (!historyHasMaterial(ctx.history)) {
    // The step's topic first; the run's goal when the topic finds nothing (a topic of one vague word).
    const goal = goalOf(ctx.history);
    let query = opts.groundOn;
    let found = query.trim() ? await ctx.knowledge.search(query, 5) : [];
    if (!found.length && goal && goal !== query) found = await ctx.knowledge.search((query = goal), 5);
    if (found.length) {
      ctx.log(`grounding on ${found.length} knowledge-base passages`, { query });
      // The passage when the source has one: a snippet is a stitched excerpt, poor material to write from.
      material = `\n\nReference material from the workspace knowledge base:\n${envelopes.material.build(found.map((r) => ({ title: r.title, text: r.content ?? r.snippet })))}`;
    }
  }
  const result = await generateText({
    model: ctx.models.text,
    instructions: `${opts.instructions}\n${envelopes.task.build(opts.task)}`,
    messages: [...ctx.history, { role: "user", content: `${opts.request}${material}` }],
    output: Output.object({ schema: opts.schema, name: opts.name }),
    abortSignal: ctx.signal,
  });
  return { ...(result.output as T), model: modelLabel(ctx.models.text) };
}
