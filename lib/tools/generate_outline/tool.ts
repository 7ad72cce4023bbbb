// Browser-safe: what generate_outline is (metadata and input schema). Its behaviour is in ./index.ts (server only).
import { defineTool } from "../define";
import { generateOutlineInputSchema } from "./schema";
import { generateOutlineOutputSchema } from "./output";

export const generateOutlineTool = defineTool({
  name: "generate_outline",
  title: "Generate outline",
  description: "Structure the gathered material into an outline with a given number of sections (slides, headings or points).",
  icon: "list-tree",
  output: "outline",
  publishes: false,
  input: generateOutlineInputSchema,
  outputSchema: generateOutlineOutputSchema,
});
