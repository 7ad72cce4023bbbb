import { z } from "zod";
import type { SearchResult } from "../types";

export const TAVILY_BASE_URL = "https://api.tavily.com";
/** Tavily answers at most 20 results per query. */
export const TAVILY_MAX_RESULTS = 20;

export interface TavilyOptions {
  apiKey: string;
  baseUrl?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** Tavily could not be reached or did not answer with results; the message never contains the API key. */
export class TavilyError extends Error {
  override name = "TavilyError";
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const tavilyResponse = z.object({
  results: z.array(
    z.object({
      title: z.string(),
      url: z.string().url(),
      content: z.string(),
    }),
  ),
});

const tavilyErrorBody = z.object({ detail: z.union([z.string(), z.object({ error: z.string() })]) });

function detailOf(body: unknown): string | null {
  const parsed = tavilyErrorBody.safeParse(body);
  if (!parsed.success) return null;
  return typeof parsed.data.detail === "string" ? parsed.data.detail : parsed.data.detail.error;
}

function statusError(status: number, body: unknown, retryAfter: string | null, redact: (s: string) => string): TavilyError {
  if (status === 401 || status === 403) return new TavilyError(`Tavily rejected the API key (HTTP ${status}); check TAVILY_API_KEY`, status);
  if (status === 429) {
    return new TavilyError(`Tavily rate limit reached (HTTP 429)${retryAfter ? `; retry after ${retryAfter} s` : "; try again later"}`, status);
  }
  if (status >= 500) return new TavilyError(`Tavily is unavailable (HTTP ${status}); try again later`, status);
  const detail = detailOf(body);
  return new TavilyError(`Tavily refused the search (HTTP ${status})${detail ? `: ${redact(detail)}` : ""}`, status);
}

/** Web search through Tavily's REST API (POST /search). */
export async function tavilySearch(query: string, maxResults: number, opts: TavilyOptions): Promise<SearchResult[]> {
  if (!query.trim()) throw new TavilyError("Tavily search needs a non-empty query");
  if (!opts.apiKey) throw new TavilyError("Tavily search needs an API key (TAVILY_API_KEY)");
  const fetchImpl = opts.fetchImpl ?? fetch;
  const endpoint = `${(opts.baseUrl ?? TAVILY_BASE_URL).replace(/\/+$/, "")}/search`;
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const redact = (s: string) => s.split(opts.apiKey).join("***");
  const limit = Number.isFinite(maxResults) ? Math.min(Math.max(1, Math.trunc(maxResults)), TAVILY_MAX_RESULTS) : 5;

  let res: Response;
  try {
    res = await fetchImpl(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${opts.apiKey}` },
      body: JSON.stringify({ query, max_results: limit, search_depth: "basic" }),
      signal,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    if (timeout.aborted) throw new TavilyError(`Tavily did not answer within ${opts.timeoutMs ?? 30_000} ms`);
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
    throw new TavilyError(`could not reach Tavily at ${endpoint}: ${redact(String(cause))}`);
  }

  const raw = await res.text().catch(() => "");
  let body: unknown = null;
  try {
    body = JSON.parse(raw);
  } catch {
    if (res.ok) throw new TavilyError(`Tavily returned a body that is not JSON (HTTP ${res.status})`, res.status);
  }
  if (!res.ok) throw statusError(res.status, body, res.headers.get("retry-after"), redact);

  const parsed = tavilyResponse.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join(".") : "body";
    throw new TavilyError(`Tavily returned an unexpected response: ${where}: ${issue?.message ?? "invalid"}`, res.status);
  }
  return parsed.data.results.slice(0, limit).map((r) => ({ title: r.title, url: r.url, snippet: r.content, source: "tavily" }));
}
