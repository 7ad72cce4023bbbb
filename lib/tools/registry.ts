// Server only: the tools with their behaviour. Browser code imports ./catalog instead. Derived from
// the one list (./list): each listed tool's behaviour is its folder's index.ts, and the map below
// must name every listed tool (a missing one does not compile).
import { fetchUrl } from "./fetch_url";
import { formatPost } from "./format_post";
import { generateImage } from "./generate_image";
import { generateOutline } from "./generate_outline";
import { httpRequest } from "./http_request";
import { TOOL_LIST, type ToolName } from "./list";
import { summarize } from "./summarize";
import type { ToolDefinition } from "./types";
import { webSearch } from "./web_search";

export { getTool, stepHasSideEffects, stepPublishes, toolNames, tools, type ToolName } from "./catalog";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each tool has its own input/output types
export type AnyTool = ToolDefinition<any, any>;

const BEHAVIOUR: { readonly [K in ToolName]: AnyTool } = {
  web_search: webSearch,
  fetch_url: fetchUrl,
  summarize,
  generate_outline: generateOutline,
  format_post: formatPost,
  generate_image: generateImage,
  http_request: httpRequest,
};

export interface ToolRegistry {
  /** In the list's order. */
  readonly definitions: readonly AnyTool[];
  get(name: string): AnyTool | undefined;
}

/** A registry over a list of definitions; tests pass a longer list (lib/tools/adding-a-tool.test.ts). */
export function createRegistry(definitions: readonly AnyTool[]): ToolRegistry {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  return { definitions, get: (name) => byName.get(name) };
}

export const registry: ToolRegistry = createRegistry(
  TOOL_LIST.map((spec) => {
    const def = BEHAVIOUR[spec.name];
    // A folder's index.ts spreads its own tool.ts: the definition IS the listed declaration plus behaviour.
    if (def.name !== spec.name || def.inputSchema !== spec.inputSchema || def.publishes !== spec.publishes)
      throw new Error(`tool ${spec.name}: index.ts does not build on its tool.ts`);
    return def;
  }),
);

export const TOOL_DEFINITIONS: Readonly<Record<ToolName, AnyTool>> = BEHAVIOUR;
export const toolDefinitions: readonly AnyTool[] = registry.definitions;

export function getToolDefinition(name: string): AnyTool | undefined {
  return registry.get(name);
}
