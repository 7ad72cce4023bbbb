import type { ModelMessage } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createOfflineModel } from "../ai/offline/model";
import { scriptedModel, type ScriptedRead } from "../ai/testing/scripted-model";
import { sentences } from "../ai/offline/text";
import { planGoal } from "../planner";
import { goalMessage } from "../planner/prompt";
import { MemoryAssets, MemoryKnowledge } from "../tools/testing";
import type { ToolDefinition } from "../tools/types";
import { executeStep, StepExecutionError } from ".";

const DOCS = [
  {
    title: "AI marketing trends for 2026",
    content:
      "Marketers in 2026 use AI agents to plan and run whole campaigns. Personalization at scale is now expected by buyers on every channel. Short-form video made with generative tools dominates social feeds. Brands publish first-party data policies to keep customer trust. Search is shifting to AI answer engines, so content must be cited by them. Teams measure AI content by outcomes rather than volume.",
  },
  {
    title: "LinkedIn carousel best practices",
    content:
      "Carousels on LinkedIn earn more dwell time than single images. The first slide needs a clear promise in a few words. Each slide should carry one idea with a short headline. Six to ten slides keep readers swiping to the end.",
  },
];

const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } };
const toolCallAnswer = (calls: { toolName: string; input: unknown }[]) => ({
  content: calls.map((c, i) => ({ type: "tool-call" as const, toolCallId: `c${i}`, toolName: c.toolName, input: JSON.stringify(c.input) })),
  finishReason: { unified: "tool-calls" as const, raw: "tool_calls" },
  usage,
  warnings: [],
});

function context(model = createOfflineModel()) {
  return { assets: new MemoryAssets(), knowledge: new MemoryKnowledge(DOCS), log: () => {}, models: { text: model }, settings: { allowPrivateUrls: false } };
}

describe("executeStep with the offline model", () => {
  it("runs the carousel plan step by step, each step seeing the history", async () => {
    const model = createOfflineModel();
    const goal = "Research AI trends and write a LinkedIn carousel";
    const { plan } = await planGoal(goal, { model });
    const history: ModelMessage[] = [{ role: "user", content: goalMessage(goal) }];
    const outputs: Record<string, unknown> = {};
    for (const step of plan.steps) {
      const r = await executeStep(step, history, { model, context: context(model) });
      expect(r.toolCall.toolName).toBe(step.toolName);
      history.push(...r.messages);
      outputs[step.toolName] = r.output;
    }
    const search = outputs.web_search as { provider: string; results: unknown[] };
    expect(search.provider).toBe("knowledge");
    expect(search.results.length).toBeGreaterThan(0);

    const outline = outputs.generate_outline as { sections: { heading: string; points: string[] }[] };
    expect(outline.sections).toHaveLength(6);

    const post = outputs.format_post as { platform: string; format: string; text: string; slides: { title: string; body: string }[] };
    expect(post).toMatchObject({ platform: "linkedin", format: "carousel" });
    expect(post.slides.length).toBeGreaterThanOrEqual(4);
    // Extractive: every sentence on the slides comes from the material the run gathered.
    const material = DOCS.map((d) => d.content).join(" ");
    for (const slide of post.slides) for (const s of sentences(slide.body)) expect(material).toContain(s.replace(/…$/, "").slice(0, 40));

    const image = outputs.generate_image as { url: string; mediaType: string; provider: string };
    expect(image).toMatchObject({ mediaType: "image/png", provider: "offline" });
    // Four steps, each an assistant tool call plus its tool result, after the goal.
    expect(history).toHaveLength(1 + 4 * 2);
  });
});

