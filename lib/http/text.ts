// What text the API accepts. THE RULE: a string from a request — a JSON body (keys and values), a
// query parameter, a path parameter, an uploaded or pasted document and its title — that contains
// U+0000 (NUL) or a lone surrogate (U+D800–U+DFFF without its pair) is REFUSED with 400 naming
// the field or JSON path. Never stripped: silently changing what someone sent (a hash they will
// decide on, a key, a document) is worse than saying no. Postgres cannot store either (text and
// jsonb refuse NUL; jsonb refuses an unpaired \uD800 escape), so letting them through was a 500.
//
// Where each arrives from: `\u0000` and `\uD800` escapes in JSON text; `%00` in a URL (a
// percent-encoded surrogate, `%ED%A0%80`, is invalid UTF-8: the query parser turns it into U+FFFD
// and a path segment cannot be decoded at all, which lib/http/guard.ts answers with 400); NUL
// bytes in an upload (valid UTF-8, so only this check stops them).
import { formatPath } from "../plan/path";
import type { ApiIssue } from "./json";

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
 * with its JSON path. Iterative (a stack, no recursion), so any nesting is safe.
 */
export function findUnsafeText(root: unknown): ApiIssue | null {
  const stack: { value: unknown; path: (string | number)[]; key?: string }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path, key } = stack.pop()!;
    const badKey = key === undefined ? null : unsafeText(key);
    if (badKey) return { path: formatPath(path), message: `the key ${badKey}` };
    if (typeof value === "string") {
      const why = unsafeText(value);
      if (why) return { path: formatPath(path), message: why };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    } else if (value !== null && typeof value === "object") {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (value as Record<string, unknown>)[keys[i]!], path: [...path, keys[i]!], key: keys[i]! });
    }
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
