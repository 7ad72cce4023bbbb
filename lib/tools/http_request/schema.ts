// Browser-safe: the tool's input schema only (zod, nothing else), so the canvas can build its form.
import { z } from "zod";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * Request headers a plan may not set. Framing and connection headers belong to the HTTP client (a
 * wrong Content-Length or Transfer-Encoding would corrupt or smuggle requests), Host would let a
 * plan reach a virtual host other than the vetted URL's, and no proxy is ever used. Authorization
 * and Cookie are allowed: there is no ambient cookie jar or credential, only what the plan author
 * wrote, and both are dropped on cross-origin redirects.
 */
const FORBIDDEN_REQUEST_HEADERS = new Set([
  "host",
  "content-length",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "expect",
  "http2-settings",
]);

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function headerProblem(name: string, value: string): string | null {
  const lower = name.toLowerCase();
  if (!HEADER_NAME.test(name)) return `"${name}" is not a valid header name`;
  if (FORBIDDEN_REQUEST_HEADERS.has(lower) || lower.startsWith("proxy-")) return `the ${lower} header is set by the HTTP client and cannot be given`;
  if (/[\r\n\0]/.test(value)) return `the ${lower} header value contains a line break or NUL`;
  return null;
}

export const httpRequestInputFields = z.object({
  method: z.enum(HTTP_METHODS).default("GET").describe("HTTP method. Anything other than GET may change data on the server and needs approval first."),
  url: z
    .string()
    .url({ protocol: /^https?$/, error: "must be an http or https URL" })
    .describe("The endpoint to call, for example a webhook URL (http or https)."),
  headers: z
    .record(z.string(), z.string())
    .optional()
    .describe("Request headers, for example Authorization. Host, Content-Length and connection headers are set automatically."),
  body: z.string().optional().describe("Request body, sent as written. JSON is sent as application/json unless a Content-Type header says otherwise."),
});

/** Checks across fields; written for partial input too (a plan's static inputs may omit fields). */
export function checkHttpRequestInput(input: { method?: string; headers?: Record<string, string>; body?: string }, ctx: z.RefinementCtx): void {
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    const problem = headerProblem(name, value);
    if (problem) ctx.addIssue({ code: "custom", path: ["headers", name], message: problem });
  }
  if (input.body !== undefined && (input.method ?? "GET") === "GET")
    ctx.addIssue({ code: "custom", path: ["body"], message: "a GET request cannot have a body" });
}

export const httpRequestInputSchema = httpRequestInputFields.superRefine(checkHttpRequestInput);
