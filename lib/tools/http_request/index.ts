import { z } from "zod";
import { redactUrl, safeFetch } from "../../net/ssrf";
import { decodeText, mediaTypeOf } from "../fetch_url/extract";
import { withBehaviour } from "../types";
import { httpRequestOffline } from "./offline";
import { httpRequestTool } from "./tool";
import { headerProblem, HTTP_METHODS, httpRequestInputSchema } from "./schema";
import { httpRequestOutputSchema } from "./output";

export const MAX_RESPONSE_BYTES = 100 * 1024;

/** Response headers never returned: session secrets and connection details. */
const HIDDEN_RESPONSE_HEADERS = new Set(["set-cookie", "set-cookie2", "connection", "keep-alive", "transfer-encoding"]);

export { HTTP_METHODS, httpRequestInputSchema, httpRequestOutputSchema };

export type HttpRequestInput = z.output<typeof httpRequestInputSchema>;
export type HttpRequestOutput = z.output<typeof httpRequestOutputSchema>;

/**
 * Methods that change something carry an Idempotency-Key (unless the plan set one), stable across
 * retries and crashes of the call, so a receiver that honours it (Stripe-style) acts once.
 */
function requestHeaders(input: HttpRequestInput, idempotencyKey: string | undefined): Record<string, string> {
  // Null prototype: a header named like an Object.prototype member is just a header.
  const headers: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, { "user-agent": "Planvas/0.1 (http_request)" });
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    const problem = headerProblem(name, value);
    if (problem) throw new Error(`refused ${redactUrl(input.url)}: ${problem}`);
    headers[name.toLowerCase()] = value;
  }
  if (input.body !== undefined && headers["content-type"] === undefined)
    headers["content-type"] = isJson(input.body) ? "application/json" : "text/plain;charset=UTF-8";
  if (idempotencyKey && input.method !== "GET" && headers["idempotency-key"] === undefined) headers["idempotency-key"] = idempotencyKey;
  return headers;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function visibleHeaders(headers: Headers): Record<string, string> {
  const out = Object.create(null) as Record<string, string>; // names come from the remote server
  headers.forEach((value, name) => {
    if (!HIDDEN_RESPONSE_HEADERS.has(name)) out[name] = value.length > 2000 ? `${value.slice(0, 2000)}…` : value;
  });
  return out;
}

function parseJson(contentType: string, body: string, truncated: boolean): unknown {
  const type = mediaTypeOf(contentType);
  if (truncated || !(type === "application/json" || type.endsWith("+json"))) return null;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}

export const httpRequest = withBehaviour<HttpRequestInput, HttpRequestOutput>(httpRequestTool, {
  offline: httpRequestOffline,
  async execute(input, ctx) {
    if (input.body !== undefined && input.method === "GET") throw new Error(`refused ${redactUrl(input.url)}: a GET request cannot have a body`);
    const started = performance.now();
    const res = await safeFetch(
      input.url,
      { method: input.method, headers: requestHeaders(input, ctx.sideEffect?.idempotencyKey), body: input.body },
      {
        allowPrivate: ctx.settings.allowPrivateUrls,
        signal: ctx.signal,
        maxBytes: MAX_RESPONSE_BYTES,
        onBeforeSend: input.method === "GET" ? undefined : ctx.sideEffect?.beforeSend,
      },
    );
    const durationMs = Math.round(performance.now() - started);
    const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(res.contentType)?.[1] ?? "utf-8";
    const body = decodeText(res.bytes, charset);
    // Webhook URLs often carry their secret in the path or query, so only the origin is logged.
    ctx.log("http_request", { method: input.method, origin: new URL(res.finalUrl).origin, status: res.status, bytes: res.bytes.byteLength, durationMs });
    return {
      method: input.method,
      url: input.url,
      finalUrl: res.finalUrl,
      status: res.status,
      statusText: res.statusText,
      ok: res.status >= 200 && res.status <= 299,
      contentType: res.contentType,
      headers: visibleHeaders(res.headers),
      body,
      truncated: res.truncated,
      json: parseJson(res.contentType, body, res.truncated),
      durationMs,
    };
  },
});
