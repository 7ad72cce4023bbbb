import type { ToolMeta } from "./types";

export type { ToolMeta } from "./types";

// What each tool is, without its behaviour: safe to import anywhere, the browser included (the
// canvas, validation). The definitions with schemas and `execute` are in ./registry (server only).
export const TOOL_CATALOG = {
  web_search: {
    name: "web_search",
    title: "Web search",
    description: "Search the web (or the workspace knowledge base) for a query and return the top results with title, URL and snippet.",
    icon: "search",
    publishes: false,
  },
  fetch_url: {
    name: "fetch_url",
    title: "Fetch URL",
    description: "Download a public web page and extract its readable text.",
    icon: "globe",
    publishes: false,
  },
  summarize: {
    name: "summarize",
    title: "Summarize",
    description: "Summarize the material gathered so far in the run, optionally around a focus and within a word budget.",
    icon: "text-quote",
    publishes: false,
  },
  generate_outline: {
    name: "generate_outline",
    title: "Generate outline",
    description: "Structure the gathered material into an outline with a given number of sections (slides, headings or points).",
    icon: "list-tree",
    publishes: false,
  },
  format_post: {
    name: "format_post",
    title: "Format post",
    description: "Write the final copy for a platform (LinkedIn, X, blog, newsletter, Instagram) and format (post, carousel, thread, article), within the platform's length limits.",
    icon: "pen-line",
    publishes: true,
  },
  generate_image: {
    name: "generate_image",
    title: "Generate image",
    description: "Create an image (for example a hero or cover image) from a prompt and style.",
    icon: "image",
    publishes: true,
  },
  http_request: {
    name: "http_request",
    title: "HTTP request",
    description: "Call an HTTP endpoint (for example a webhook or a status API). Anything other than GET has side effects.",
    icon: "send",
    publishes: true,
  },
} as const satisfies Record<string, ToolMeta>;

export type ToolName = keyof typeof TOOL_CATALOG;

/** Every tool Planvas knows, in the order the palette shows them. */
export const tools: readonly ToolMeta[] = Object.values(TOOL_CATALOG);
export const toolNames = Object.keys(TOOL_CATALOG) as ToolName[];

export function getTool(name: string): ToolMeta | undefined {
  return Object.hasOwn(TOOL_CATALOG, name) ? TOOL_CATALOG[name as ToolName] : undefined;
}

/** Whether a step with these static inputs publishes or has side effects (http_request GET does not). */
export function stepPublishes(toolName: string, input: Record<string, unknown> | undefined): boolean {
  const tool = getTool(toolName);
  if (!tool?.publishes) return false;
  if (toolName === "http_request") return String(input?.method ?? "GET").toUpperCase() !== "GET";
  return true;
}
