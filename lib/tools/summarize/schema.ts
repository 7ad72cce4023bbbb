// Browser-safe: the tool's input schema only (zod, nothing else), so the canvas can build its form.
import { z } from "zod";

export const summarizeInputSchema = z.object({
  focus: z.string().max(300).optional().describe("What the summary should concentrate on (a topic or question)"),
  maxWords: z.number().int().min(20).max(1000).optional().describe("Upper bound on the summary's length in words (default 200)"),
});
