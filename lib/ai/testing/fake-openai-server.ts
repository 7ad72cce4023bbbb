// Test double of OpenAI's HTTP API for integration tests.
//
// A small node:http server on 127.0.0.1 that speaks the wire formats `@ai-sdk/openai` parses:
// POST /v1/chat/completions (JSON, or SSE `data:` chunks ending with `data: [DONE]` when the body
// has `stream: true`), POST /v1/responses (JSON, or the typed SSE event stream) and
// POST /v1/images/generations. What the model answers is decided per test by a handler that gets
// the parsed request body; the server turns the answer into the right wire format. It also applies
// two checks OpenAI itself makes: the bearer key (when one is configured) and strict JSON schemas
// (every object closed with `additionalProperties: false` and every property required). Not
// imported by application code.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32, deflateSync } from "node:zlib";

/** A request body as the provider sent it (parsed JSON). */
export type FakeRequestBody = Record<string, unknown>;

export interface RecordedRequest {
  method: string;
  path: string;
  body: FakeRequestBody;
  headers: IncomingHttpHeaders;
}

export interface FakeToolCall {
  name: string;
  /** An object is sent as its JSON text; a string is sent as written (to test malformed arguments). */
  arguments: Record<string, unknown> | string;
}

/** An upstream failure: answered with this HTTP status and OpenAI's error body. */
export interface FakeError {
  status: number;
  message: string;
  type?: string;
  code?: string | null;
  /** Sent as `retry-after-ms` (the AI SDK honours it, so retries in tests need not wait seconds). */
  retryAfterMs?: number;
}

/** What the model answers: assistant text, one function call, several, or an HTTP error. */
export type FakeReply = { text: string } | { toolCall: FakeToolCall } | { toolCalls: FakeToolCall[] } | { error: FakeError };

export interface FakeRequestInfo {
  api: "chat" | "responses";
  stream: boolean;
  /** 0-based count of model requests (chat and responses together) before this one. */
  index: number;
}

export type FakeModelHandler = (body: FakeRequestBody, info: FakeRequestInfo) => FakeReply | Promise<FakeReply>;

/** The image endpoint's answer: a PNG (a tiny real one by default) and an optional revised prompt. */
export type FakeImageReply = { png?: Uint8Array; revisedPrompt?: string } | { error: FakeError };
export type FakeImageHandler = (body: FakeRequestBody) => FakeImageReply | Promise<FakeImageReply>;

export interface FakeOpenAIHandlers {
  /** Answers /v1/chat/completions and /v1/responses. Default: the text "ok". */
  model?: FakeModelHandler;
  /** Answers /v1/images/generations. Default: `tinyPng()`. */
  image?: FakeImageHandler;
}

export interface FakeOpenAIOptions {
  /** When set, every request must carry `Authorization: Bearer <apiKey>` or gets OpenAI's 401. */
  apiKey?: string;
  /** Characters per streamed text or arguments delta (default 12). */
  chunkSize?: number;
  /**
   * OpenAI's Chat Completions answers 400 when `parallel_tool_calls` is sent without `tools`;
   * OpenAI-compatible servers mostly ignore it. Off by default.
   */
  rejectParallelToolCallsWithoutTools?: boolean;
}

export interface FakeOpenAI {
  /** Base URL for `createOpenAI({ baseURL })`, ending in /v1. */
  url: string;
  /** Every request received, in order (including the rejected ones). */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// PNG

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A valid, decodable PNG of one solid RGB colour (8-bit truecolour, zlib-compressed). */
export function tinyPng(width = 2, height = 2, rgb: [number, number, number] = [37, 99, 235]): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, no filter, no interlace
  const row = Buffer.alloc(1 + width * 3); // filter byte 0, then the pixels
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return new Uint8Array(Buffer.concat([PNG_SIGNATURE, pngChunk("IHDR", ihdr), pngChunk("IDAT", deflateSync(raw)), pngChunk("IEND", Buffer.alloc(0))]));
}

// ---------------------------------------------------------------------------------------------
// Strict JSON schema rules (OpenAI structured outputs, `strict: true`)

