// The Inngest SDK's HTTP protocol as spoken by an executor (what Inngest Cloud sends to a serve()
// handler), for inngest@4. Shapes checked against the SDK's sources: InngestCommHandler (sync,
// call, response codes and headers), helpers/functions (request body schema), helpers/net
// (signatures) and the execution engine (opcodes).
import { createHmac } from "node:crypto";
import { retryAfterMs } from "./schedule";

/** A memoized step result as the SDK expects it in `steps`. */
export type StepMemo = { type: "data"; data: unknown } | { type: "error"; error: unknown };

export interface EventPayload {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: unknown;
  v?: string;
}

/** One operation in a 206 response. */
export interface Op {
  op: string;
  id: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown>;
  data?: unknown;
  error?: unknown;
  userland?: { id?: string; index?: number };
}

/** The opcodes this runner implements; anything else fails the run (see runner.ts). */
export const SUPPORTED_OPS = ["StepRun", "StepError", "StepFailed", "StepPlanned", "Sleep", "WaitForEvent", "RunComplete"] as const;

export type CallOutcome =
  | { kind: "complete"; output: unknown }
  | { kind: "ops"; ops: Op[]; retryAfterMs?: number }
  | { kind: "error"; retriable: boolean; error: SerializedError; retryAfterMs?: number };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  [k: string]: unknown;
}

export interface FunctionInfo {
  /** Composite id `<appId>-<fnId>`: the `fnId` query parameter of every call. */
  id: string;
  name?: string;
  triggers: ({ event: string; expression?: string } | { cron: string })[];
  /** Retries after the first attempt (Inngest's default is 3). */
  retries: number;
  cancel: { event: string; if?: string; timeout?: string }[];
  /** Flow-control options present in the config; the embedded runner does not implement them. */
  ignoredOptions: string[];
}

export interface CallRequest {
  serveUrl: string;
  fnId: string;
  /** "step" for discovery, or a hashed step id to run that planned step. */
  stepId: string;
  event: EventPayload;
  events: EventPayload[];
  steps: Record<string, StepMemo>;
  stack: string[];
  runId: string;
  attempt: number;
  maxAttempts: number;
  disableImmediateExecution: boolean;
  /**
   * Lets the SDK run steps one after another within this call, sending each result to the
   * executor's checkpoint endpoint (`POST <api>/v1/checkpoint/<runId>/async`) before the next
   * (what Inngest calls async checkpointing). The SDK enables it when `ctx.fn_id` is present;
   * `qi_id` comes back in every checkpoint and names the call it belongs to.
   */
  checkpoint?: { fnId: string; callId: string };
}

export type Handler = (req: Request) => Promise<Response>;

/**
 * RFC 8785-style canonical JSON, as the `canonicalize` package the SDK uses: the SDK parses the
 * body, re-serializes it canonically and signs that, so the runner sends the canonical form and
 * signs exactly those bytes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object" || typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined || typeof v === "symbol" || typeof v === "function" ? "null" : canonicalJson(v))).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined || typeof v === "symbol" || typeof v === "function") continue;
    parts.push(`${JSON.stringify(k)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(",")}}`;
}

/** HMAC-SHA256 of body + timestamp with the key minus its `signkey-<env>-` prefix (helpers/net.ts). */
export function sign(body: string, signingKey: string, ts: number): string {
  const key = signingKey.replace(/^signkey-[\w]+-/, "");
  return createHmac("sha256", key)
    .update(body + String(ts))
    .digest("hex");
}

export function signatureHeader(body: string, signingKey: string, nowMs = Date.now()): string {
  // The SDK rejects signatures more than 5 minutes from its own clock: always the real clock.
  const ts = Math.round(nowMs / 1000);
  return `t=${ts}&s=${sign(body, signingKey, ts)}`;
}

function headers(body: string, signingKey: string | undefined): Headers {
  const h = new Headers({ "content-type": "application/json", "x-inngest-server-kind": signingKey ? "cloud" : "dev" });
  if (signingKey) h.set("x-inngest-signature", signatureHeader(body, signingKey));
  return h;
}

function toError(value: unknown, fallback: string): SerializedError {
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    const message = typeof v.message === "string" ? v.message : typeof v.error === "string" ? v.error : fallback;
    return { ...v, name: typeof v.name === "string" ? v.name : "Error", message };
  }
  if (typeof value === "string" && value) return { name: "Error", message: value };
  return { name: "Error", message: fallback };
}

