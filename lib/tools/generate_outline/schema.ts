// Browser-safe: the tool's input schema only (zod, nothing else), so the canvas can build its form.
import { z } from "zod";

export const OUTLINE_FORMATS = ["slides", "article", "newsletter", "bullets", "comparison"] as const;

export const generateOutlineInputSchema = z.object({
  topic: z.string().min(2).max(300).describe("What the outline is about"),
  sections: z.number().int().min(1).max(20).describe("How many sections (slides, headings or points)"),
  format: z.enum(OUTLINE_FORMATS).optional().describe("Shape of the outline: slides for a carousel, article or newsletter sections, bullets, or a comparison"),
});
