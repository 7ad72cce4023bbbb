// Integration tests: the planner, the executor and the image tool through the REAL @ai-sdk/openai
// provider (its HTTP requests, SSE parsing and error handling) against a test double of OpenAI's
// API on 127.0.0.1, for both the Chat Completions and the Responses API.
import { afterEach, describe, expect, it } from "vitest";
import { executeStep } from "../executor";
import { planGoal, PlanningError, plannerOutputToPlan, streamPlan, type PlannerDraft } from "../planner";
import { generateImage } from "../tools/generate_image";
import { pngSize } from "../tools/generate_image/png";
import { MemoryAssets, MemoryKnowledge, toolContext } from "../tools/testing";
import { createModels } from "./models";
import {
  startFakeOpenAI,
  tinyPng,
  type FakeOpenAI,
  type FakeOpenAIHandlers,
  type FakeOpenAIOptions,
  type FakeRequestBody,
  type RecordedRequest,
} from "./testing/fake-openai-server";

const KEY = "test-key";
const GOAL = "Research AI marketing trends, summarize them, write a LinkedIn post and send it to https://example.com/hooks/abc";

/** A planner answer with every input property of each tool (null where unset; http_request has no headers). */
const PLAN = {
  title: "AI marketing trends post",
  steps: [
    {
      toolName: "web_search",
      description: "Search for AI marketing trends",
      requiresApproval: false,
      input: { query: "AI marketing trends 2026", maxResults: 5 },
    },
    { toolName: "summarize", description: "Summarize the findings", requiresApproval: false, input: { focus: "AI marketing trends", maxWords: 150 } },
    {
      toolName: "format_post",
      description: "Write the LinkedIn post",
      requiresApproval: false,
      input: { platform: "linkedin", format: "post", topic: null, tone: "professional" },
    },
    {
      toolName: "http_request",
      description: "Send the post to the webhook",
      requiresApproval: true,
      input: { method: "POST", url: "https://example.com/hooks/abc", body: null },
    },
  ],
  notPlanned: [],
};

const SUMMARY = { summary: "Marketers use AI agents to run campaigns end to end.", points: ["AI agents plan campaigns.", "Personalization is expected."] };

const APIS = ["chat", "responses"] as const;

let server: FakeOpenAI | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(handlers: FakeOpenAIHandlers, options: FakeOpenAIOptions = {}) {
  server = await startFakeOpenAI(handlers, { apiKey: KEY, ...options });
  return server;
}

function models(api: "chat" | "responses", url: string, apiKey = KEY) {
  return createModels({
    provider: "openai-compatible",
    api,
    baseURL: url,
    apiKey,
    plannerModel: "test-planner",
    executorModel: "test-executor",
    imageModel: "test-image",
  });
}

const modelPath = (api: "chat" | "responses") => (api === "chat" ? "/v1/chat/completions" : "/v1/responses");
const promptOf = (body: FakeRequestBody) => JSON.stringify(api(body) === "chat" ? body.messages : body.input);
const api = (body: FakeRequestBody) => (Array.isArray(body.messages) ? "chat" : "responses");
const modelRequests = (s: FakeOpenAI): RecordedRequest[] => s.requests.filter((r) => r.path !== "/v1/images/generations");

/** The structured-output request as each API spells it: the schema, its name and strictness. */
function structuredFormat(body: FakeRequestBody): { type?: unknown; name?: unknown; strict?: unknown; schema?: unknown } {
  if (api(body) === "chat") {
    const rf = body.response_format as { type?: unknown; json_schema?: { name?: unknown; strict?: unknown; schema?: unknown } } | undefined;
    return { type: rf?.type, ...rf?.json_schema };
  }
  return ((body.text as { format?: Record<string, unknown> } | undefined)?.format ?? {}) as ReturnType<typeof structuredFormat>;
}

