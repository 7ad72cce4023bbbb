import { describe, expect, it } from "vitest";
import { draftOf, moved, outputOf, problemsByItem } from "./slide-draft";

const carousel = {
  platform: "linkedin",
  format: "carousel",
  text: "Caption",
  slides: [
    { title: "A", body: "a" },
    { title: "B", body: "b" },
  ],
  hashtags: ["#AI"],
  charCount: 7,
  adjustments: [],
};

describe("slide drafts", () => {
  it("a carousel or a thread gets a draft; plain posts and other outputs keep the textarea", () => {
    expect(draftOf(carousel)).toMatchObject({ kind: "carousel", platform: "linkedin", caption: "Caption", slides: [{ title: "A" }, { title: "B" }] });
    expect(draftOf({ platform: "x", format: "thread", text: "1\n\n2", posts: ["1", "2"] })).toMatchObject({
      kind: "thread",
      posts: [{ text: "1" }, { text: "2" }],
    });
    expect(draftOf({ platform: "linkedin", format: "post", text: "hi" })).toBeNull();
    expect(draftOf({ platform: "myspace", format: "carousel", slides: [] })).toBeNull();
    expect(draftOf({ summary: "s" })).toBeNull();
  });

  it("keys are stable across a reorder and the output keeps everything else", () => {
    const d = draftOf(carousel)!;
    if (d.kind !== "carousel") throw new Error("expected a carousel");
    const keys = d.slides.map((s) => s.key);
    const swapped = { ...d, caption: "New caption", slides: moved(d.slides, 1, 0) };
    expect(swapped.slides.map((s) => s.key)).toEqual([keys[1], keys[0]]);
    expect(outputOf(carousel, swapped)).toEqual({
      ...carousel,
      text: "New caption",
      charCount: 11,
      slides: [
        { title: "B", body: "b" },
        { title: "A", body: "a" },
      ],
    });
  });

  it("a thread's text is its posts", () => {
    const d = draftOf({ platform: "x", format: "thread", text: "", posts: ["one", "two"], hashtags: [] })!;
    expect(outputOf({ platform: "x", format: "thread" }, d)).toMatchObject({ posts: ["one", "two"], text: "one\n\ntwo", charCount: 8 });
  });

  it("moved leaves the list alone when the target is out of range", () => {
    expect(moved([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(moved([1, 2, 3], 2, 3)).toEqual([1, 2, 3]);
    expect(moved([1, 2, 3], 2, 0)).toEqual([3, 1, 2]);
  });

  it("server problems land on the slide or post they name", () => {
    const problem =
      "output.slides[1].body: 3,001 characters, the limit is 3,000\noutput.slides[1].title: too long\noutput.slides: 21 slides\noutput.posts[0]: empty";
    expect([...problemsByItem(problem, "carousel")]).toEqual([[1, ["body: 3,001 characters, the limit is 3,000", "title: too long"]]]);
    expect([...problemsByItem(problem, "thread")]).toEqual([[0, ["empty"]]]);
    expect(problemsByItem(null, "thread").size).toBe(0);
  });
});
