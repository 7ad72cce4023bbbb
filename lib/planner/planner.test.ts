import { readFileSync } from "node:fs";
import path from "node:path";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { createOfflineModel } from "../ai/offline/model";
import { envelopes } from "../ai/envelope";
import { lastEnvelope } from "../ai/offline/prompt";
import { scriptedModel, unusedModel, type ScriptedRead } from "../ai/testing/scripted-model";
import { stepPublishes } from "../tools/catalog";
import { planGoal, PlanningError } from ".";

interface EvalGoal {
  goal: string;
  tools: string[];
  inputs?: Record<string, Record<string, unknown>>;
  terms?: Record<string, string[]>;
}

// The eval set: goals with the plans they should produce (a copy kept in the repository, so the
// suite reads nothing outside it).
const evalGoals: EvalGoal[] = JSON.parse(readFileSync(path.join(process.cwd(), "lib", "planner", "fixtures", "planner-goals.json"), "utf8"));

/** Goals phrased differently from the eval set, to check the offline planner generalizes. */
const paraphrases: EvalGoal[] = [
  {
    goal: "Dig into the state of quantum computing startups, then put together a LinkedIn post",
    tools: ["web_search", "format_post"],
    inputs: { format_post: { platform: "linkedin" } },
    terms: { web_search: ["quantum computing"] },
  },
  {
    goal: "Read https://blog.example.org/post/42 and give me a brief summary",
    tools: ["fetch_url", "summarize"],
    inputs: { fetch_url: { url: "https://blog.example.org/post/42" } },
  },
  { goal: "Compose a twitter thread on sustainable fashion", tools: ["format_post"], inputs: { format_post: { platform: "x", format: "thread" } } },
  {
    goal: "Prepare an 8-slide carousel for LinkedIn on hiring engineers",
    tools: ["generate_outline", "format_post"],
    inputs: { generate_outline: { sections: 8 }, format_post: { platform: "linkedin", format: "carousel" } },
  },
  {
    goal: "Send a summary of today's AI news to the webhook at https://example.com/hooks/abc",
    tools: ["summarize", "http_request"],
    inputs: { http_request: { method: "POST", url: "https://example.com/hooks/abc" } },
  },
  { goal: "Make a banner image for our spring sale", tools: ["generate_image"], terms: { generate_image: ["spring sale"] } },
];

function checkPlan(g: EvalGoal, steps: { toolName: string; input: Record<string, unknown>; requiresApproval: boolean }[]) {
  const names = steps.map((s) => s.toolName);
  // Expected tools appear in this order (a plan may add a step after them, e.g. a hero image).
  let at = -1;
  for (const t of g.tools) {
    const next = names.indexOf(t, at + 1);
    expect(next, `${g.goal}: ${t} after position ${at} in ${names.join(" → ")}`).toBeGreaterThan(at);
    at = next;
  }
  for (const [tool, expected] of Object.entries(g.inputs ?? {})) {
    expect(steps.find((s) => s.toolName === tool)?.input, `${g.goal}: inputs of ${tool}`).toMatchObject(expected);
  }
  for (const [tool, terms] of Object.entries(g.terms ?? {})) {
    const text = JSON.stringify(steps.find((s) => s.toolName === tool)?.input ?? {}).toLowerCase();
    for (const term of terms) expect(text, `${g.goal}: ${tool} mentions "${term}"`).toContain(term.toLowerCase());
  }
  for (const s of steps) if (stepPublishes(s.toolName, s.input)) expect(s.requiresApproval, `${g.goal}: ${s.toolName} gated`).toBe(true);
}

describe("offline planner on the shared eval goals", () => {
  it("finds the eval set", () => {
    expect(evalGoals.length).toBeGreaterThanOrEqual(10);
  });
  it.each(evalGoals.map((g) => [g.goal, g] as const))("%s", async (_goal, g) => {
    const { plan } = await planGoal(g.goal, { model: createOfflineModel() });
    checkPlan(g, plan.steps);
  });
});

describe("offline planner on goals phrased differently", () => {
  it.each(paraphrases.map((g) => [g.goal, g] as const))("%s", async (_goal, g) => {
    const { plan } = await planGoal(g.goal, { model: createOfflineModel() });
    checkPlan(g, plan.steps);
  });

  it("plans the carousel goal as the four steps of the seed article", async () => {
    const { plan } = await planGoal("Research AI trends and write a LinkedIn carousel", { model: createOfflineModel() });
    expect(plan.steps.map((s) => s.toolName)).toEqual(["web_search", "generate_outline", "format_post", "generate_image"]);
    expect(plan.steps.map((s) => s.requiresApproval)).toEqual([false, false, true, true]);
    expect(plan.steps.map((s) => s.dependsOn)).toEqual([[], ["web_search"], ["generate_outline"], ["format_post"]]);
  });

  it("is deterministic", async () => {
    const a = await planGoal("Draft a newsletter about our Q3 product updates", { model: createOfflineModel() });
    const b = await planGoal("Draft a newsletter about our Q3 product updates", { model: createOfflineModel() });
    expect(a.plan).toEqual(b.plan);
  });
});

