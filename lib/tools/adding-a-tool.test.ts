// README "Adding a tool", proven: a tool made of one folder (lib/tools/fixtures/word_count) and one
// list entry appears in the palette, validates in a plan and runs through the executor — through
// the injection points (a catalog and a registry built from a longer list), not by changing the
// app's own list.
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { createOfflineModel } from "../ai/offline/model";
import { executeStep } from "../executor";
import { checkPlan } from "../plan/check";
import { validatePlan } from "../plan/validate";
import { catalog, createCatalog } from "./catalog";
import { defineTool } from "./define";
import { wordCount } from "./fixtures/word_count";
import { wordCountInputSchema, wordCountOutputSchema } from "./fixtures/word_count/schema";
import { wordCountTool } from "./fixtures/word_count/tool";
import { TOOL_LIST } from "./list";
import { createRegistry, toolDefinitions } from "./registry";
import { MemoryAssets, MemoryKnowledge } from "./testing";

// The "one list entry": the app's list plus the new tool.
const list = [...TOOL_LIST, wordCountTool];
const tools = createCatalog(list);
const registry = createRegistry([...toolDefinitions, wordCount]);

const plan = {
  title: "Count",
  steps: [
    { stepIndex: 0, toolName: "word_count", description: "Count the words of the draft", requiresApproval: false, input: { text: "one two three four" } },
  ],
};

const context = () => ({
  assets: new MemoryAssets(),
  knowledge: new MemoryKnowledge([]),
  log: () => {},
  models: { text: createOfflineModel() },
  settings: { allowPrivateUrls: false },
});

describe("adding a tool: one folder and one list entry", () => {
  it("appears in the palette, last, and is found by its words", () => {
    expect(tools.search("").map((t) => t.name)).toEqual([...catalog.toolNames, "word_count"]);
    expect(tools.search("count the words").map((t) => t.name)).toEqual(["word_count"]);
    expect(tools.getTool("word_count")).toMatchObject({ title: "Word count", icon: "text-quote", output: "json", publishes: false });
    // The app's own catalog is untouched.
    expect(catalog.getTool("word_count")).toBeUndefined();
  });

  it("validates in a plan, with its inputs checked against its schema", () => {
    expect(validatePlan(plan).ok).toBe(false); // not in the app's list
    const r = validatePlan(plan, { tools });
    expect(r.ok && r.warnings).toEqual([]);
    expect(checkPlan(r.ok ? r.plan : (undefined as never), { tools }).ok).toBe(true);
    const bad = validatePlan({ ...plan, steps: [{ ...plan.steps[0]!, input: { minLength: 0, colour: "red" } }] }, { tools });
    expect(bad.ok).toBe(true);
    expect(checkPlan(bad.ok ? bad.plan : (undefined as never), { tools }).issues.map((i) => [i.path, i.stepId])).toEqual([
      ["steps[0].input.minLength", "word_count"],
      ["steps[0].input.colour", "word_count"],
    ]);
    expect(tools.staticInputSchema("word_count")).toBeDefined();
    expect(tools.inputFieldsOf("word_count")).toBe(wordCountInputSchema);
  });

  it("runs through the executor with a scripted model", async () => {
    const model = new MockLanguageModelV4({
      doGenerate: {
        content: [{ type: "tool-call", toolCallId: "c1", toolName: "word_count", input: JSON.stringify({ text: "ignored", minLength: 4 }) }],
        finishReason: { unified: "tool-calls", raw: "tool_calls" },
        usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
        warnings: [],
      },
    });
    const step = { id: "word_count", ...plan.steps[0]! };
    const r = await executeStep(step, [], { model, context: context(), resolveTool: registry.get });
    // The plan's static input wins over the model's; the model's extra argument is kept.
    expect(r.output).toEqual({ words: 2, counted: ["three", "four"] });
    expect(model.doGenerateCalls[0]!.tools?.map((t) => t.name)).toEqual(["word_count"]);
  });

  it("runs through the executor with the offline model, which fills its arguments from the schema", async () => {
    const model = createOfflineModel();
    const step = { id: "word_count", stepIndex: 0, toolName: "word_count", description: "Count the words of the draft", input: {} };
    const r = await executeStep(step, [], { model, context: context(), resolveTool: registry.get });
    expect(r.output).toMatchObject({ words: 6 });
  });

  it("derives the publish rule and the before-run gate from the declaration", () => {
    const sender = defineTool({
      name: "sender",
      title: "Sender",
      description: "Sends when told to.",
      icon: "send",
      output: "json",
      publishes: true,
      sideEffect: { when: (i) => i.send === true, described: "with send" },
      input: wordCountInputSchema,
      outputSchema: wordCountOutputSchema,
    });
    const c = createCatalog([sender]);
    expect([c.stepPublishes("sender", {}), c.stepPublishes("sender", { send: true })]).toEqual([false, true]);
    expect(c.stepHasSideEffects("sender", { send: true })).toBe(true);
  });

  it("refuses a missing icon or output view at compile time", () => {
    const declare = () => [
      // @ts-expect-error -- "rocket" is not a ToolIconName: components/canvas/tool-icon.tsx has no component for it
      defineTool({ name: "a", title: "A", description: "a", icon: "rocket", output: "json", publishes: false, input: wordCountInputSchema }),
      // @ts-expect-error -- every tool names its output view
      defineTool({ name: "b", title: "B", description: "b", icon: "send", publishes: false, input: wordCountInputSchema }),
      // @ts-expect-error -- "chart" is not an OutputViewName: components/runs/step-output.tsx has no view for it
      defineTool({ name: "c", title: "C", description: "c", icon: "send", output: "chart", publishes: false, input: wordCountInputSchema }),
    ];
    expect(declare).toBeTypeOf("function");
  });
});
