// Browser-safe: the tool's input schema only (zod, nothing else), so the canvas can build its form.
import { z } from "zod";

export const DEFAULT_MAX_CHARS = 20_000;

export const fetchUrlInputSchema = z.object({
  url: z
    .string()
    .url({ protocol: /^https?$/, error: "must be an http or https URL" })
    .describe("Address of the web page, text file or JSON document to read (http or https)."),
  maxChars: z
    .number()
    .int()
    .min(100)
    .max(200_000)
    .default(DEFAULT_MAX_CHARS)
    .describe("Longest text to return, in characters; longer text is cut and marked as truncated."),
});
