import type { ModelMessage } from "ai";
import { describe, expect, it } from "vitest";
import { headlineFromPrompt, heroText, runContext } from "./text";

describe("hero text", () => {
  it.each([
    ["Generate a hero image of a lighthouse at dawn, soft pastel colors", "A lighthouse at dawn"],
    ["Create a bold cover illustration for remote work productivity tips", "Remote work productivity tips"],
    ["A calm morning routine for remote teams", "A calm morning routine for remote teams"],
    ["Minimal illustration of the five biggest AI marketing trends that will shape how brands talk in 2026", "The five biggest AI marketing trends"],
    ["Generate a hero image matching the carousel theme", null],
    ["Create an image for this post.", null],
  ])("derives a headline from %j", (prompt, headline) => {
    expect(headlineFromPrompt(prompt)).toBe(headline);
  });

  const history: ModelMessage[] = [
    { role: "user", content: "Write a LinkedIn carousel on AI marketing trends" },
    { role: "assistant", content: [{ type: "tool-call", toolCallId: "c1", toolName: "generate_outline", input: { topic: "AI marketing" } }] },
    {
      role: "tool",
      content: [
        {
          type: "tool-result",
          toolCallId: "c1",
          toolName: "generate_outline",
          output: { type: "json", value: { title: "AI Marketing in 2026", format: "slides", sections: [{ heading: "Agents everywhere", points: [] }] } },
        },
      ],
    },
  ];

  it("reads the goal and the outline's title from the run history", () => {
    expect(runContext(history)).toEqual({ goal: "Write a LinkedIn carousel on AI marketing trends", heading: "AI Marketing in 2026" });
    expect(runContext([])).toEqual({ goal: null, heading: null });
  });

  it("reads the goal out of its envelope, as a run's history carries it", async () => {
    const { goalMessage } = await import("../../planner/prompt");
    const goal = "Research AI trends & write a LinkedIn carousel";
    expect(runContext([{ role: "user", content: goalMessage(goal) }, ...history.slice(1)])).toEqual({ goal, heading: "AI Marketing in 2026" });
  });

  it("finds a markdown heading in a text outline", () => {
    const md: ModelMessage[] = [
      {
        role: "tool",
        content: [
          { type: "tool-result", toolCallId: "c", toolName: "generate_outline", output: { type: "text", value: "Intro\n## **Agents** take over\n- point" } },
        ],
      },
    ];
    expect(runContext(md).heading).toBe("Agents take over");
  });

  it("prefers an explicit title, then the prompt, then the run's topic", () => {
    const ctx = runContext(history);
    expect(heroText({ prompt: "A lighthouse at dawn", style: "editorial", title: "Stay the course" }, ctx)).toMatchObject({
      title: "Stay the course",
      kicker: "AI Marketing in 2026",
    });
    expect(heroText({ prompt: "Quarterly product update: faster search, new canvas", style: "editorial" }, ctx)).toEqual({
      title: "Quarterly product update",
      kicker: "AI Marketing in 2026",
      subtitle: "Faster search, new canvas",
    });
    expect(heroText({ prompt: "Create an image of a lighthouse at dawn", style: "editorial", title: "Stay the course" }, runContext([]))).toEqual({
      title: "Stay the course",
      kicker: "Feature",
      subtitle: "A lighthouse at dawn",
    });
    expect(heroText({ prompt: "Generate a hero image matching the carousel theme", style: "minimal" }, ctx)).toEqual({
      title: "AI Marketing in 2026",
      kicker: "Write a LinkedIn carousel on AI…",
      subtitle: null,
    });
    expect(heroText({ prompt: "A lighthouse", style: "photo" }, runContext([]))).toEqual({ title: "A lighthouse", kicker: "In focus", subtitle: null });
  });
});
