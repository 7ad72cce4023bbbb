// Browser-safe: THE list of tools, in the order the palette shows them. Adding a tool is a folder
// (lib/tools/<name>/) and one entry here; the catalog, the input-schema maps and the server
// registry are derived from it (see README, "Adding a tool").
import { fetchUrlTool } from "./fetch_url/tool";
import { formatPostTool } from "./format_post/tool";
import { generateImageTool } from "./generate_image/tool";
import { generateOutlineTool } from "./generate_outline/tool";
import { httpRequestTool } from "./http_request/tool";
import { summarizeTool } from "./summarize/tool";
import { webSearchTool } from "./web_search/tool";

export const TOOL_LIST = [webSearchTool, fetchUrlTool, summarizeTool, generateOutlineTool, formatPostTool, generateImageTool, httpRequestTool] as const;

export type ToolName = (typeof TOOL_LIST)[number]["name"];