describe("offline planner on the defects of issue 11", () => {
  const plan = (goal: string) => planGoal(goal, { model: createOfflineModel() });

  it("keeps a listed subject whole and researches a comparison before writing", async () => {
    const { plan: p } = await plan("Write a blog post comparing Notion, Obsidian and Logseq");
    expect(p.steps.map((s) => s.toolName)).toEqual(["web_search", "generate_outline", "format_post"]);
    for (const s of p.steps) expect(JSON.stringify(s.input)).toMatch(/Notion, Obsidian and Logseq/);
    expect(p.steps[1]!.input).toMatchObject({ format: "comparison" });
  });

  it("reports the CRM part it cannot do, and summarizes only what it gathered", async () => {
    const r = await plan(
      "Find the latest news on electric vehicles, POST it to Slack at https://hooks.slack.com/services/T0/B0/X and also call the CRM API to tag the customer",
    );
    expect(r.plan.steps.map((s) => s.toolName)).toEqual(["web_search", "summarize", "http_request"]);
    expect(r.plan.steps[2]!.input).toEqual({ method: "POST", url: "https://hooks.slack.com/services/T0/B0/X" });
    expect(r.notPlanned).toEqual([{ part: "call the CRM API to tag the customer", reason: expect.stringMatching(/^no tool for that/) }]);
    const nothingGathered = await plan("Write a LinkedIn post about our new feature and call the CRM API to tag the customer");
    expect(nothingGathered.plan.steps.map((s) => s.toolName)).toEqual(["format_post"]);
    expect(nothingGathered.notPlanned.map((n) => n.part)).toEqual(["call the CRM API to tag the customer"]);
  });

  it("refuses a greeting naming goal, instead of searching for it", async () => {
    for (const goal of ["hello", "asdf", "thanks!"]) {
      const e = await plan(goal).catch((x: unknown) => x);
      expect(e, goal).toBeInstanceOf(PlanningError);
      expect((e as PlanningError).issues.map((i) => i.path)).toEqual(["goal"]);
    }
  });

  it("assigns URLs by role and verbs to methods", async () => {
    const swapped = await plan("Post the key points of https://example.com/article to https://hooks.example.com/in");
    expect(swapped.plan.steps.map((s) => [s.toolName, s.input.url ?? null, s.input.method ?? null])).toEqual([
      ["fetch_url", "https://example.com/article", null],
      ["summarize", null, null],
      ["http_request", "https://hooks.example.com/in", "POST"],
    ]);
    const methods = await Promise.all(
      [
        "Delete https://api.example.com/items/1",
        "Remove the item at https://api.example.com/items/1",
        "Update the item at https://api.example.com/items/1",
        "Change the item at https://api.example.com/items/1",
      ].map(async (g) => (await plan(g)).plan.steps.map((s) => s.input.method)),
    );
    expect(methods).toEqual([["DELETE"], ["DELETE"], ["PUT"], ["PATCH"]]);
  });

  it("honours counts in digits and words, and researches what the goal cannot know", async () => {
    expect((await plan("Create a 4-part course outline on budgeting")).plan.steps.find((s) => s.toolName === "generate_outline")?.input).toMatchObject({
      sections: 4,
    });
    expect(
      (await plan("Write a LinkedIn carousel with ten tips for public speaking")).plan.steps.find((s) => s.toolName === "generate_outline")?.input,
    ).toMatchObject({
      sections: 10,
    });
    for (const goal of ["Write a post on the top stories in biotech", "Give me the history of jazz", "What are the trends in edtech? Tweet about them"]) {
      expect((await plan(goal)).plan.steps[0]?.toolName, goal).toBe("web_search");
    }
  });
});