describe.each(APIS)("real @ai-sdk/openai provider over %s", (apiName) => {
  it("planGoal returns the validated plan and asks for a strict JSON schema", async () => {
    const s = await start({ model: () => ({ text: JSON.stringify(PLAN) }) });
    const { plan, attempts, usage } = await planGoal(GOAL, { model: models(apiName, s.url).planner });

    expect(attempts).toBe(1);
    expect(plan.title).toBe(PLAN.title);
    expect(plan.steps.map((st) => st.toolName)).toEqual(["web_search", "summarize", "format_post", "http_request"]);
    // Nulls dropped; format_post gated although the model said false.
    expect(plan.steps.map((st) => st.input)).toEqual([
      { query: "AI marketing trends 2026", maxResults: 5 },
      { focus: "AI marketing trends", maxWords: 150 },
      { platform: "linkedin", format: "post", tone: "professional" },
      { method: "POST", url: "https://example.com/hooks/abc" },
    ]);
    expect(plan.steps.map((st) => st.requiresApproval)).toEqual([false, false, true, true]);
    expect(plan.steps.map((st) => st.dependsOn)).toEqual([[], ["web_search"], ["summarize"], ["format_post"]]);
    expect(usage.inputTokens).toBe(42);

    expect(s.requests).toHaveLength(1);
    const req = s.requests[0]!;
    expect(req.path).toBe(modelPath(apiName));
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req.body.model).toBe("test-planner");
    expect(req.body.stream).toBeUndefined();
    const format = structuredFormat(req.body);
    expect(format).toMatchObject({ type: "json_schema", name: "plan", strict: true });
    expect(JSON.stringify(format.schema)).toContain('"anyOf"');
    expect(promptOf(req.body)).toContain(`<goal>${GOAL}</goal>`);
    expect(promptOf(req.body)).toContain("You are Planvas's planner");
  });

  it("planGoal asks for notPlanned as a required property and hands on what the model could not plan", async () => {
    const answer = { ...PLAN, notPlanned: [{ part: "tag the customer in the CRM", reason: "no tool for that" }] };
    const s = await start({ model: () => ({ text: JSON.stringify(answer) }) });
    const { plan, notPlanned } = await planGoal(`${GOAL} and tag the customer in the CRM`, { model: models(apiName, s.url).planner });
    expect(plan.steps).toHaveLength(4);
    expect(notPlanned).toEqual([{ part: "tag the customer in the CRM", reason: "no tool for that" }]);
    const schema = structuredFormat(s.requests[0]!.body).schema as { required?: string[]; properties?: Record<string, { items?: { required?: string[] } }> };
    expect(schema.required).toEqual(["title", "steps", "notPlanned"]);
    expect(schema.properties?.notPlanned?.items?.required).toEqual(["part", "reason"]);
    expect(promptOf(s.requests[0]!.body)).toContain("notPlanned");
  });

  it("planGoal reads an answer without notPlanned (a server ignoring strict mode) as nothing left out", async () => {
    const { notPlanned: _omitted, ...legacy } = PLAN;
    const s = await start({ model: () => ({ text: JSON.stringify(legacy) }) });
    const { plan, notPlanned, attempts } = await planGoal(GOAL, { model: models(apiName, s.url).planner });
    expect(attempts).toBe(1);
    expect(plan.steps).toHaveLength(4);
    expect(notPlanned).toEqual([]);
  });

  it("planGoal refuses, naming the goal, when the model answers no steps", async () => {
    const s = await start({
      model: () => ({ text: JSON.stringify({ title: "", steps: [], notPlanned: [{ part: "hello", reason: "a greeting, not a task" }] }) }),
    });
    const refusal = await planGoal("hello", { model: models(apiName, s.url).planner }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(PlanningError);
    expect((refusal as PlanningError).issues).toEqual([{ path: "goal", message: expect.stringMatching(/research, read, write, make or send/) }]);
    expect((refusal as PlanningError).message).toMatch(/nothing to plan in “hello”: a greeting, not a task/);
    expect((refusal as PlanningError).notPlanned).toEqual([{ part: "hello", reason: "a greeting, not a task" }]);
    expect(s.requests).toHaveLength(1);
  });

  it("planGoal retries once with the rejection in the prompt", async () => {
    const invalid = { title: "T", steps: [{ toolName: "summarize", description: "Summarize" }] };
    const s = await start({ model: (_body, { index }) => ({ text: JSON.stringify(index === 0 ? invalid : PLAN) }) });
    const { plan, attempts } = await planGoal(GOAL, { model: models(apiName, s.url).planner });

    expect(attempts).toBe(2);
    expect(plan.steps).toHaveLength(4);
    expect(s.requests).toHaveLength(2);
    expect(promptOf(s.requests[0]!.body)).not.toContain("previous plan was rejected");
    const retry = promptOf(s.requests[1]!.body);
    expect(retry).toContain("Your previous plan was rejected: it did not match the required JSON schema");
    expect(retry).toContain("Return a corrected plan.");
  });

  it("streamPlan yields growing partial plans from the SSE stream, then the complete plan", async () => {
    const s = await start({ model: () => ({ text: JSON.stringify(PLAN) }) }, { chunkSize: 24 });
    const result = streamPlan(GOAL, { model: models(apiName, s.url).planner });
    const partials: PlannerDraft[] = [];
    for await (const partial of result.partialOutputStream) partials.push(partial as PlannerDraft);

    expect(partials.length).toBeGreaterThanOrEqual(2);
    expect(partials.at(-1)).toEqual(PLAN);
    // Partial plans grow: the step count never shrinks and an early one is incomplete.
    const counts = partials.map((p) => p.steps?.length ?? 0);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts[0]).toBeLessThan(PLAN.steps.length);
    expect(await result.output).toEqual(PLAN);
    const normalized = plannerOutputToPlan(partials.at(-1)!, GOAL);
    expect(normalized.ok && normalized.plan.steps.length).toBe(4);

    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]!.body).toMatchObject({ model: "test-planner", stream: true });
    expect(structuredFormat(s.requests[0]!.body)).toMatchObject({ type: "json_schema", strict: true });
  });

  it("executeStep forces the one tool, then the tool's own structured call writes the summary", async () => {
    const s = await start({
      model: (body) =>
        Array.isArray(body.tools) && body.tools.length
          ? { toolCall: { name: "summarize", arguments: { focus: "x" } } }
          : { text: JSON.stringify({ ...SUMMARY, notes: null }) },
    });
    const m = models(apiName, s.url);
    const context = {
      assets: new MemoryAssets(),
      knowledge: new MemoryKnowledge([{ title: "Trends", content: "Marketers use AI agents." }]),
      log: () => {},
      models: { text: m.executor },
      settings: { allowPrivateUrls: false },
    };
    const r = await executeStep({ id: "summarize", toolName: "summarize", description: "Summarize the findings", input: {} }, [], {
      model: m.executor,
      context,
    });

    expect(r.toolCall).toMatchObject({ toolName: "summarize", input: { focus: "x" } });
    // The output names the model that wrote it (the offline model's outputs say "offline").
    expect(r.output).toEqual({ ...SUMMARY, wordCount: 10, model: "test-executor" });
    expect(r.messages.map((msg) => msg.role)).toEqual(["assistant", "tool"]);

    expect(s.requests).toHaveLength(2);
    const [exec, write] = s.requests.map((q) => q.body) as [FakeRequestBody, FakeRequestBody];
    expect(exec.model).toBe("test-executor");
    expect(exec.parallel_tool_calls).toBe(false);
    expect(exec.tools).toHaveLength(1);
    if (apiName === "chat") {
      expect(exec.tool_choice).toEqual({ type: "function", function: { name: "summarize" } });
      expect(exec.tools).toMatchObject([{ type: "function", function: { name: "summarize" } }]);
    } else {
      expect(exec.tool_choice).toEqual({ type: "function", name: "summarize" });
      expect(exec.tools).toMatchObject([{ type: "function", name: "summarize" }]);
    }
    expect(promptOf(exec)).toContain("Run this step now with the summarize tool.");
    // The tool's own call: no tools, structured output named "summary", the focus in the request.
    expect(write.tools).toBeUndefined();
    expect(structuredFormat(write)).toMatchObject({ type: "json_schema", name: "summary", strict: true });
    expect(promptOf(write)).toContain("focusing on x");
  });

  it("executeStep rejects a response with two function calls", async () => {
    const s = await start({
      model: (body) =>
        Array.isArray(body.tools) && body.tools.length
          ? {
              toolCalls: [
                { name: "summarize", arguments: { focus: "a" } },
                { name: "summarize", arguments: { focus: "b" } },
              ],
            }
          : { text: JSON.stringify(SUMMARY) },
    });
    const m = models(apiName, s.url);
    const context = {
      assets: new MemoryAssets(),
      knowledge: new MemoryKnowledge([]),
      log: () => {},
      models: { text: m.executor },
      settings: { allowPrivateUrls: false },
    };
    await expect(executeStep({ id: "s1", toolName: "summarize", description: "Summarize", input: {} }, [], { model: m.executor, context })).rejects.toThrow(
      /exactly one call of summarize, the model made 2/,
    );
    expect(s.requests[0]!.body.parallel_tool_calls).toBe(false);
  });

  it("generate_image sends the model id, prompt and size, and stores the PNG", async () => {
    const png = tinyPng(3, 2);
    const s = await start({ image: () => ({ png, revisedPrompt: "A calm lighthouse at dawn" }) });
    const m = models(apiName, s.url);
    expect(m.image).toBeDefined();
    const assets = new MemoryAssets();
    const out = await generateImage.execute(
      generateImage.inputSchema.parse({ prompt: "A lighthouse at dawn", style: "minimal", size: "1024x1024" }),
      toolContext({ assets, models: { text: m.executor, image: m.image } }),
    );

    expect(s.requests).toHaveLength(1);
    const req = s.requests[0]!;
    expect(req.path).toBe("/v1/images/generations");
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req.body).toMatchObject({ model: "test-image", size: "1024x1024", n: 1 });
    expect(req.body.prompt).toMatch(/^A lighthouse at dawn\n/);
    expect(req.body.prompt).toContain("minimalist composition");

    expect(out).toEqual({
      assetId: "00000000-0000-4000-8000-000000000001",
      url: "/api/assets/00000000-0000-4000-8000-000000000001",
      mediaType: "image/png",
      width: 3,
      height: 2,
      prompt: "A lighthouse at dawn",
      provider: "openai",
      revisedPrompt: "A calm lighthouse at dawn",
    });
    const stored = assets.stored.get(out.assetId)!;
    expect(stored.mediaType).toBe("image/png");
    expect(Buffer.from(stored.bytes).equals(Buffer.from(png))).toBe(true);
    expect(pngSize(stored.bytes)).toEqual({ width: 3, height: 2 });
  });

  it("an upstream 500 surfaces as an error from planGoal after the SDK's retries", async () => {
    const s = await start({ model: () => ({ error: { status: 500, message: "The server had an error while processing your request.", retryAfterMs: 0 } }) });
    await expect(planGoal(GOAL, { model: models(apiName, s.url).planner })).rejects.toThrow(/The server had an error while processing your request/);
    // One call and the AI SDK's two default retries, then the error: no hang, no endless loop.
    expect(modelRequests(s)).toHaveLength(3);
  });

  it("streamPlan reports an upstream error as an error part and rejects its output", async () => {
    const s = await start({ model: () => ({ error: { status: 503, message: "The engine is currently overloaded.", retryAfterMs: 0 } }) });
    const result = streamPlan(GOAL, { model: models(apiName, s.url).planner });
    const errors: unknown[] = [];
    for await (const part of result.stream) if (part.type === "error") errors.push(part.error);
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as Error).message)).toMatch(/The engine is currently overloaded/);
    await expect(result.output).rejects.toThrow();
  });

  it("a 401 for a wrong key surfaces at once", async () => {
    const s = await start({ model: () => ({ text: JSON.stringify(PLAN) }) });
    await expect(planGoal(GOAL, { model: models(apiName, s.url, "wrong-key").planner })).rejects.toThrow(/Incorrect API key provided/);
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]!.headers.authorization).toBe("Bearer wrong-key");
  });
});

describe("fake OpenAI server", () => {
  it("refuses a strict schema with an optional property, as OpenAI does", async () => {
    const s = await start({});
    const res = await fetch(`${s.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: "m",
        messages: [{ role: "user", content: "hi" }],
        response_format: {
          type: "json_schema",
          json_schema: {
            name: "x",
            strict: true,
            schema: { type: "object", properties: { a: { type: "string" } }, required: [], additionalProperties: false },
          },
        },
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Missing 'a'/);
  });

  // OpenAI refuses `parallel_tool_calls` in a request without tools; the planner must not send it.
  it("chat planner requests are accepted by OpenAI's parallel_tool_calls rule", async () => {
    const s = await start({ model: () => ({ text: JSON.stringify(PLAN) }) }, { rejectParallelToolCallsWithoutTools: true });
    await planGoal(GOAL, { model: models("chat", s.url).planner });
  });
});
