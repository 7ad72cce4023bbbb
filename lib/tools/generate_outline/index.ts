import { z } from "zod";
import { withBehaviour } from "../types";
import { generateOutlineOffline } from "./offline";
import { generateOutlineTool } from "./tool";
import { writeWithModel } from "../writing";
import { generateOutlineInputSchema, OUTLINE_FORMATS } from "./schema";
import { generateOutlineOutputSchema as output, outlineSectionSchema as section } from "./output";

export { OUTLINE_FORMATS };

const modelOutput = z.object({
  title: z.string(),
  sections: z.array(section),
  notes: z.array(z.string()).nullable().describe("What you were asked for but could not do (e.g. a language or tone you cannot write), or null"),
});

export const generateOutline = withBehaviour<z.infer<typeof generateOutlineInputSchema>, z.infer<typeof output>>(generateOutlineTool, {
  offline: generateOutlineOffline,
  async execute({ topic, sections, format = "bullets" }, ctx) {
    const out = await writeWithModel(ctx, {
      task: { kind: "outline", topic, sections, format },
      instructions: "You structure material into outlines for content. Every point must come from the conversation's material.",
      request: `Structure an outline about "${topic}" with exactly ${sections} sections (${format}). Each section has a short heading and 1-3 supporting points.`,
      schema: modelOutput,
      name: "outline",
      groundOn: topic,
    });
    if (out.sections.length !== sections) ctx.log(`the model returned ${out.sections.length} sections; ${sections} were asked for`);
    return { title: out.title, format, sections: out.sections.slice(0, sections), ...(out.notes?.length ? { notes: out.notes } : {}), model: out.model };
  },
});
