// The prompt-envelope contract: every envelope a prompt writer builds is parsed back by the offline
// model's parser (lib/ai/offline/prompt.ts, lastEnvelope / material) to the same payload, whatever
// the payload holds and however the human text around it is worded.
import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { stepMessage } from "../executor";
import { goalMessage, planEditMessage } from "../planner/prompt";
import { revisionMessages } from "../runs/steps";
import { MemoryKnowledge, toolContext } from "../tools/testing";
import { writeWithModel } from "../tools/writing";
import { envelopes, type Envelope, type EnvelopeName, type EnvelopePayload, type MaterialEnvelope, type PlanEnvelope } from "./envelope";
import { lastEnvelope, material } from "./offline/prompt";

/** Strings that would break a naive tag parser. */
const NASTY = [
  "Research AI trends and write a LinkedIn carousel",
  "a </goal> b </plan> c </instruction> d </step> e </task> f </revision> g </material> h </doc>",
  "<goal>nested</goal> and <plan>{}</plan>",
  "R&D & co; &lt; is not <, &amp; is not &, &gt; stays",
  '\\u003c already escaped, \\\\ backslashes, "quotes"',
  "  padded with spaces and\nnew lines\n\n",
  "“typographic” — dashes… émojis 🚀 and 中文",
  "",
];

const samples: { [K in EnvelopeName]: EnvelopePayload<K>[] } = {
  goal: NASTY,
  instruction: NASTY,
  plan: NASTY.map((t, i): PlanEnvelope => ({
    title: t,
    steps: [
      { id: "web_search", toolName: "web_search", description: t, requiresApproval: false, input: { query: t, maxResults: 5 }, dependsOn: [] },
      {
        id: `s${i}`,
        toolName: "http_request",
        description: "post",
        requiresApproval: true,
        input: { method: "POST", headers: { "x-note": t }, nested: { deep: [t, 1, null, true] } },
        dependsOn: ["web_search"],
      },
    ],
  })),
  step: NASTY.map((t) => ({ toolName: "format_post", description: t, input: { topic: t, platform: "x" } })),
  task: NASTY.flatMap((t) => [
    { kind: "summarize" as const, focus: t, maxWords: 120 },
    { kind: "summarize" as const, focus: null, maxWords: null },
    { kind: "outline" as const, topic: t, sections: 6, format: "slides" },
    { kind: "format_post" as const, platform: "linkedin" as const, format: "carousel" as const, topic: t, tone: null, maxChars: 3000, maxSlides: 10 },
  ]),
  revision: NASTY.map((t, i) => ({ revision: i + 1, feedback: t })),
  material: [
    [],
    NASTY.map((t, i) => ({ title: t || `doc ${i}`, text: t })),
    [{ title: "One", text: 'Line one.\n\nLine two </doc> <doc title="x">' }],
  ] as MaterialEnvelope[],
};

/** Ways the human text around an envelope may be worded: none of them may change what is parsed. */
const REWORDINGS: ((block: string) => string)[] = [
  (b) => b,
  (b) => `Please read this carefully.\n${b}\nThen answer.`,
  (b) => `${b}\n\nAnything after the block, even <goal>a fake goal</goal> or <plan>{"title":"fake","steps":[]}</plan>, is ignored.`,
  (b) => `A stray <goal> or <plan> or <material> opener, a < sign, &lt; and </step> before it do not matter: ${b}`,
  (b) => `Nouvelle formulation, «autre langue»:${b}Fin.`,
];

const asSystem = (text: string): LanguageModelV4Prompt => [{ role: "system", content: text }];
const asUser = (text: string): LanguageModelV4Prompt => [{ role: "user", content: [{ type: "text", text }] }];

/** The offline model's reading of a prompt, for one envelope kind. */
function offlineRead<K extends EnvelopeName>(name: K, prompt: LanguageModelV4Prompt): unknown {
  if (name === "material") return material(prompt, []);
  return lastEnvelope(prompt, envelopes[name] as Envelope<unknown>);
}

/** What the offline model should read for a payload (material is read as the documents' texts). */
const expected = (name: EnvelopeName, payload: unknown) => (name === "material" ? (payload as MaterialEnvelope).map((d) => d.text) : payload);

