import { describe, expect, it } from "vitest";
import { copyTextOf, downloadName, looksLikeMarkdown, markdownToPlain, selectResults, type ResultStep } from "./final-outputs";

const step = (id: string, stepIndex: number, toolName: string, status: string, output: unknown, publishes = false): ResultStep => ({
  id,
  stepIndex,
  toolName,
  status,
  output,
  publishes,
});

describe("selectResults", () => {
  // search → outline → post (published) → image (sink)
  const plan = [
    { id: "search", dependsOn: [] },
    { id: "outline", dependsOn: ["search"] },
    { id: "post", dependsOn: ["outline"] },
    { id: "image", dependsOn: ["post"] },
  ];

  it("final: the sinks and what was published; the rest is intermediate, in plan order", () => {
    const steps = [
      step("image", 3, "generate_image", "succeeded", { url: "/api/assets/x" }, true),
      step("search", 0, "web_search", "succeeded", { results: [] }),
      step("post", 2, "format_post", "succeeded", { text: "hi" }, true),
      step("outline", 1, "generate_outline", "succeeded", { title: "t", sections: [] }),
    ];
    const r = selectResults(plan, steps);
    expect(r.final.map((s) => s.id)).toEqual(["post", "image"]);
    expect(r.intermediate.map((s) => s.id)).toEqual(["search", "outline"]);
    expect([r.unapproved, r.missing]).toEqual([[], []]);
  });

  it("a partial run: an output never approved is not final, the sink that never ran is missing", () => {
    const steps = [
      step("search", 0, "web_search", "succeeded", { results: [] }),
      step("outline", 1, "generate_outline", "succeeded", { title: "t", sections: [] }),
      step("post", 2, "format_post", "cancelled", { text: "never approved" }, true),
      step("image", 3, "generate_image", "cancelled", null, true),
    ];
    const r = selectResults(plan, steps);
    expect(r.final).toEqual([]);
    expect(r.intermediate.map((s) => s.id)).toEqual(["search", "outline"]);
    expect(r.unapproved.map((s) => s.id)).toEqual(["post"]);
    expect(r.missing.map((s) => s.id)).toEqual(["image"]);
  });

  it("an approved post whose run stopped later is final; a step without dependants is a sink", () => {
    const steps = [
      step("search", 0, "web_search", "succeeded", { results: [] }),
      step("outline", 1, "generate_outline", "succeeded", { title: "t", sections: [] }),
      step("post", 2, "format_post", "approved", { text: "approved" }, true),
      step("image", 3, "generate_image", "failed", null, true),
    ];
    const r = selectResults(plan, steps);
    expect([r.final.map((s) => s.id), r.missing.map((s) => s.id)]).toEqual([["post"], ["image"]]);
    const lone = selectResults([{ id: "a", dependsOn: [] }], [step("a", 0, "summarize", "succeeded", { summary: "s", points: [] })]);
    expect(lone.final.map((s) => s.id)).toEqual(["a"]);
  });
});

describe("copyTextOf", () => {
  it("a carousel: the caption and every slide, as plain text and as markdown", () => {
    const out = {
      platform: "linkedin",
      format: "carousel",
      text: "Five trends.",
      slides: [
        { title: "One", body: "First." },
        { title: "Two", body: "Second." },
      ],
      hashtags: ["#AI"],
    };
    expect(copyTextOf("format_post", out)).toEqual({
      plain: "Five trends.\n\nSlide 1: One\nFirst.\n\nSlide 2: Two\nSecond.\n\n#AI",
      markdown: "Five trends.\n\n## Slide 1: One\n\nFirst.\n\n## Slide 2: Two\n\nSecond.\n\n#AI",
    });
  });

  it("a thread: its posts in order; hashtags already in the text are not repeated", () => {
    expect(copyTextOf("format_post", { format: "thread", text: "a\n\nb #AI", posts: ["a", "b #AI"], hashtags: ["#AI"] })).toEqual({ plain: "a\n\nb #AI" });
  });

  it("a markdown article: markdown as written, and plain text without the markup", () => {
    const text = "# Title\n\nSome **bold** and *em* words, a [link](https://example.com).\n\n- one\n- two";
    expect(copyTextOf("format_post", { format: "article", text, hashtags: [] })).toEqual({
      plain: "Title\n\nSome bold and em words, a link (https://example.com).\n\n• one\n• two",
      markdown: text,
    });
  });

  it("other outputs: outline, summary, http delivery, image", () => {
    expect(copyTextOf("generate_outline", { title: "T", sections: [{ heading: "H", points: ["p"] }] }).markdown).toBe("# T\n\n## H\n\n- p");
    expect(copyTextOf("summarize", { summary: "S", points: ["a"] })).toEqual({ plain: "S\n\n• a", markdown: "S\n\n- a" });
    expect(copyTextOf("http_request", { method: "POST", url: "https://x.test/hook", status: 201, statusText: "Created", body: "{}" }).plain).toBe(
      "POST https://x.test/hook → 201 Created\n\n{}",
    );
    expect(copyTextOf("generate_image", { url: "/api/assets/1" }).plain).toBe("/api/assets/1");
  });
});

describe("markdown helpers", () => {
  it("tells markdown from plain text", () => {
    expect(looksLikeMarkdown("Just a sentence, with 3 numbers: 1, 2 and 3.")).toBe(false);
    expect(looksLikeMarkdown("## Heading")).toBe(true);
    expect(looksLikeMarkdown("a\n- list")).toBe(true);
  });
  it("keeps underscores and stars that are not markup", () => {
    expect(markdownToPlain("snake_case_name and 2 * 3 * 4")).toBe("snake_case_name and 2 * 3 * 4");
  });
});

describe("downloadName", () => {
  it("names the file after the plan and the step, with the media type's extension", () => {
    expect(downloadName("Café: AI trends — Q3!", "hero-image", "image/png")).toBe("cafe-ai-trends-q3-hero-image.png");
    expect(downloadName(null, "img", "image/jpeg")).toBe("img.jpg");
  });
});
