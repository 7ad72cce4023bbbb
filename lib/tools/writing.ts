import { generateText, Output, type ModelMessage } from "ai";
import type { z } from "zod";
import { envelopes, type TaskEnvelope } from "../ai/envelope";
import type { ToolContext } from "./types";

/** True when earlier steps left material to write from (tool results in the history). */
function historyHasMaterial(history: ModelMessage[]): boolean {
  return history.some((m) => m.role === "tool" && Array.isArray(m.content) && m.content.some((p) => p.type === "tool-result"));
}

/**
 * Runs one writing task through the model: the run's history, the task, and — when no earlier step
 * gathered material — the closest passages of the workspace knowledge base, so the text is
 * grounded in something real rather than invented.
 */
export async function writeWithModel<T>(
  ctx: ToolContext,
  opts: { task: TaskEnvelope; instructions: string; request: string; schema: z.ZodType<T>; name: string; groundOn: string },
): Promise<T> {
  let material = "";
  if (!historyHasMaterial(ctx.history)) {
    const found = await ctx.knowledge.search(opts.groundOn, 5);
    if (found.length) {
      ctx.log(`grounding on ${found.length} knowledge-base passages`, { query: opts.groundOn });
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
  return result.output as T;
}
