import { describe, expect, it } from "vitest";
import { revisionText } from "./revision-text";

describe("revisionText", () => {
  it("a post with its slides, a summary with its points, an outline with its sections; never notes or the model", () => {
    expect(revisionText({ text: "Caption", slides: [{ title: "One", body: "First." }], notes: ["x"], model: "offline" })).toBe(
      "Caption\n\nSlide 1: One\nFirst.",
    );
    expect(revisionText({ summary: "S.", points: ["a", "b"] })).toBe("S.\n- a\n- b");
    expect(revisionText({ title: "T", sections: [{ heading: "H", points: ["p"] }] })).toBe("T\n\nH\n- p");
    expect(revisionText({ url: "/api/assets/1", notes: ["x"], model: "m" })).toBe('{\n  "url": "/api/assets/1"\n}');
    expect(revisionText(null)).toBe("");
  });
});