export function errorOf(e: unknown): SerializedError {
  if (e instanceof Error) return { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
  return toError(e, String(e));
}

/**
 * In-band sync: `PUT <serveUrl>` with `x-inngest-sync-kind: in_band` and `{url}`; the handler
 * answers with its app id and function configs. A handler that answers out-of-band (e.g.
 * INNGEST_ALLOW_IN_BAND_SYNC=false) would try to register with an Inngest server instead, so that
 * is an error here.
 */
export async function syncApp(handler: Handler, serveUrl: string, signingKey: string | undefined): Promise<{ appId: string; functions: FunctionInfo[] }> {
  const body = canonicalJson({ url: serveUrl });
  const h = headers(body, signingKey);
  h.set("x-inngest-sync-kind", "in_band");
  const res = await handler(new Request(serveUrl, { method: "PUT", headers: h, body }));
  const text = await res.text();
  if (res.status !== 200) throw new Error(`in-band sync with ${serveUrl} failed: HTTP ${res.status} ${text.slice(0, 300)}`);
  if (res.headers.get("x-inngest-sync-kind") !== "in_band") {
    throw new Error(`${serveUrl} did not answer the in-band sync in-band (is INNGEST_ALLOW_IN_BAND_SYNC=false?): ${text.slice(0, 300)}`);
  }
  const parsed = JSON.parse(text) as { app_id?: string; functions?: Record<string, unknown>[] };
  const ignorable = ["concurrency", "throttle", "rateLimit", "debounce", "batchEvents", "idempotency", "priority", "singleton", "timeouts"];
  const functions = (parsed.functions ?? []).map((f): FunctionInfo => {
    const steps = (f.steps ?? {}) as Record<string, { retries?: { attempts?: number } }>;
    const attempts = Object.values(steps)[0]?.retries?.attempts;
    return {
      id: String(f.id),
      ...(typeof f.name === "string" ? { name: f.name } : {}),
      triggers: (f.triggers ?? []) as FunctionInfo["triggers"],
      retries: typeof attempts === "number" ? attempts : 3,
      cancel: (f.cancel ?? []) as FunctionInfo["cancel"],
      ignoredOptions: ignorable.filter((k) => f[k] !== undefined && f[k] !== null),
    };
  });
  return { appId: String(parsed.app_id ?? ""), functions };
}

/** A checkpoint the SDK sends during a call: the steps it completed since the previous one. */
export interface CheckpointRequest {
  runId: string;
  callId: string;
  steps: Op[];
}

/** Parses `POST /v1/checkpoint/<runId>/async`; null when the path is not a checkpoint. */
export function checkpointOf(path: string, body: unknown): CheckpointRequest | null {
  const m = /\/v1\/checkpoint\/([^/]+)\/async\/?$/.exec(path);
  if (!m) return null;
  const b = (body ?? {}) as { run_id?: unknown; qi_id?: unknown; steps?: unknown };
  const runId = decodeURIComponent(m[1]!);
  if (b.run_id !== runId || typeof b.qi_id !== "string" || !Array.isArray(b.steps)) {
    throw new Error("malformed checkpoint: run_id must match the path, qi_id must be a string and steps an array");
  }
  if (!b.steps.every((o) => o && typeof o === "object" && typeof (o as Op).op === "string" && typeof (o as Op).id === "string")) {
    throw new Error("malformed checkpoint: every step needs an op and an id");
  }
  return { runId, callId: b.qi_id, steps: b.steps as Op[] };
}

/** Calls the function once (one "request" in Inngest's terms) and classifies the answer. */
export async function callFunction(handler: Handler, r: CallRequest, signingKey: string | undefined): Promise<CallOutcome> {
  const url = new URL(r.serveUrl);
  url.searchParams.set("fnId", r.fnId);
  url.searchParams.set("stepId", r.stepId);
  const body = canonicalJson({
    version: 2,
    event: r.event,
    events: r.events,
    steps: r.steps,
    ctx: {
      run_id: r.runId,
      attempt: r.attempt,
      max_attempts: r.maxAttempts,
      disable_immediate_execution: r.disableImmediateExecution,
      use_api: false,
      stack: { stack: r.stack, current: Math.max(0, r.stack.length - 1) },
      ...(r.checkpoint ? { fn_id: r.checkpoint.fnId, qi_id: r.checkpoint.callId } : {}),
    },
  });
  const h = headers(body, signingKey);
  let res: Response;
  try {
    res = await handler(new Request(url, { method: "POST", headers: h, body }));
  } catch (e) {
    return { kind: "error", retriable: true, error: errorOf(e) };
  }
  let status = res.status;
  let text = await res.text();
  let header = (name: string) => res.headers.get(name);
  if (status === 201) {
    // A streaming handler (serve({ streaming }) or INNGEST_STREAMING) answers 201 with whitespace
    // keep-alives followed by the real response as JSON {status, headers, body}.
    try {
      const inner = JSON.parse(text.trim()) as { status: number; headers?: Record<string, string>; body?: string };
      const h = new Headers(inner.headers ?? {});
      status = inner.status;
      text = typeof inner.body === "string" ? inner.body : JSON.stringify(inner.body ?? null);
      header = (name) => h.get(name);
    } catch {
      return { kind: "error", retriable: true, error: { name: "Error", message: `unparseable streamed response: ${text.trim().slice(0, 300)}` } };
    }
  }
  const retryAfter = retryAfterMs(header("retry-after"), Date.now());
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = undefined;
  }
  if (status === 200) {
    if (json === undefined) return { kind: "error", retriable: true, error: { name: "Error", message: `unparseable 200 response: ${text.slice(0, 300)}` } };
    return { kind: "complete", output: json };
  }
  if (status === 206) {
    const ops = Array.isArray(json) ? json : json && typeof json === "object" && "op" in json ? [json] : null;
    if (!ops || !ops.every((o) => o && typeof o === "object" && typeof (o as Op).op === "string")) {
      return { kind: "error", retriable: false, error: { name: "Error", message: `malformed 206 response from the SDK: ${text.slice(0, 300)}` } };
    }
    return { kind: "ops", ops: ops as Op[], ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}) };
  }
  const noRetry = header("x-inngest-no-retry") === "true";
  return {
    kind: "error",
    retriable: !noRetry,
    error: toError(json, `HTTP ${status} from ${url.pathname}: ${text.slice(0, 300)}`),
    ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
  };
}
