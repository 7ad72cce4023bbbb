import type { ToolMeta } from "../types";

export const webSearch: ToolMeta = {
  name: "web_search",
  title: "Web search",
  description: "Search the web (or the workspace knowledge base) for a query and return the top results with title, URL and snippet.",
  icon: "search",
  publishes: false,
};
