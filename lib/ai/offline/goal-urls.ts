// What each URL in a goal is for, from the words around it: a page or API to read ("summarize
// <url>", "the notes at <url>", "from <url>"), or an endpoint to call — with the HTTP method its
// verb implies ("delete … at <url>" → DELETE, "update" → PUT, "change" → PATCH, "post/send/notify
// … to <url>" → POST).
import type { Clause } from "./goal-parse";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface UrlRole {
  url: string;
  /** Index of the clause the URL is in. */
  clause: number;
  /** read: material for the plan (fetch_url, or an http_request GET for an API); call: a request that changes something. */
  role: "read" | "call";
  method: HttpMethod;
  /** The URL answers JSON or is an API endpoint (read with http_request, not fetch_url). */
  api: boolean;
}

const URL_RE = /\bhttps?:\/\/[^\s<>"')]+/gi;

export function findUrls(goal: string): string[] {
  return (goal.match(URL_RE) ?? []).map((u) => u.replace(/[.,;:!?]+$/, ""));
}

export function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** "https://example.com/blog/launch" → "example.com/blog/launch", a readable name for a page. */
export function pageName(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === "/" ? "" : u.pathname.replace(/\/$/, "")}`;
  } catch {
    return url;
  }
}

const METHOD_OF_VERB: Record<string, HttpMethod> = {
  delete: "DELETE",
  remove: "DELETE",
  cancel: "DELETE",
  purge: "DELETE",
  destroy: "DELETE",
  update: "PUT",
  replace: "PUT",
  overwrite: "PUT",
  change: "PATCH",
  modify: "PATCH",
  edit: "PATCH",
  patch: "PATCH",
  set: "PATCH",
  toggle: "PATCH",
  enable: "PATCH",
  disable: "PATCH",
  create: "POST",
  add: "POST",
  post: "POST",
  send: "POST",
  submit: "POST",
  notify: "POST",
  ping: "POST",
  push: "POST",
  deliver: "POST",
  drop: "POST",
  publish: "POST",
  share: "POST",
  forward: "POST",
  announce: "POST",
  tag: "POST",
  register: "POST",
  trigger: "POST",
  log: "POST",
  file: "POST",
  open: "POST",
};

const READ_VERBS =
  /^(?:read|fetch|pull|grab|get|check|scrape|summari[sz]e|sum|condense|recap|digest|review|study|skim|scan|browse|turn|take|use|using|compare|load|open|see|visit|watch|monitor|query|look)$/;
/** Nouns for things one reads: "the release notes at <url>" is a page, whatever the clause does with it. */
const DOCUMENT_NOUNS =
  /\b(?:article|page|pages|post|blog|notes|changelog|report|docs|documentation|guide|story|feed|data|json|file|paper|whitepaper|letter|pdf|site|website|readme|faq|review|case study|roundup|thread|transcript|essay|announcement|press release|listing|rates|metrics|stats|statistics|status|content|text|copy|recap|summary|digest|source|sources)\s*$/;
const DELIVER_VERBS = new Set(["post", "send", "submit", "notify", "ping", "push", "deliver", "drop", "publish", "share", "forward", "announce"]);
const ENDPOINT_NOUNS = /\b(?:webhook|hook|endpoint|channel|inbox|url|address)\s*(?:at|url|:)?\s*$/;

function isApi(url: string, near: string): boolean {
  return /\/api\/|\/v\d+\/|\.json(?:$|\?)|\/graphql\b/i.test(url) || /^https?:\/\/api\./i.test(url) || /\b(?:api|endpoint|json|status)\b/.test(near);
}

function roleOf(url: string, clause: Clause, index: number, previous: UrlRole | undefined): Omit<UrlRole, "url" | "clause"> {
  const at = clause.text.indexOf(url);
  const before = clause.text.slice(0, at).replace(URL_RE, " ").trimEnd();
  const lowerBefore = before.toLowerCase();
  const near = lowerBefore.split(/\s+/).slice(-4).join(" ");
  const api = isApi(url, near);
  const read = { role: "read" as const, method: "GET" as const, api };
  const call = (method: HttpMethod) => ({ role: method === "GET" ? ("read" as const) : ("call" as const), method, api });

  // An explicit method wins: "with a POST", "by sending DELETE to <url>", "PUT <url>".
  const explicit = /\b(GET|POST|PUT|PATCH|DELETE)\b/.exec(clause.text.replace(URL_RE, " "));
  if (explicit) return call(explicit[1] as HttpMethod);

  const lastWord = /([a-z'-]+)\s*[,:]?\s*$/.exec(lowerBefore)?.[1] ?? "";
  if (/^(?:of|from)$/.test(lastWord) || /\bwhat(?:'s| is) (?:on|at|in)$/.test(near)) return read;
  // "<url1> and <url2>": the second does what the first does.
  if (lastWord === "and" && previous && previous.clause === index) return { role: previous.role, method: previous.method, api };
  if (READ_VERBS.test(lastWord)) return read;
  const verb = clause.verb ?? "";
  // "the notes at <url>" is a page to read; "post a summary in <url>" delivers the summary there.
  const delivers = DELIVER_VERBS.has(verb) && /^(?:in|into|to|onto)$/.test(lastWord);
  if (/^(?:at|on)$/.test(lastWord) && DOCUMENT_NOUNS.test(lowerBefore.replace(/\s*(?:at|on)$/, ""))) return read;
  if (!delivers && DOCUMENT_NOUNS.test(lowerBefore) && !ENDPOINT_NOUNS.test(lowerBefore)) return read;

  const verbMethod = METHOD_OF_VERB[verb];
  const deliverCue = /^(?:to|into|in|onto)$/.test(lastWord) || ENDPOINT_NOUNS.test(lowerBefore);
  if (verbMethod && verbMethod !== "POST") return call(verbMethod);
  if (verbMethod === "POST") return call("POST");
  if (deliverCue) return call("POST");
  if (READ_VERBS.test(verb)) return read;
  return read;
}

/** Every URL of the goal with its role, in the order written. */
export function urlRoles(clauses: Clause[]): UrlRole[] {
  const out: UrlRole[] = [];
  clauses.forEach((c, i) => {
    for (const url of findUrls(c.text)) {
      if (out.some((o) => o.url === url)) continue;
      out.push({ url, clause: i, ...roleOf(url, c, i, out.at(-1)) });
    }
  });
  return out;
}
