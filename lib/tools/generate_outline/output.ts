// Browser-safe: what generate_outline produces (zod only), so plans can reference its fields.
import { z } from "zod";
import { OUTLINE_FORMATS } from "./schema";

export const outlineSectionSchema = z.object({
  heading: z.string().describe("Section heading or slide title"),
  points: z.array(z.string()).describe("Supporting points, one sentence each"),
});

export const generateOutlineOutputSchema = z.object({
  title: z.string(),
  sections: z.array(outlineSectionSchema),
  format: z.enum(OUTLINE_FORMATS),
  notes: z.array(z.string()).optional().describe("What the model could not do as asked, or how it applied a reviewer's feedback"),
  model: z.string().optional().describe('Which model wrote it: "offline" for the offline model'),
});