describe("executeStep contract", () => {
  const echo: ToolDefinition<{ query: string; n?: number }, { query: string }> = {
    name: "echo",
    title: "Echo",
    description: "echo",
    icon: "search",
    publishes: false,
    inputSchema: z.object({ query: z.string(), n: z.number().optional() }),
    outputSchema: z.object({ query: z.string() }),
    execute: async ({ query }) => ({ query }),
  };
  const resolveTool = (n: string) => (n === "echo" ? echo : undefined);
  const step = { id: "s1", toolName: "echo", description: "echo it", input: { query: "from the plan" } };

  it("lets the plan's static inputs win over the model's, and records what ran", async () => {
    const model = new MockLanguageModelV4({ doGenerate: toolCallAnswer([{ toolName: "echo", input: { query: "invented", n: 2 } }]) });
    const r = await executeStep(step, [], { model, context: context(), resolveTool });
    expect(r.output).toEqual({ query: "from the plan" });
    expect(r.toolCall.input).toEqual({ query: "from the plan", n: 2 });
    const parts: { type: string }[] = r.messages.flatMap((m) => (Array.isArray(m.content) ? (m.content as { type: string }[]) : []));
    const call = parts.find((p) => p.type === "tool-call");
    expect(call).toMatchObject({ input: { query: "from the plan", n: 2 } });
    // Only the step's tool is offered, and it is forced.
    const sent = model.doGenerateCalls[0]!;
    expect(sent.tools?.map((t) => t.name)).toEqual(["echo"]);
    expect(sent.toolChoice).toEqual({ type: "tool", toolName: "echo" });
  });

  it("refuses a response with two tool calls", async () => {
    const model = new MockLanguageModelV4({
      doGenerate: toolCallAnswer([
        { toolName: "echo", input: { query: "a" } },
        { toolName: "echo", input: { query: "b" } },
      ]),
    });
    await expect(executeStep(step, [], { model, context: context(), resolveTool })).rejects.toThrow(/exactly one call of echo, the model made 2/);
  });

  it("rethrows the tool's own error", async () => {
    const failing = { ...echo, execute: async () => Promise.reject(new Error("upstream 503")) };
    const model = new MockLanguageModelV4({ doGenerate: toolCallAnswer([{ toolName: "echo", input: { query: "a" } }]) });
    await expect(executeStep(step, [], { model, context: context(), resolveTool: () => failing })).rejects.toThrow("upstream 503");
  });

  it("reports invalid inputs as not retriable", async () => {
    const model = new MockLanguageModelV4({ doGenerate: toolCallAnswer([{ toolName: "echo", input: { query: "a" } }]) });
    const bad = { ...step, input: { query: 42 } };
    const err = await executeStep(bad, [], { model, context: context(), resolveTool }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StepExecutionError);
    expect((err as StepExecutionError).retriable).toBe(false);
    expect((err as Error).message).toMatch(/invalid input for echo: query/);
  });

  it("refuses unknown tools without calling the model", async () => {
    const model = new MockLanguageModelV4({ doGenerate: toolCallAnswer([]) });
    await expect(executeStep({ ...step, toolName: "nope" }, [], { model, context: context(), resolveTool })).rejects.toThrow(/unknown tool "nope"/);
    expect(model.doGenerateCalls).toHaveLength(0);
  });
});

describe("executeStep with a scripted model", () => {
  const echo: ToolDefinition<{ query: string; n?: number }, { query: string; n?: number }> = {
    name: "echo",
    title: "Echo",
    description: "echo",
    icon: "search",
    publishes: false,
    inputSchema: z.object({ query: z.string(), n: z.number().optional() }),
    outputSchema: z.object({ query: z.string(), n: z.number().optional() }),
    execute: async (input) => input,
  };
  const resolveTool = (n: string) => (n === "echo" ? echo : undefined);

  it("hands the model its step in the step envelope, after the run's history", async () => {
    const reads: ScriptedRead[] = [];
    const model = scriptedModel((read) => {
      reads.push(read);
      return { toolCalls: [{ toolName: read.tools[0]!, input: { query: `${read.goal} / ${read.step!.description}`, n: 3 } }] };
    });
    const goal = "Echo <things> & stuff";
    const step = { id: "e", toolName: "echo", description: "say it </step> twice", input: {} };
    const r = await executeStep(step, [{ role: "user", content: goalMessage(goal) }], { model, context: context(), resolveTool });
    expect(reads[0]!.step).toEqual({ toolName: "echo", description: step.description, input: {} });
    expect(reads[0]!.goal).toBe(goal);
    expect(reads[0]!.tools).toEqual(["echo"]);
    expect(r.output).toEqual({ query: `${goal} / ${step.description}`, n: 3 });
  });

  it("a revision reaches the model with the reviewer's feedback, and the step's static inputs still win", async () => {
    const { revisionMessages } = await import("../runs/steps");
    const model = scriptedModel((read) => ({
      toolCalls: [
        {
          toolName: "echo",
          input: { query: read.revision ? `v${read.revision.revision}: ${read.revision.feedback}` : "first", n: read.revision?.revision ?? 0 },
        },
      ],
    }));
    const step = { id: "e", toolName: "echo", description: "say it", input: { n: 7 } };
    const first = await executeStep(step, [], { model, context: context(), resolveTool });
    expect(first.output).toEqual({ query: "first", n: 7 });
    const again = await executeStep(step, revisionMessages(first.messages, "shorter, please", 2), { model, context: context(), resolveTool });
    expect(again.output).toEqual({ query: "v2: shorter, please", n: 7 });
  });
});

describe("revisions with the offline model", () => {
  it("produces a different text after a rejection, and a shorter one when asked", async () => {
    const { revisionMessages } = await import("../runs/steps");
    const model = createOfflineModel();
    const goal = "Look up what people say about AI marketing and write a LinkedIn post";
    const history: ModelMessage[] = [{ role: "user", content: goalMessage(goal) }];
    const search = await executeStep(
      { id: "s", toolName: "web_search", description: "Search for AI marketing trends", input: { query: "AI marketing trends" } },
      history,
      { model, context: context(model) },
    );
    history.push(...search.messages);
    const step = {
      id: "p",
      toolName: "format_post",
      description: "Write the LinkedIn post",
      input: { platform: "linkedin", format: "post", topic: "AI marketing trends" },
    };
    const first = await executeStep(step, history, { model, context: context(model) });
    const second = await executeStep(step, [...history, ...revisionMessages(first.messages, "Use different points and make it shorter", 1)], {
      model,
      context: context(model),
    });
    const a = (first.output as { text: string }).text;
    const b = (second.output as { text: string }).text;
    expect(b).not.toEqual(a);
    expect(b.length).toBeLessThan(a.length);
  });
});
