// What text the API accepts. THE RULE: a string from a request — a JSON body (keys and values), a
// query parameter, an uploaded or pasted document and its title, a page imported by URL — that
// contains U+0000 (NUL) or a lone surrogate (U+D800–U+DFFF without its pair) is REFUSED with 400
// naming the field or JSON path. Path parameters are ids, and an id with either is no id: 404
// naming the parameter (lib/http/ids.ts). Never stripped: silently changing what someone sent (a
// hash they will decide on, a key, a document) is worse than saying no. Postgres cannot store
// either (text and jsonb refuse NUL; jsonb refuses an unpaired \uD800 escape): they were 500s.
//
// Where each arrives from: `\u0000` and `\uD800` escapes in JSON text; `%00` in a URL (a
// percent-encoded surrogate, `%ED%A0%80`, is invalid UTF-8: the query parser turns it into U+FFFD
// and a path segment cannot be decoded at all, which lib/http/guard.ts answers with 400); NUL
// bytes in an upload (valid UTF-8, so only this check stops them).
import { formatPath } from "../plan/path";
import type { ApiIssue } from "./issue";

/** Why `s` cannot be accepted, or null. Linear, allocation-free on the common path. */
export function unsafeText(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return `contains a NUL character (U+0000) at position ${i}`;
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `contains a lone surrogate (U+${c.toString(16).toUpperCase()}) at position ${i}; not valid Unicode`;
    }
  }
  return null;
}

/**
 * The first string (key or value, in document order) in a parsed JSON value that breaks the rule,
 * with its JSON path. Iterative (a stack of open containers, no recursion), so any nesting is safe;
 * the path is only built for a hit.
 */
export function findUnsafeText(root: unknown): ApiIssue | null {
  if (typeof root === "string") {
    const why = unsafeText(root);
    return why ? { path: "(root)", message: why } : null;
  }
  if (root === null || typeof root !== "object") return null;
  // Each open container and the position in it (an index; for objects, into its keys).
  type Frame = { node: object; keys: string[] | null; i: number };
  const open = (node: object): Frame => ({ node, keys: Array.isArray(node) ? null : Object.keys(node), i: 0 });
  const frames: Frame[] = [open(root)];
  const here = () => formatPath(frames.map((f) => (f.keys ? f.keys[f.i]! : f.i)));
  while (frames.length) {
    const f = frames[frames.length - 1]!;
    if (f.i >= (f.keys ?? (f.node as unknown[])).length) {
      frames.pop();
      if (frames.length) frames[frames.length - 1]!.i++;
      continue;
    }
    const key = f.keys?.[f.i];
    if (key !== undefined) {
      const bad = unsafeText(key);
      if (bad) return { path: here(), message: `the key ${bad}` };
    }
    const child: unknown = key !== undefined ? (f.node as Record<string, unknown>)[key] : (f.node as unknown[])[f.i];
    if (child !== null && typeof child === "object") {
      frames.push(open(child));
      continue;
    }
    if (typeof child === "string") {
      const why = unsafeText(child);
      if (why) return { path: here(), message: why };
    }
    f.i++;
  }
  return null;
}

/** Issues for query parameters (names and values) that break the rule; each names its parameter. */
export function queryIssues(params: URLSearchParams): ApiIssue[] {
  const issues: ApiIssue[] = [];
  for (const [name, value] of params) {
    const why = unsafeText(name) ?? unsafeText(value);
    if (why) issues.push({ path: unsafeText(name) ? "(query)" : name, message: why });
  }
  return issues;
}
