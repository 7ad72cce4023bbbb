// Browser-safe: what format_post is (metadata and input schema). Its behaviour is in ./index.ts (server only).
import { defineTool } from "../define";
import { formatPostInputSchema } from "./schema";
import { postOutputSchema } from "./output";

export const formatPostTool = defineTool({
  name: "format_post",
  title: "Format post",
  description:
    "Write the final copy for a platform (LinkedIn, X, blog, newsletter, Instagram) and format (post, carousel, thread, article), within the platform's length limits.",
  icon: "pen-line",
  output: "post",
  publishes: true,
  input: formatPostInputSchema,
  outputSchema: postOutputSchema,
});
