// Browser-safe: what fetch_url is (metadata and input schema). Its behaviour is in ./index.ts (server only).
import { defineTool } from "../define";
import { fetchUrlInputSchema } from "./schema";
import { fetchUrlOutputSchema } from "./output";

export const fetchUrlTool = defineTool({
  name: "fetch_url",
  title: "Fetch URL",
  description: "Download a public web page and extract its readable text.",
  icon: "globe",
  output: "page",
  publishes: false,
  input: fetchUrlInputSchema,
  outputSchema: fetchUrlOutputSchema,
});
