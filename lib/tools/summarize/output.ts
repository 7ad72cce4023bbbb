// Browser-safe: what summarize produces (zod only), so plans can reference its fields.
import { z } from "zod";

export const summarizeOutputSchema = z.object({
  summary: z.string(),
  points: z.array(z.string()),
  wordCount: z.number().int(),
  notes: z.array(z.string()).optional().describe("What the model could not do as asked, or how it applied a reviewer's feedback"),
  model: z.string().optional().describe('Which model wrote it: "offline" for the offline model'),
});
