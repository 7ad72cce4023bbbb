// Server only: the tools with their behaviour. Browser code imports ./catalog instead.
import { TOOL_CATALOG, type ToolName } from "./catalog";
import { fetchUrl } from "./fetch_url";
import { formatPost } from "./format_post";
import { generateImage } from "./generate_image";
import { generateOutline } from "./generate_outline";
import { httpRequest } from "./http_request";
import { summarize } from "./summarize";
import type { ToolDefinition } from "./types";
import { webSearch } from "./web_search";

export { getTool, stepPublishes, toolNames, tools, type ToolName } from "./catalog";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each tool has its own input/output types
export type AnyTool = ToolDefinition<any, any>;

export const TOOL_DEFINITIONS: Record<ToolName, AnyTool> = {
  web_search: webSearch,
  fetch_url: fetchUrl,
  summarize,
  generate_outline: generateOutline,
  format_post: formatPost,
  generate_image: generateImage,
  http_request: httpRequest,
};

export const toolDefinitions: readonly AnyTool[] = Object.values(TOOL_DEFINITIONS);

export function getToolDefinition(name: string): AnyTool | undefined {
  return Object.hasOwn(TOOL_DEFINITIONS, name) ? TOOL_DEFINITIONS[name as ToolName] : undefined;
}

// The catalog and the definitions must agree on what each tool is.
for (const [name, def] of Object.entries(TOOL_DEFINITIONS)) {
  const meta = TOOL_CATALOG[name as ToolName];
  if (def.name !== meta.name || def.publishes !== meta.publishes) throw new Error(`tool ${name}: definition and catalog disagree`);
}
