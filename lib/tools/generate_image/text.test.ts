import type { ModelMessage } from "ai";
import { describe, expect, it } from "vitest";
import { headlineFromPrompt, heroText, runContext, type HeroText } from "./text";

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
    expect(heroText({ prompt: "A lighthouse at dawn", style: "editorial", title: "Stay the course" }, ctx)).toEqual({
      title: "Stay the course",
      kicker: "LinkedIn carousel",
      subtitle: "A lighthouse at dawn",
    });
    expect(heroText({ prompt: "Quarterly product update: faster search, new canvas", style: "editorial" }, ctx)).toEqual({
      title: "Quarterly product update",
      kicker: "LinkedIn carousel",
      subtitle: "Faster search, new canvas",
    });
    expect(heroText({ prompt: "Create an image of a lighthouse at dawn", style: "editorial", title: "Stay the course" }, runContext([]))).toEqual({
      title: "Stay the course",
      kicker: null,
      subtitle: "A lighthouse at dawn",
    });
    expect(heroText({ prompt: "Generate a hero image matching the carousel theme", style: "minimal" }, ctx)).toEqual({
      title: "AI Marketing in 2026",
      kicker: "LinkedIn carousel",
      subtitle: null,
    });
    expect(heroText({ prompt: "A lighthouse", style: "photo" }, runContext([]))).toEqual({ title: "A lighthouse", kicker: null, subtitle: null });
  });
});

describe("hero text never shows prompt markup, style instructions or invented labels", () => {
  const GOAL = "Research AI trends and write a LinkedIn carousel";
  const outline = (title: string): ModelMessage => ({
    role: "tool",
    content: [{ type: "tool-result", toolCallId: "o", toolName: "generate_outline", output: { type: "json", value: { title, sections: [] } } }],
  });
  const carousel = async (...more: ModelMessage[]) => {
    const { goalMessage } = await import("../../planner/prompt");
    return runContext([{ role: "user", content: goalMessage(GOAL) }, ...more]);
  };
  const FORBIDDEN = /<|>|&lt;|&gt;|&amp;|\bno\.|\b(?:editorial|illustration|minimal|photo|style|goal|step|plan)\b/i;
  const clean = (t: HeroText) => {
    for (const s of [t.title, t.kicker, t.subtitle]) if (s) expect(s).not.toMatch(FORBIDDEN);
  };

  it("the carousel goal: subject as the title, the deliverable as the kicker, no subtitle", async () => {
    // The step the offline planner writes for this goal.
    const t = heroText(
      { prompt: "AI trends — LinkedIn carousel cover, clean editorial style", style: "editorial", title: "AI Trends" },
      await carousel(outline("AI Trends")),
    );
    expect(t).toEqual({ title: "AI Trends", kicker: "LinkedIn carousel", subtitle: null });
    const untitled = heroText({ prompt: "AI trends — LinkedIn carousel cover, clean editorial style", style: "editorial" }, await carousel());
    expect(untitled).toEqual({ title: "AI trends", kicker: "LinkedIn carousel", subtitle: null });
  });

  it.each<[string, HeroText]>([
    ["<goal>LinkedIn AI trends carousel</goal> hero image", { title: "AI trends", kicker: "LinkedIn carousel", subtitle: null }],
    ["<GOAL LINKEDIN AI TRENDS CAROUSEL</GOAL", { title: "AI TRENDS", kicker: "LinkedIn carousel", subtitle: null }],
    ["&lt;goal&gt;LinkedIn AI trends carousel&lt;/goal&gt; in the style of Wes Anderson", { title: "AI trends", kicker: "LinkedIn carousel", subtitle: null }],
    ["&amp;lt;goal&amp;gt;AI trends&amp;lt;/goal&amp;gt;", { title: "AI trends", kicker: "LinkedIn carousel", subtitle: null }],
    [
      'Hero image about <step>{"toolName":"generate_image","description":"x","input":{}}</step> AI agents at work',
      { title: "AI agents at work", kicker: "LinkedIn carousel", subtitle: null },
    ],
    [
      "Create a hero image for a LinkedIn carousel about AI marketing trends in 2026, editorial style, bold colors",
      { title: "AI marketing trends in 2026", kicker: "LinkedIn carousel", subtitle: null },
    ],
    ["Generate a hero image of a lighthouse at dawn, soft pastel colors", { title: "A lighthouse at dawn", kicker: "LinkedIn carousel", subtitle: null }],
    ["Minimal illustration, flat vector style, high contrast", { title: "AI trends", kicker: "LinkedIn carousel", subtitle: null }],
    ["Generate a hero image matching the carousel theme", { title: "AI trends", kicker: "LinkedIn carousel", subtitle: null }],
    ["", { title: "AI trends", kicker: "LinkedIn carousel", subtitle: null }],
  ])("%j", async (prompt, expected) => {
    const t = heroText({ prompt, style: "editorial" }, await carousel());
    expect(t).toEqual(expected);
    clean(t);
  });

  it("reads no markup from the history: other envelopes, escaped tags, tags in an outline", async () => {
    const { goalMessage } = await import("../../planner/prompt");
    const ctx = runContext([
      { role: "user", content: `${goalMessage("Write a <b>bold</b> post about <remote> work & focus")}\n<step>{"toolName":"x"}</step>` },
      outline("## <em>Deep</em> work &lt;br&gt;"),
    ]);
    expect(ctx).toEqual({ goal: "Write a bold post about work & focus", heading: "Deep work" });
    const t = heroText({ prompt: "Generate a hero image matching the post", style: "bold" }, ctx);
    expect(t).toEqual({ title: "Deep work", kicker: "Post", subtitle: null });
    clean(t);
    // A history whose first message is no envelope at all: its text, without the tags.
    expect(runContext([{ role: "user", content: "<instruction>Make it shorter</instruction>" }]).goal).toBe("Make it shorter");
  });

  it("an empty prompt and no run: no words rather than invented ones", () => {
    expect(heroText({ prompt: "", style: "editorial" }, runContext([]))).toEqual({ title: "", kicker: null, subtitle: null });
    expect(heroText({ prompt: "editorial style, soft colors", style: "editorial" }, runContext([]))).toEqual({ title: "", kicker: null, subtitle: null });
  });

  it("clips a very long title and subtitle at a word", () => {
    const long = "Why the most ambitious marketing teams are quietly rebuilding every single campaign workflow around autonomous agents this year";
    const t = heroText({ prompt: `Agents at work: ${long}`, style: "editorial", title: long }, runContext([]));
    expect(t).toEqual({
      title: "Why the most ambitious marketing teams are quietly rebuilding every single campaign…",
      kicker: null,
      subtitle: "Agents at work",
    });
    clean(t);
    const sub = heroText({ prompt: `Agents at work; ${long} and why agencies should care about it now`, style: "editorial" }, runContext([]));
    expect(sub).toEqual({
      title: "Agents at work",
      kicker: null,
      subtitle: "Why the most ambitious marketing teams are quietly rebuilding every single campaign workflow around autonomous agents…",
    });
    expect(sub.subtitle!.length).toBeLessThanOrEqual(120);
    clean(sub);
  });
});
