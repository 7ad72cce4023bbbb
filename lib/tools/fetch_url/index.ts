import { z } from "zod";
import { FetchFailedError, redactUrl, safeFetch, type SafeFetchOptions } from "../../net/ssrf";
import { withBehaviour, type ToolLogger } from "../types";
import { fetchUrlOffline } from "./offline";
import { fetchUrlTool } from "./tool";
import { extractReadable } from "./extract";
import { DEFAULT_MAX_CHARS, fetchUrlInputSchema } from "./schema";

export { DEFAULT_MAX_CHARS, fetchUrlInputSchema };

export const fetchUrlOutputSchema = z.object({
  url: z.string().describe("The address that was requested."),
  finalUrl: z.string().describe("The address the content came from, after redirects."),
  status: z.number().int().describe("HTTP status code."),
  contentType: z.string().describe("The Content-Type the server sent."),
  title: z.string().describe("Title of the page or document."),
  byline: z.string().nullable().describe("Author line, when the page has one."),
  excerpt: z.string().nullable().describe("Short summary the page gives of itself, when it has one."),
  text: z.string().describe("The readable text: the article without navigation, ads and footers."),
  truncated: z.boolean().describe("True when the text was cut at maxChars or the download at its size limit."),
});

export type FetchUrlInput = z.output<typeof fetchUrlInputSchema>;
export type FetchUrlOutput = z.output<typeof fetchUrlOutputSchema>;

export interface FetchReadableOptions extends Pick<SafeFetchOptions, "lookup" | "timeoutMs" | "maxBytes"> {
  allowPrivate: boolean;
  signal?: AbortSignal;
  maxChars?: number;
  log?: ToolLogger;
}

const ACCEPT = "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.9,application/json;q=0.9,*/*;q=0.5";

/** Download `url` (through the SSRF guard) and return its readable text. Used by fetch_url and the knowledge base. */
export async function fetchReadable(url: string, opts: FetchReadableOptions): Promise<FetchUrlOutput> {
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const res = await safeFetch(
    url,
    { headers: { accept: ACCEPT, "user-agent": "Planvas/0.1 (fetch_url)" } },
    { allowPrivate: opts.allowPrivate, signal: opts.signal, lookup: opts.lookup, timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes },
  );
  opts.log?.("fetched", { url: redactUrl(url), finalUrl: res.finalUrl, status: res.status, bytes: res.bytes.byteLength, redirects: res.redirects.length });
  if (res.status < 200 || res.status > 299) {
    const where = res.finalUrl === res.url ? redactUrl(url) : `${redactUrl(url)} (redirected to ${res.finalUrl})`;
    throw new FetchFailedError(where, `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`, { status: res.status });
  }
  const page = extractReadable(res.bytes, res.contentType, res.finalUrl);
  const cut = page.text.length > maxChars;
  return {
    url,
    finalUrl: res.finalUrl,
    status: res.status,
    contentType: res.contentType,
    title: page.title,
    byline: page.byline,
    excerpt: page.excerpt,
    text: cut ? page.text.slice(0, maxChars) : page.text,
    truncated: cut || res.truncated,
  };
}

export const fetchUrl = withBehaviour<FetchUrlInput, FetchUrlOutput>(fetchUrlTool, {
  outputSchema: fetchUrlOutputSchema,
  offline: fetchUrlOffline,
  execute: (input, ctx) =>
    fetchReadable(input.url, { allowPrivate: ctx.settings.allowPrivateUrls, signal: ctx.signal, maxChars: input.maxChars, log: ctx.log }),
});
