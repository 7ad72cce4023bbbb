// Browser-safe: the tool's input schema only (zod, nothing else), so the canvas can build its form.
import { z } from "zod";

export const webSearchInputSchema = z.object({
  query: z.string().min(2).max(400).describe("What to search for"),
  maxResults: z.number().int().min(1).max(20).optional().describe("How many results to return (default 5)"),
});
