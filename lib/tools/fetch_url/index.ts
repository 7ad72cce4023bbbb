import { z } from "zod";
import { FetchFailedError, redactUrl, safeFetch, type SafeFetchOptions } from "../../net/ssrf";
import { withBehaviour, type ToolLogger } from "../types";
import { fetchUrlOffline } from "./offline";
import { fetchUrlTool } from "./tool";
import { extractReadable } from "./extract";
import { DEFAULT_MAX_CHARS, fetchUrlInputSchema } from "./schema";
import { fetchUrlOutputSchema } from "./output";

export { DEFAULT_MAX_CHARS, fetchUrlInputSchema, fetchUrlOutputSchema };

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
  offline: fetchUrlOffline,
  execute: (input, ctx) =>
    fetchReadable(input.url, { allowPrivate: ctx.settings.allowPrivateUrls, signal: ctx.signal, maxChars: input.maxChars, log: ctx.log }),
});
