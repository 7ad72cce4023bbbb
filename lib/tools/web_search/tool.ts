// Browser-safe: what web_search is (metadata and input schema). Its behaviour is in ./index.ts (server only).
import { defineTool } from "../define";
import { webSearchInputSchema } from "./schema";
import { webSearchOutputSchema } from "./output";

export const webSearchTool = defineTool({
  name: "web_search",
  title: "Web search",
  description: "Search the web (or the workspace knowledge base) for a query and return the top results with title, URL and snippet.",
  icon: "search",
  output: "search-results",
  publishes: false,
  input: webSearchInputSchema,
  outputSchema: webSearchOutputSchema,
});