/** The problems OpenAI would report for a strict schema: open objects and optional properties. */
export function strictSchemaProblems(schema: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(schema) || schema.type !== "object") problems.push("In context=(), the root schema must be an object");
  const visit = (node: unknown, context: string[]) => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, [...context, String(i)]));
    if (!isObject(node)) return;
    const where = `context=(${context.map((c) => `'${c}'`).join(", ")})`;
    const properties = isObject(node.properties) ? node.properties : undefined;
    if (node.type === "object" || properties) {
      if (node.additionalProperties !== false) problems.push(`In ${where}, 'additionalProperties' is required to be supplied and to be false.`);
      const required = Array.isArray(node.required) ? node.required : [];
      const missing = Object.keys(properties ?? {}).filter((k) => !required.includes(k));
      if (missing.length)
        problems.push(`In ${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "properties" && isObject(value)) for (const [name, sub] of Object.entries(value)) visit(sub, [...context, "properties", name]);
      else if (key === "$defs" || key === "definitions")
        for (const [name, sub] of Object.entries(isObject(value) ? value : {})) visit(sub, [...context, key, name]);
      else if (key === "items" || key === "anyOf" || key === "oneOf" || key === "allOf" || key === "additionalProperties") visit(value, [...context, key]);
    }
  };
  visit(schema, []);
  return problems;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A 400 when the request asks for something OpenAI refuses; null when it is acceptable. */
function requestProblem(api: "chat" | "responses", body: FakeRequestBody, opts: FakeOpenAIOptions): FakeError | null {
  const invalid = (message: string): FakeError => ({ status: 400, message, type: "invalid_request_error", code: null });
  if (typeof body.model !== "string" || !body.model) return invalid("you must provide a model parameter");
  const tools = Array.isArray(body.tools) ? body.tools : [];
  if (api === "chat") {
    if (!Array.isArray(body.messages) || body.messages.length === 0) return invalid("'messages' must contain at least one message");
    if (opts.rejectParallelToolCallsWithoutTools && body.parallel_tool_calls != null && tools.length === 0) {
      return invalid("Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are specified.");
    }
    const format = isObject(body.response_format) ? body.response_format : undefined;
    const js = format?.type === "json_schema" && isObject(format.json_schema) ? format.json_schema : undefined;
    if (js?.strict === true) {
      const p = strictSchemaProblems(js.schema);
      if (p.length) return invalid(`Invalid schema for response_format '${String(js.name)}': ${p[0]}`);
    }
    for (const t of tools) {
      const fn = isObject(t) && isObject(t.function) ? t.function : undefined;
      if (fn?.strict === true) {
        const p = strictSchemaProblems(fn.parameters);
        if (p.length) return invalid(`Invalid schema for function '${String(fn.name)}': ${p[0]}`);
      }
    }
  } else {
    if (body.input == null || (Array.isArray(body.input) && body.input.length === 0)) return invalid("Missing required parameter: 'input'.");
    const format = isObject(body.text) && isObject(body.text.format) ? body.text.format : undefined;
    if (format?.type === "json_schema" && format.strict === true) {
      const p = strictSchemaProblems(format.schema);
      if (p.length) return invalid(`Invalid schema for response_format '${String(format.name)}': ${p[0]}`);
    }
    for (const t of tools) {
      if (isObject(t) && t.type === "function" && t.strict === true) {
        const p = strictSchemaProblems(t.parameters);
        if (p.length) return invalid(`Invalid schema for function '${String(t.name)}': ${p[0]}`);
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Wire formats

const USAGE = { prompt: 42, completion: 17 };

const pieces = (text: string, size: number): string[] => {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [""];
};

const argumentsText = (call: FakeToolCall) => (typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments));

function callsOf(reply: Exclude<FakeReply, { error: FakeError }>): FakeToolCall[] {
  if ("toolCall" in reply) return [reply.toolCall];
  if ("toolCalls" in reply) return reply.toolCalls;
  return [];
}

function chatCompletion(id: string, model: string, reply: Exclude<FakeReply, { error: FakeError }>) {
  const calls = callsOf(reply);
  return {
    id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: "text" in reply ? reply.text : null,
          refusal: null,
          ...(calls.length
            ? { tool_calls: calls.map((c, i) => ({ id: `call_${id}_${i}`, type: "function", function: { name: c.name, arguments: argumentsText(c) } })) }
            : {}),
        },
        logprobs: null,
        finish_reason: calls.length ? "tool_calls" : "stop",
      },
    ],
    usage: { prompt_tokens: USAGE.prompt, completion_tokens: USAGE.completion, total_tokens: USAGE.prompt + USAGE.completion },
  };
}

function chatChunks(id: string, model: string, reply: Exclude<FakeReply, { error: FakeError }>, size: number, includeUsage: boolean): unknown[] {
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    id,
    object: "chat.completion.chunk",
    created,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const calls = callsOf(reply);
  const out: unknown[] = [chunk({ role: "assistant", content: "text" in reply ? "" : null, refusal: null })];
  if ("text" in reply) for (const p of pieces(reply.text, size)) out.push(chunk({ content: p }));
  calls.forEach((c, index) => {
    out.push(chunk({ tool_calls: [{ index, id: `call_${id}_${index}`, type: "function", function: { name: c.name, arguments: "" } }] }));
    for (const p of pieces(argumentsText(c), size)) out.push(chunk({ tool_calls: [{ index, function: { arguments: p } }] }));
  });
  out.push(chunk({}, calls.length ? "tool_calls" : "stop"));
  if (includeUsage)
    out.push({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices: [],
      usage: { prompt_tokens: USAGE.prompt, completion_tokens: USAGE.completion, total_tokens: USAGE.prompt + USAGE.completion },
    });
  return out;
}

interface ResponsesItem {
  item: Record<string, unknown>;
  /** Events between output_item.added and output_item.done (deltas). */
  events: Record<string, unknown>[];
  /** The item as output_item.added announces it. */
  added: Record<string, unknown>;
}

function responsesItems(id: string, reply: Exclude<FakeReply, { error: FakeError }>, size: number): ResponsesItem[] {
  const items: ResponsesItem[] = [];
  if ("text" in reply) {
    const msgId = `msg_${id}`;
    const outputIndex = items.length;
    const part = { type: "output_text", text: reply.text, annotations: [], logprobs: [] };
    items.push({
      added: { type: "message", id: msgId, status: "in_progress", role: "assistant", content: [] },
      item: { type: "message", id: msgId, status: "completed", role: "assistant", content: [part] },
      events: [
        { type: "response.content_part.added", item_id: msgId, output_index: outputIndex, content_index: 0, part: { ...part, text: "" } },
        ...pieces(reply.text, size).map((delta) => ({
          type: "response.output_text.delta",
          item_id: msgId,
          output_index: outputIndex,
          content_index: 0,
          delta,
          logprobs: [],
        })),
        { type: "response.output_text.done", item_id: msgId, output_index: outputIndex, content_index: 0, text: reply.text, logprobs: [] },
        { type: "response.content_part.done", item_id: msgId, output_index: outputIndex, content_index: 0, part },
      ],
    });
  }
  for (const [i, c] of callsOf(reply).entries()) {
    const fcId = `fc_${id}_${i}`;
    const outputIndex = items.length;
    const args = argumentsText(c);
    const base = { type: "function_call", id: fcId, call_id: `call_${id}_${i}`, name: c.name };
    items.push({
      added: { ...base, arguments: "", status: "in_progress" },
      item: { ...base, arguments: args, status: "completed" },
      events: [
        ...pieces(args, size).map((delta) => ({ type: "response.function_call_arguments.delta", item_id: fcId, output_index: outputIndex, delta })),
        { type: "response.function_call_arguments.done", item_id: fcId, output_index: outputIndex, arguments: args },
      ],
    });
  }
  return items;
}

function responseObject(id: string, body: FakeRequestBody, status: "in_progress" | "completed", output: unknown[]) {
  return {
    id: `resp_${id}`,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    model: body.model,
    output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    tool_choice: body.tool_choice ?? "auto",
    tools: body.tools ?? [],
    text: body.text ?? { format: { type: "text" } },
    usage:
      status === "completed"
        ? {
            input_tokens: USAGE.prompt,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: USAGE.completion,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: USAGE.prompt + USAGE.completion,
          }
        : null,
  };
}

function responsesEvents(id: string, body: FakeRequestBody, reply: Exclude<FakeReply, { error: FakeError }>, size: number): Record<string, unknown>[] {
  const items = responsesItems(id, reply, size);
  const events: Record<string, unknown>[] = [
    { type: "response.created", response: responseObject(id, body, "in_progress", []) },
    { type: "response.in_progress", response: responseObject(id, body, "in_progress", []) },
  ];
  items.forEach(({ added, item, events: inner }, outputIndex) => {
    events.push({ type: "response.output_item.added", output_index: outputIndex, item: added }, ...inner, {
      type: "response.output_item.done",
      output_index: outputIndex,
      item,
    });
  });
  events.push({
    type: "response.completed",
    response: responseObject(
      id,
      body,
      "completed",
      items.map((i) => i.item),
    ),
  });
  return events.map((e, sequence_number) => ({ ...e, sequence_number }));
}

// ---------------------------------------------------------------------------------------------
// Server

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

function sendError(res: ServerResponse, e: FakeError) {
  sendJson(
    res,
    e.status,
    { error: { message: e.message, type: e.type ?? (e.status >= 500 ? "server_error" : "invalid_request_error"), param: null, code: e.code ?? null } },
    e.retryAfterMs != null ? { "retry-after-ms": String(e.retryAfterMs) } : {},
  );
}

function sendEvents(res: ServerResponse, events: { event?: string; data: string }[]) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  for (const e of events) res.write(`${e.event ? `event: ${e.event}\n` : ""}data: ${e.data}\n\n`);
  res.end();
}

/** Starts the test double on 127.0.0.1 (a free port); `close()` it after the tests. */
export async function startFakeOpenAI(handlers: FakeOpenAIHandlers = {}, options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const size = Math.max(1, options.chunkSize ?? 12);
  let modelCalls = 0;
  let ids = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const path = (req.url ?? "/").split("?")[0]!;
        const raw = Buffer.concat(chunks).toString("utf8");
        let body: FakeRequestBody = {};
        try {
          const parsed: unknown = raw ? JSON.parse(raw) : {};
          body = isObject(parsed) ? parsed : {};
        } catch {
          requests.push({ method: req.method ?? "GET", path, body, headers: req.headers });
          return sendError(res, { status: 400, message: "We could not parse the JSON body of your request." });
        }
        requests.push({ method: req.method ?? "GET", path, body, headers: req.headers });

        if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
          return sendError(res, {
            status: 401,
            message: "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
            type: "invalid_request_error",
            code: "invalid_api_key",
          });
        }
        if (req.method !== "POST") return sendError(res, { status: 405, message: `Method ${req.method} not allowed` });

        const id = `fake${++ids}`;
        if (path === "/v1/images/generations") {
          if (typeof body.prompt !== "string" || !body.prompt) return sendError(res, { status: 400, message: "Missing required parameter: 'prompt'." });
          const reply: FakeImageReply = handlers.image ? await handlers.image(body) : {};
          if ("error" in reply) return sendError(res, reply.error);
          const b64 = Buffer.from(reply.png ?? tinyPng()).toString("base64");
          const n = typeof body.n === "number" ? body.n : 1;
          return sendJson(res, 200, {
            created: Math.floor(Date.now() / 1000),
            data: Array.from({ length: n }, () => ({ b64_json: b64, ...(reply.revisedPrompt ? { revised_prompt: reply.revisedPrompt } : {}) })),
            ...(typeof body.size === "string" ? { size: body.size } : {}),
          });
        }

        const api = path === "/v1/chat/completions" ? "chat" : path === "/v1/responses" ? "responses" : null;
        if (!api) return sendError(res, { status: 404, message: `Invalid URL (POST ${path})`, code: null });
        const problem = requestProblem(api, body, options);
        if (problem) return sendError(res, problem);
        const stream = body.stream === true;
        const reply: FakeReply = handlers.model ? await handlers.model(body, { api, stream, index: modelCalls++ }) : { text: "ok" };
        if ("error" in reply) return sendError(res, reply.error);
        const model = String(body.model);

        if (api === "chat") {
          if (!stream) return sendJson(res, 200, chatCompletion(`chatcmpl-${id}`, model, reply));
          const includeUsage = isObject(body.stream_options) && body.stream_options.include_usage === true;
          const events = chatChunks(`chatcmpl-${id}`, model, reply, size, includeUsage).map((c) => ({ data: JSON.stringify(c) }));
          return sendEvents(res, [...events, { data: "[DONE]" }]);
        }
        if (!stream) {
          return sendJson(
            res,
            200,
            responseObject(
              id,
              body,
              "completed",
              responsesItems(id, reply, size).map((i) => i.item),
            ),
          );
        }
        return sendEvents(
          res,
          responsesEvents(id, body, reply, size).map((e) => ({ event: String(e.type), data: JSON.stringify(e) })),
        );
      })().catch((e: unknown) => {
        if (!res.headersSent) sendError(res, { status: 500, message: `fake OpenAI handler failed: ${e instanceof Error ? e.message : String(e)}` });
        else res.destroy();
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
