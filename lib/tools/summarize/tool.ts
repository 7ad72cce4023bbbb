// Browser-safe: what summarize is (metadata and input schema). Its behaviour is in ./index.ts (server only).
import { defineTool } from "../define";
import { summarizeInputSchema } from "./schema";
import { summarizeOutputSchema } from "./output";

export const summarizeTool = defineTool({
  name: "summarize",
  title: "Summarize",
  description: "Summarize the material gathered so far in the run, optionally around a focus and within a word budget.",
  icon: "text-quote",
  output: "summary",
  publishes: false,
  input: summarizeInputSchema,
  outputSchema: summarizeOutputSchema,
});
