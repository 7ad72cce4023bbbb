import { describe, expect, it } from "vitest";
import carousel from "./fixtures/carousel.json";
import { diffPlans, formatValue, jsonEqual, summarizeDiff } from "./diff";
import type { Plan } from "./schema";
import { validatePlan } from "./validate";

const seed = (): Plan => {
  const r = validatePlan(carousel);
  if (!r.ok) throw new Error("seed must validate");
  return structuredClone(r.plan);
};

describe("diffPlans", () => {
  it("finds nothing between a plan and itself", () => {
    const d = diffPlans(seed(), seed());
    expect(d.same).toBe(true);
    expect(d.steps).toEqual([]);
    expect(summarizeDiff(d)).toBe("no changes");
  });

  it("reports added, removed and changed steps field by field", () => {
    const before = seed();
    const after = seed();
    after.steps = after.steps.filter((s) => s.id !== "generate_image");
    after.steps[2]!.input = { platform: "x", format: "thread" };
    after.steps[2]!.requiresApproval = false;
    after.steps[1]!.description = "Outline 8 slides";
    after.steps.push({
      stepIndex: 9,
      toolName: "summarize",
      description: "Summarize",
      requiresApproval: false,
      id: "summarize",
      input: {},
      dependsOn: ["web_search"],
    });
    const d = diffPlans(before, after);
    expect(d.counts).toEqual({ added: 1, removed: 1, changed: 2 });
    expect(d.steps.map((s) => `${s.kind}:${s.id}`)).toEqual(["changed:generate_outline", "changed:format_post", "added:summarize", "removed:generate_image"]);
    const post = d.steps.find((s) => s.id === "format_post")!;
    expect(post.changes).toEqual([
      { field: "requiresApproval", before: true, after: false },
      { field: "input.platform", before: undefined, after: "x" },
      { field: "input.format", before: undefined, after: "thread" },
    ]);
    expect(d.steps[0]!.changes).toEqual([
      { field: "description", before: "Structure a 6-slide carousel outline from search results", after: "Outline 8 slides" },
    ]);
    expect(summarizeDiff(d)).toBe("1 added, 1 removed, 2 changed");
  });

  it("compares dependencies as sets and ignores layout, order and provenance unless asked", () => {
    const before = seed();
    before.steps[3]!.dependsOn = ["format_post", "web_search"];
    const after = structuredClone(before);
    after.steps[3]!.dependsOn = ["web_search", "format_post"];
    after.steps[0]!.position = { x: 10, y: 20 };
    after.steps[1]!.stepIndex = 7;
    after.steps[2]!.origin = "ai-edited";
    expect(diffPlans(before, after).same).toBe(true);
    const d = diffPlans(before, after, { positions: true, order: true, origin: true });
    expect(d.steps.map((s) => s.changes.map((c) => c.field))).toEqual([["position"], ["stepIndex"], ["origin"]]);
  });

  it("reports title changes and dependency changes", () => {
    const before = seed();
    const after = seed();
    after.title = "New title";
    after.steps[3]!.dependsOn = ["generate_outline"];
    const d = diffPlans(before, after);
    expect(d.title).toEqual({ field: "title", before: "LinkedIn AI Trends Carousel", after: "New title" });
    expect(d.steps[0]!.changes).toEqual([{ field: "dependsOn", before: ["format_post"], after: ["generate_outline"] }]);
  });

  it("compares input values structurally", () => {
    expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: [1] }, { a: [1, 2] })).toBe(false);
    expect(formatValue(undefined)).toBe("—");
    expect(formatValue(["a", "b"])).toBe("a, b");
    expect(formatValue({ x: 1 })).toBe('{"x":1}');
  });
});
