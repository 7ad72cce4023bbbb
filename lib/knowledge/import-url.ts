import { unsafeText } from "../http/text";
import { FetchFailedError, FetchRefusedError } from "../net/ssrf";
import { UnsupportedContentError } from "../tools/fetch_url/extract";
import { fetchReadable } from "../tools/fetch_url";
import { DOCUMENT_LIMITS } from "./input";
import type { NewDocument } from "./queries";

export type UrlImport = { ok: true; doc: NewDocument } | { ok: false; status: 400 | 502; message: string };

/**
 * A web page as a document: its readable text through fetch_url's SSRF guard. Refused addresses
 * and unreadable content are the caller's input (400); a site that fails to answer is 502.
 */
export async function importUrl(url: string, opts: { allowPrivate: boolean; signal?: AbortSignal }): Promise<UrlImport> {
  try {
    const page = await fetchReadable(url, { allowPrivate: opts.allowPrivate, signal: opts.signal, maxChars: DOCUMENT_LIMITS.maxChars });
    if (!page.text.trim()) return { ok: false, status: 400, message: `${url} has no readable text` };
    const format = /^text\/(x-)?markdown\b/i.test(page.contentType) ? "markdown" : "text";
    const title = (page.title.trim() || new URL(page.finalUrl).hostname).slice(0, DOCUMENT_LIMITS.maxTitle);
    // Unreadable like a binary file: the text rule of lib/http/text.ts (Postgres cannot store it).
    const bad = unsafeText(title) ?? unsafeText(page.text);
    if (bad) return { ok: false, status: 400, message: `${url} is not importable text: it ${bad}` };
    return { ok: true, doc: { title, content: page.text, format, sourceUrl: page.finalUrl } };
  } catch (e) {
    if (e instanceof FetchRefusedError) return { ok: false, status: 400, message: `refused to import ${e.url}: ${e.reason}` };
    if (e instanceof UnsupportedContentError) return { ok: false, status: 400, message: e.message };
    if (e instanceof FetchFailedError) return { ok: false, status: 502, message: `could not import ${e.url}: ${e.reason}` };
    throw e;
  }
}

/** PLANVAS_ALLOW_PRIVATE_URLS=1 lets imports reach loopback and private addresses. */
export const allowPrivateUrls = (env: NodeJS.ProcessEnv = process.env) => env.PLANVAS_ALLOW_PRIVATE_URLS === "1";
