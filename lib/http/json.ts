import { UnauthenticatedError } from "../auth";
import { PLAN_LIMITS } from "../plan/schema";

export interface ApiIssue {
  path: string;
  message: string;
}

export function json(body: unknown, init: number | ResponseInit = 200): Response {
  const base = typeof init === "number" ? { status: init } : init;
  return Response.json(body, { ...base, headers: { "cache-control": "no-store", ...base.headers } });
}

export function apiError(status: number, error: string, issues?: ApiIssue[]): Response {
  return json(issues ? { error, issues } : { error }, status);
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };

/**
 * Reads a request body up to `maxBytes`, streaming, so an oversized body is refused without being
 * held in memory; null when it is larger (declared or actual).
 */
export async function readBody(req: Request, maxBytes: number): Promise<Buffer<ArrayBuffer> | null> {
  if (Number(req.headers.get("content-length") ?? NaN) > maxBytes) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a JSON request body with a size cap. Too large → 413, malformed → 400 naming the parse
 * error, so bad input never turns into a 500.
 */
export async function readJson(req: Request, maxBytes: number = PLAN_LIMITS.maxBytes): Promise<BodyResult> {
  const body = await readBody(req, maxBytes);
  if (!body) return { ok: false, response: apiError(413, `request body is larger than ${maxBytes} bytes`, [{ path: "(root)", message: `at most ${maxBytes} bytes` }]) };
  const text = body.toString("utf8");
  if (!text.trim()) return { ok: false, response: apiError(400, "request body is empty; expected JSON", [{ path: "(root)", message: "expected a JSON document" }]) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = `malformed JSON: ${(e as Error).message}`;
    return { ok: false, response: apiError(400, message, [{ path: "(root)", message }]) };
  }
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
 * A missing Supabase session (only possible with Supabase Auth configured) is a 401, not a failure.
 */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (e) {
      if (e instanceof UnauthenticatedError) return apiError(401, "sign in required");
      console.error("[planvas] request failed:", e);
      return apiError(500, "internal error; the server log has the details");
    }
  };
}
