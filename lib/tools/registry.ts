import { fetchUrl } from "./fetch_url";
import { formatPost } from "./format_post";
import { generateImage } from "./generate_image";
import { generateOutline } from "./generate_outline";
import { httpRequest } from "./http_request";
import { summarize } from "./summarize";
import type { ToolMeta } from "./types";
import { webSearch } from "./web_search";

export type { ToolMeta } from "./types";

/** Every tool Planvas knows, in the order the palette shows them. */
export const tools: readonly ToolMeta[] = [webSearch, fetchUrl, summarize, generateOutline, formatPost, generateImage, httpRequest];

const byName = new Map(tools.map((t) => [t.name, t]));

export function getTool(name: string): ToolMeta | undefined {
  return byName.get(name);
}

export const toolNames: readonly string[] = tools.map((t) => t.name);
