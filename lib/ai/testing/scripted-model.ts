// Test support: a small scripted model for planner and executor unit tests. It reads the prompt's
// envelopes with the same parser the offline model uses (lib/ai/envelope.ts) and answers whatever
// the test's script says — so a test of planner or executor logic depends on that logic, not on the
// offline model's guesses. Built on ai/test's MockLanguageModelV4 (its doGenerateCalls record what
// the model received).
import type { LanguageModelV4CallOptions, LanguageModelV4FunctionTool } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { envelopes, type PlanEnvelope, type RevisionEnvelope, type StepEnvelope, type TaskEnvelope } from "../envelope";
import { lastEnvelope } from "../offline/prompt";

export interface ScriptedRead {
  goal?: string;
  plan?: PlanEnvelope;
  instruction?: string;
  step?: StepEnvelope;
  task?: TaskEnvelope;
  revision?: RevisionEnvelope;
  /** The function tools offered, by name. */
  tools: string[];
  /** Which call this is, from 0. */
  call: number;
  options: LanguageModelV4CallOptions;
}

export type ScriptedAnswer = { text: string } | { json: unknown } | { toolCalls: { toolName: string; input: unknown }[] };

const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } };

export function readPrompt(options: LanguageModelV4CallOptions, call = 0): ScriptedRead {
  const p = options.prompt;
  return {
    goal: lastEnvelope(p, envelopes.goal),
    plan: lastEnvelope(p, envelopes.plan),
    instruction: lastEnvelope(p, envelopes.instruction),
    step: lastEnvelope(p, envelopes.step),
    task: lastEnvelope(p, envelopes.task),
    revision: lastEnvelope(p, envelopes.revision),
    tools: (options.tools ?? []).filter((t): t is LanguageModelV4FunctionTool => t.type === "function").map((t) => t.name),
    call,
    options,
  };
}

/** A model whose every answer comes from `script`, given what the prompt's envelopes say. */
export function scriptedModel(script: (read: ScriptedRead) => ScriptedAnswer): MockLanguageModelV4 {
  let calls = 0;
  return new MockLanguageModelV4({
    doGenerate: async (options) => {
      const answer = script(readPrompt(options, calls++));
      if ("toolCalls" in answer) {
        return {
          content: answer.toolCalls.map((c, i) => ({
            type: "tool-call" as const,
            toolCallId: `scripted_${calls}_${i}`,
            toolName: c.toolName,
            input: JSON.stringify(c.input),
          })),
          finishReason: { unified: "tool-calls" as const, raw: "tool_calls" },
          usage,
          warnings: [],
        };
      }
      const text = "text" in answer ? answer.text : JSON.stringify(answer.json);
      return { content: [{ type: "text" as const, text }], finishReason: { unified: "stop" as const, raw: "stop" }, usage, warnings: [] };
    },
  });
}

/** A model that fails the test if it is called at all. */
export function unusedModel(): MockLanguageModelV4 {
  return scriptedModel(() => {
    throw new Error("the model was not supposed to be called");
  });
}
