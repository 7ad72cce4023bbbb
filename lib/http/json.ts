import { UnauthenticatedError } from "../auth";
import type { z } from "zod";
import { describeZodIssue } from "../plan/issues";
import { PLAN_LIMITS } from "../plan/schema";
import { MAX_JSON_DEPTH, tooDeepAt } from "./json-depth";
import type { ApiIssue } from "./issue";
import { findUnsafeText, queryIssues } from "./text";

export type { ApiIssue } from "./issue";

export function json(body: unknown, init: number | ResponseInit = 200): Response {
  const base = typeof init === "number" ? { status: init } : init;
  return Response.json(body, { ...base, headers: { "cache-control": "no-store", ...base.headers } });
}

/**
 * Every error is `{error, issues: [{path, message}]}`. `path` names the field or JSON path at
 * fault; an error that is about no one field (401, 5xx, a conflict) carries one issue with the
 * path "(request)" and the error as its message.
 */
export function apiError(status: number, error: string, issues?: ApiIssue[]): Response {
  return json({ error, issues: issues?.length ? issues : [{ path: "(request)", message: error }] }, status);
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };
export type BodyBytes = { ok: true; bytes: Buffer<ArrayBuffer> } | { ok: false; response: Response };

/** How long a request body may take to arrive in full: PLANVAS_BODY_TIMEOUT_MS, default 10 s. */
export function bodyTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.PLANVAS_BODY_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : 10_000;
}

// 413 and 408 leave part of the body unread: close the connection rather than wait for the rest.
const bodyError = (status: 408 | 413, error: string, message: string): Response =>
  json({ error, issues: [{ path: "(body)", message }] }, { status, headers: { connection: "close" } });
const tooLarge = (maxBytes: number) => bodyError(413, `request body is larger than ${maxBytes} bytes`, `at most ${maxBytes} bytes`);

/**
 * Reads a request body up to `maxBytes`, streaming, so an oversized body is refused without being
 * held in memory: a declared Content-Length above the limit is 413 before a byte is read, a body
 * that grows past it is 413 as soon as it does, and a body that has not arrived in full within
 * `timeoutMs` is 408 — a slow or lying client cannot hold the handler. (This only works because
 * nothing reads the body before the handler: proxy.ts does not run for /api, see its matcher.)
 */
export async function readBody(req: Request, maxBytes: number, timeoutMs: number = bodyTimeoutMs()): Promise<BodyBytes> {
  if (Number(req.headers.get("content-length") ?? NaN) > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<"expired">((resolve) => {
      timer = setTimeout(() => resolve("expired"), timeoutMs);
    });
    const stop = () => void reader.cancel().catch(() => {});
    try {
      for (;;) {
        const next = await Promise.race([reader.read(), expired]);
        if (next === "expired") {
          stop();
          return { ok: false, response: bodyError(408, `the request body did not arrive within ${timeoutMs} ms`, `incomplete after ${size} bytes`) };
        }
        if (next.done) break;
        size += next.value.byteLength;
        if (size > maxBytes) {
          stop();
          return { ok: false, response: tooLarge(maxBytes) };
        }
        chunks.push(next.value);
      }
    } catch (e) {
      // The client went away mid-body: its input, not a server failure.
      return { ok: false, response: apiError(400, `the request body could not be read: ${(e as Error).message}`, [{ path: "(body)", message: "incomplete" }]) };
    } finally {
      clearTimeout(timer);
    }
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/**
 * Reads a JSON request body with a size cap and a time limit (see readBody: 413, 408). Malformed
 * → 400 naming the parse error; nested deeper than MAX_JSON_DEPTH → 400 with the path, checked on
 * the text before parsing; a string with NUL or a lone surrogate → 400 with its path (the rule in
 * lib/http/text.ts). So bad input never turns into a 500, in any route that reads JSON.
 */
export async function readJson(req: Request, maxBytes: number = PLAN_LIMITS.maxBytes): Promise<BodyResult> {
  const body = await readBody(req, maxBytes);
  if (!body.ok) return body;
  const text = body.bytes.toString("utf8");
  if (!text.trim())
    return { ok: false, response: apiError(400, "request body is empty; expected JSON", [{ path: "(root)", message: "expected a JSON document" }]) };
  const deep = tooDeepAt(text);
  if (deep !== null) {
    const message = `nested deeper than ${MAX_JSON_DEPTH} levels`;
    return { ok: false, response: apiError(400, `malformed JSON: ${deep}: ${message}`, [{ path: deep, message }]) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = `malformed JSON: ${(e as Error).message}`;
    return { ok: false, response: apiError(400, message, [{ path: "(root)", message }]) };
  }
  const unsafe = findUnsafeText(value);
  if (unsafe) return { ok: false, response: apiError(400, `invalid text: ${unsafe.path}: ${unsafe.message}`, [unsafe]) };
  return { ok: true, value };
}

export type QueryResult = { ok: true; params: URLSearchParams } | { ok: false; response: Response };

/** The query parameters of a request; 400 naming the parameter when one breaks the text rule. */
export function readQuery(req: Request): QueryResult {
  const params = new URL(req.url).searchParams;
  const issues = queryIssues(params);
  if (issues.length) return { ok: false, response: apiError(400, `invalid query: ${issues[0]!.path}: ${issues[0]!.message}`, issues) };
  return { ok: true, params };
}

export type ParsedBody<T> = { ok: true; data: T; raw: unknown } | { ok: false; response: Response };

/**
 * A JSON body read with `readJson` and checked against `schema`: the data, or the 400 that names
 * every problem by its JSON path (`what` starts the message: "invalid request", "invalid decision").
 */
export async function parseBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  opts: { maxBytes?: number; what?: string } = {},
): Promise<ParsedBody<z.output<S>>> {
  const parsed = await readJson(req, opts.maxBytes);
  if (!parsed.ok) return parsed;
  const shape = schema.safeParse(parsed.value);
  if (shape.success) return { ok: true, data: shape.data, raw: parsed.value };
  const issues = shape.error.issues.map((i) => describeZodIssue(i, parsed.value));
  return { ok: false, response: apiError(400, `${opts.what ?? "invalid request"}: ${issues[0]!.path}: ${issues[0]!.message}`, issues) };
}

/** Prefixes issue paths found inside a nested document: `steps[0]` under `plan` → `plan.steps[0]`. */
export function nestIssues(prefix: string, issues: readonly ApiIssue[]): ApiIssue[] {
  return issues.map((i) => ({
    path: i.path === "(root)" ? prefix : i.path.startsWith("[") ? `${prefix}${i.path}` : `${prefix}.${i.path}`,
    message: i.message,
  }));
}

/**
 * Last line of defence: an unexpected failure is logged and answered as JSON, never an HTML page.
 * No session or API token (or a revoked one) is a 401 naming what to do, not a failure.
 */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (e) {
      if (e instanceof UnauthenticatedError) return apiError(401, e.message);
      console.error("[planvas] request failed:", e);
      return apiError(500, "internal error; the server log has the details");
    }
  };
}
