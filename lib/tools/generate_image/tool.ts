// Browser-safe: what generate_image is (metadata and input schema). Its behaviour is in ./index.ts (server only).
import { defineTool } from "../define";
import { generateImageInputSchema } from "./schema";
import { generateImageOutputSchema } from "./output";

export const generateImageTool = defineTool({
  name: "generate_image",
  title: "Generate image",
  description: "Create an image (for example a hero or cover image) from a prompt and style.",
  icon: "image",
  output: "image",
  publishes: true,
  input: generateImageInputSchema,
  outputSchema: generateImageOutputSchema,
});