describe("planner with a mock model", () => {
  const answer = (steps: unknown[]) => ({
    content: [{ type: "text" as const, text: JSON.stringify({ title: "T", steps }) }],
    finishReason: { unified: "stop" as const, raw: "stop" },
    usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
    warnings: [],
  });
  const step = (toolName: string, input: Record<string, unknown>, requiresApproval = false) => ({
    toolName,
    description: `do ${toolName}`,
    requiresApproval,
    input,
  });

  it("gates publishing steps even when the model did not", async () => {
    const model = new MockLanguageModelV4({
      doGenerate: answer([step("summarize", { focus: null, maxWords: null }), step("format_post", { platform: "x", format: "post", topic: null, tone: null })]),
    });
    const { plan } = await planGoal("write something", { model });
    expect(plan.steps.map((s) => s.requiresApproval)).toEqual([false, true]);
    expect(plan.steps[0]!.input).toEqual({});
  });

  it("retries once with the problem in the prompt, then succeeds", async () => {
    const model = new MockLanguageModelV4({
      doGenerate: [answer([step("summarize", { focus: null, maxWords: 5 })]), answer([step("summarize", { focus: null, maxWords: 50 })])],
    });
    const { plan, attempts } = await planGoal("summarize", { model });
    expect(attempts).toBe(2);
    expect(plan.steps[0]!.input).toEqual({ maxWords: 50 });
    const retryPrompt = JSON.stringify(model.doGenerateCalls[1]!.prompt);
    expect(retryPrompt).toContain("steps[0].input.maxWords");
  });

  it("sends a strict-mode friendly schema: one object per tool, no free records", async () => {
    const model = new MockLanguageModelV4({ doGenerate: answer([step("summarize", { focus: "x", maxWords: 100 })]) });
    await planGoal("summarize", { model });
    const format = model.doGenerateCalls[0]!.responseFormat;
    expect(format?.type).toBe("json");
    const schema = JSON.stringify(format?.type === "json" ? format.schema : {});
    expect(schema).toContain('"anyOf"');
    expect(schema).not.toContain('"additionalProperties":{}');
  });

  it("gives up after the retry with a clear error", async () => {
    const bad = { ...answer([]), content: [{ type: "text" as const, text: "not json" }] };
    const model = new MockLanguageModelV4({ doGenerate: [bad, bad] });
    await expect(planGoal("anything", { model })).rejects.toThrow(PlanningError);
  });

  it("refuses an empty goal", async () => {
    await expect(planGoal("   ", { model: unusedModel() })).rejects.toThrow(/goal is empty/);
  });
});

describe("planner with a scripted model", () => {
  const step = (toolName: string, input: Record<string, unknown>, requiresApproval = false) => ({
    toolName,
    description: `do ${toolName}`,
    requiresApproval,
    input,
  });

  it("hands the model the goal in its envelope, and makes a gated chain of what it answers", async () => {
    const reads: ScriptedRead[] = [];
    const model = scriptedModel((read) => {
      reads.push(read);
      return {
        json: {
          title: `Plan for ${read.goal}`,
          steps: [
            step("web_search", { query: read.goal, maxResults: null }),
            step("generate_outline", { topic: read.goal, sections: 3, format: null }),
            step("format_post", { platform: "linkedin", format: "carousel", topic: null, tone: null }),
            step("http_request", { method: "GET", url: "https://example.com/status", body: null }),
            step("http_request", { method: "POST", url: "https://example.com/hook", body: null }),
          ],
        },
      };
    });
    const goal = "Research <AI> & trends, then post";
    const { plan, attempts, warnings } = await planGoal(`  ${goal}  `, { model });
    expect(attempts).toBe(1);
    expect(reads.map((r) => r.goal)).toEqual([goal]);
    expect(plan.title).toBe(`Plan for ${goal}`);
    expect(plan.steps[0]!.input).toEqual({ query: goal });
    expect(plan.steps.map((s) => s.dependsOn)).toEqual([[], ["web_search"], ["generate_outline"], ["format_post"], ["http_request"]]);
    // Gated whatever the model said: content that publishes, and calls with side effects (not a GET).
    expect(plan.steps.map((s) => s.requiresApproval)).toEqual([false, false, true, false, true]);
    expect(warnings).toEqual([]);
  });

  it("asks again with the problem when an input does not fit, and reads the same goal both times", async () => {
    const model = scriptedModel((read) => ({
      json: { title: "T", steps: [step("generate_outline", { topic: read.goal, sections: read.call === 0 ? 0 : 4, format: null })] },
    }));
    const { plan, attempts } = await planGoal("Outline remote work", { model });
    expect(attempts).toBe(2);
    expect(plan.steps[0]!.input).toEqual({ topic: "Outline remote work", sections: 4 });
    expect(model.doGenerateCalls.map((c) => readGoal(c.prompt))).toEqual(["Outline remote work", "Outline remote work"]);
  });
});

function readGoal(prompt: Parameters<typeof lastEnvelope>[0]) {
  return lastEnvelope(prompt, envelopes.goal);
}
