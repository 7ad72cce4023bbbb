import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

export interface Extracted {
  title: string;
  byline: string | null;
  excerpt: string | null;
  text: string;
}

/** The body is of a kind fetch_url does not read (images, PDFs, archives…). */
export class UnsupportedContentError extends Error {
  override name = "UnsupportedContentError";
  constructor(
    readonly url: string,
    readonly contentType: string,
  ) {
    super(`cannot read ${url}: unsupported content type "${contentType}" (fetch_url reads HTML, plain text, Markdown and JSON)`);
  }
}

type Kind = "html" | "text" | "markdown" | "json";

const KINDS: Record<string, Kind> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/plain": "text",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "application/json": "json",
};

/** "Text/HTML; charset=UTF-8" → "text/html". */
export function mediaTypeOf(contentType: string): string {
  return contentType.split(";")[0]!.trim().toLowerCase();
}

function kindOf(mediaType: string, bytes: Uint8Array): Kind | null {
  if (KINDS[mediaType]) return KINDS[mediaType];
  if (/^application\/[\w.+-]+\+json$/.test(mediaType)) return "json";
  if (mediaType !== "" && mediaType !== "application/octet-stream") return null;
  // No usable Content-Type: look at the bytes the way a browser would, but only for text.
  if (bytes.includes(0)) return null;
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart();
  if (/^(<!doctype html|<html|<head|<body)/i.test(head)) return "html";
  if (/^[[{]/.test(head)) return "json";
  return "text";
}

function charsetOf(contentType: string, bytes: Uint8Array, kind: Kind): string {
  const declared = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
  if (declared) return declared;
  if (kind === "html") {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
    const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
    if (meta) return meta;
  }
  return "utf-8";
}

export function decodeText(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder().decode(bytes);
  }
}

const SKIP = new Set(["script", "style", "noscript", "template", "svg", "canvas", "iframe", "head", "button", "select"]);
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "dd",
  "details",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tr",
  "ul",
]);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

interface Segment {
  s: string;
  pre: boolean;
}

function walk(node: DomNode, out: Segment[], pre: boolean): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) {
      const s = child.textContent ?? "";
      out.push({ s: pre ? s : s.replace(/\s+/g, " "), pre });
      continue;
    }
    if (child.nodeType !== 1) continue;
    const tag = child.nodeName.toLowerCase();
    if (SKIP.has(tag)) continue;
    if (tag === "br") {
      out.push({ s: "\n", pre: false });
      continue;
    }
    const block = BLOCK.has(tag);
    if (block) out.push({ s: "\n\n", pre: false });
    if (tag === "li") out.push({ s: "\n- ", pre: false });
    else if (/^h[1-6]$/.test(tag)) out.push({ s: `${"#".repeat(Number(tag[1]))} `, pre: false });
    else if (tag === "td" || tag === "th") out.push({ s: " | ", pre: false });
    walk(child, out, pre || tag === "pre");
    if (block) out.push({ s: "\n\n", pre: false });
  }
}

/** Block-aware text of a DOM subtree: paragraphs separated by blank lines, headings and list items marked. */
export function domToText(root: DomNode): string {
  const segments: Segment[] = [];
  walk(root, segments, false);
  let text = "";
  let flow = "";
  const flush = () => {
    text += flow.replace(/ {2,}/g, " ").replace(/ *\n */g, "\n");
    flow = "";
  };
  for (const seg of segments) {
    if (seg.pre) {
      flush();
      text += seg.s;
    } else flow += seg.s;
  }
  flush();
  return text.replace(/\n{3,}/g, "\n\n").trim();
}

function fallbackTitle(url: string): string {
  try {
    const u = new URL(url);
    const last = u.pathname.split("/").filter(Boolean).pop();
    return last ? decodeURIComponent(last) : u.hostname;
  } catch {
    return url;
  }
}

export function extractHtml(html: string, url: string): Extracted {
  const { document } = parseHTML(html);
  const pageTitle = (document.title ?? "").trim();
  let article: ReturnType<Readability["parse"]> = null;
  try {
    article = new Readability(document).parse();
  } catch {
    article = null;
  }
  if (article?.content) {
    const text = domToText(parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body as unknown as DomNode);
    if (text) {
      return {
        title: article.title?.trim() || pageTitle || fallbackTitle(url),
        byline: article.byline?.trim() || null,
        excerpt: article.excerpt?.trim() || null,
        text,
      };
    }
  }
  // Readability mutates the document it reads, so the fallback parses the page again.
  const fresh = parseHTML(html).document;
  const root = (fresh.body ?? fresh.documentElement) as unknown as DomNode | null;
  return { title: pageTitle || fallbackTitle(url), byline: null, excerpt: null, text: root ? domToText(root) : "" };
}

function markdownTitle(text: string): string | null {
  return /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(text)?.[1] ?? null;
}

/** Readable text of a response body; throws UnsupportedContentError for non-text content. */
export function extractReadable(bytes: Uint8Array, contentType: string, url: string): Extracted {
  const kind = kindOf(mediaTypeOf(contentType), bytes);
  if (!kind) throw new UnsupportedContentError(url, mediaTypeOf(contentType) || "unknown");
  const raw = decodeText(bytes, charsetOf(contentType, bytes, kind)).replace(/^\uFEFF/, "");
  switch (kind) {
    case "html":
      return extractHtml(raw, url);
    case "json": {
      let text = raw;
      try {
        text = JSON.stringify(JSON.parse(raw), null, 2);
      } catch {
        // Invalid or truncated JSON is still worth reading as text.
      }
      return { title: fallbackTitle(url), byline: null, excerpt: null, text };
    }
    case "markdown":
      return { title: markdownTitle(raw) ?? fallbackTitle(url), byline: null, excerpt: null, text: raw };
    case "text":
      return { title: fallbackTitle(url), byline: null, excerpt: null, text: raw };
  }
}
