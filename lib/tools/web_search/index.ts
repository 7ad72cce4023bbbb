import { openai } from "@ai-sdk/openai";
import { generateText } from "ai";
import { z } from "zod";
import { withBehaviour, type SearchResult, type ToolContext } from "../types";
import { webSearchOffline } from "./offline";
import { webSearchTool } from "./tool";
import { webSearchInputSchema } from "./schema";
import { webSearchOutputSchema as output } from "./output";
import { tavilySearch } from "./tavily";

/** OpenAI's hosted web search, through the configured Responses model; results are its cited sources. */
async function openaiSearch(query: string, limit: number, ctx: ToolContext): Promise<SearchResult[]> {
  const res = await generateText({
    model: ctx.models.text,
    tools: { web_search: openai.tools.webSearch({}) },
    toolChoice: { type: "tool", toolName: "web_search" },
    prompt: `Search the web for: ${query}. List the most relevant sources.`,
    abortSignal: ctx.signal,
  });
  const seen = new Set<string>();
  const out: SearchResult[] = [];
  for (const s of res.sources) {
    if (s.sourceType !== "url" || seen.has(s.url)) continue;
    seen.add(s.url);
    out.push({ title: s.title ?? s.url, url: s.url, snippet: "", source: "openai" });
  }
  // The answer text carries what the sources say; attach it so later steps have material.
  if (out[0] && res.text) out[0].snippet = res.text.slice(0, 1000);
  return out.slice(0, limit);
}

export const webSearch = withBehaviour<z.infer<typeof webSearchInputSchema>, z.infer<typeof output>>(webSearchTool, {
  offline: webSearchOffline,
  async execute({ query, maxResults = 5 }, ctx) {
    const { tavilyApiKey, tavilyBaseUrl, openaiWebSearch } = ctx.settings;
    if (tavilyApiKey) {
      const results = await tavilySearch(query, maxResults, { apiKey: tavilyApiKey, ...(tavilyBaseUrl ? { baseUrl: tavilyBaseUrl } : {}), signal: ctx.signal });
      return { query, provider: "tavily", results };
    }
    if (openaiWebSearch) return { query, provider: "openai", results: await openaiSearch(query, maxResults, ctx) };
    const results = await ctx.knowledge.search(query, maxResults);
    ctx.log(`knowledge base: ${results.length} result(s)`, { query });
    return { query, provider: "knowledge", results };
  },
});
