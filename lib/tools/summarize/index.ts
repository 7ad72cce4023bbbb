import { z } from "zod";
import { withBehaviour } from "../types";
import { summarizeOffline } from "./offline";
import { summarizeTool } from "./tool";
import { writeWithModel } from "../writing";
import { summarizeInputSchema } from "./schema";
import { summarizeOutputSchema as output } from "./output";

const modelOutput = z.object({
  summary: z.string().describe("The summary as prose"),
  points: z.array(z.string()).describe("The 3-5 most important points, one sentence each"),
  notes: z.array(z.string()).nullable().describe("What you were asked for but could not do (e.g. a language or tone you cannot write), or null"),
});

export const summarize = withBehaviour<z.infer<typeof summarizeInputSchema>, z.infer<typeof output>>(summarizeTool, {
  offline: summarizeOffline,
  async execute({ focus, maxWords = 200 }, ctx) {
    const out = await writeWithModel(ctx, {
      task: { kind: "summarize", focus: focus ?? null, maxWords },
      instructions: "You summarize research for a content team. Use only facts present in the conversation; do not invent numbers, names or quotes.",
      request: `Summarize the material above${focus ? `, focusing on ${focus}` : ""}, in at most ${maxWords} words, and list the key points.`,
      schema: modelOutput,
      name: "summary",
      groundOn: focus ?? "",
    });
    const words = out.summary.trim().split(/\s+/);
    const summary = words.length > maxWords ? `${words.slice(0, maxWords).join(" ")}…` : out.summary.trim();
    return {
      summary,
      points: out.points.slice(0, 5),
      wordCount: Math.min(words.length, maxWords),
      ...(out.notes?.length ? { notes: out.notes } : {}),
      model: out.model,
    };
  },
});