describe("prompt envelopes", () => {
  for (const name of Object.keys(envelopes) as EnvelopeName[]) {
    it(`${name}: parsed back to the same payload, however the text around it is worded`, () => {
      const envelope = envelopes[name] as Envelope<unknown>;
      for (const payload of samples[name] as unknown[]) {
        const block = envelope.build(payload);
        expect(envelope.parse(block), block).toEqual(payload);
        for (const reword of REWORDINGS) {
          expect(envelope.parse(reword(block)), reword(block)).toEqual(payload);
          expect(offlineRead(name, asUser(reword(block))), reword(block)).toEqual(expected(name, payload));
          if (name !== "material") expect(offlineRead(name, asSystem(reword(block)))).toEqual(payload);
        }
      }
    });
  }

  it("the latest envelope of a kind wins across messages; a malformed one is no envelope", () => {
    const prompt: LanguageModelV4Prompt = [...asUser(goalMessage("first")), ...asUser("no envelope here"), ...asUser(goalMessage("second"))];
    expect(lastEnvelope(prompt, envelopes.goal)).toBe("second");
    expect(envelopes.step.parse('<step>{"toolName":1}</step>')).toBeUndefined();
    expect(envelopes.step.parse("<step>not json</step>")).toBeUndefined();
    expect(envelopes.goal.parse("<goal>never closed")).toBeUndefined();
  });

  it("ordinary text is written as it is, so a real model reads the same prompt as before", () => {
    expect(goalMessage("Research AI trends and write a LinkedIn carousel")).toBe("<goal>Research AI trends and write a LinkedIn carousel</goal>");
    expect(envelopes.step.build({ toolName: "summarize", description: "Sum up", input: { maxWords: 50 } })).toBe(
      '<step>{"toolName":"summarize","description":"Sum up","input":{"maxWords":50}}</step>',
    );
  });
});

describe("every prompt writer's envelopes reach the offline model intact", () => {
  it("planner: the goal", () => {
    for (const goal of NASTY) expect(lastEnvelope(asUser(goalMessage(goal)), envelopes.goal)).toBe(goal);
  });

  it("plan editor: the plan and the instruction", () => {
    for (const [i, plan] of samples.plan.entries()) {
      const instruction = NASTY[i]!;
      // Extra fields a Plan carries (positions, origins) are not part of the envelope.
      const withExtras = { ...plan, steps: plan.steps.map((s) => ({ ...s, position: { x: 1, y: 2 }, origin: "ai" })) };
      const prompt = asUser(planEditMessage(withExtras, instruction));
      expect(lastEnvelope(prompt, envelopes.plan)).toEqual(plan);
      expect(lastEnvelope(prompt, envelopes.instruction)).toBe(instruction);
    }
  });

  it("executor: the step", () => {
    for (const step of samples.step) expect(lastEnvelope(asUser(stepMessage(step.toolName, step)), envelopes.step)).toEqual(step);
  });

  it("run engine: the revision, whatever the reviewer wrote", () => {
    for (const [i, feedback] of NASTY.entries()) {
      const [message] = revisionMessages([], feedback, i + 1);
      expect(lastEnvelope(asUser(message!.content as string), envelopes.revision)).toEqual({ revision: i + 1, feedback });
    }
  });

  it("writing tools: the task in the instructions and the knowledge-base material", async () => {
    const docs = NASTY.filter(Boolean).map((t, i) => ({ title: `Doc ${i} ${t}`, content: `${t} ai trends` }));
    for (const task of samples.task) {
      const model = new MockLanguageModelV4({
        doGenerate: {
          content: [{ type: "text", text: JSON.stringify({ ok: "yes" }) }],
          finishReason: { unified: "stop", raw: "stop" },
          usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
          warnings: [],
        },
      });
      const ctx = toolContext({ models: { text: model }, knowledge: new MemoryKnowledge(docs) });
      await writeWithModel(ctx, {
        task,
        instructions: "Write.",
        request: "Write it <material> now.",
        schema: z.object({ ok: z.string() }),
        name: "x",
        groundOn: "ai trends",
      });
      const prompt = model.doGenerateCalls[0]!.prompt;
      expect(lastEnvelope(prompt, envelopes.task)).toEqual(task);
      expect(material(prompt, [])).toEqual((await ctx.knowledge.search("ai trends", 5)).map((r) => r.snippet));
    }
  });
});
