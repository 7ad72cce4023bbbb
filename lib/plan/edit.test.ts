import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toolNames } from "../tools/catalog";
import carousel from "./fixtures/carousel.json";
import { addStep, connectSteps, copySteps, disconnectSteps, pasteSteps, removeSteps, switchTool, uniqueStepId, updateStep } from "./edit";
import type { Plan, PlanStep } from "./schema";
import { validatePlan } from "./validate";

const seed = (): Plan => {
  const r = validatePlan(carousel);
  if (!r.ok) throw new Error("seed must validate");
  return structuredClone(r.plan);
};
const deps = (p: Plan) => Object.fromEntries(p.steps.map((s) => [s.id, s.dependsOn]));
const valid = (p: Plan) => expect(validatePlan(p)).toMatchObject({ ok: true });

describe("plan editing operations", () => {
  it("makes unique readable ids", () => {
    expect(uniqueStepId("summarize", new Set(["summarize", "summarize_2"]))).toBe("summarize_3");
    expect(uniqueStepId("web search!", new Set())).toBe("web_search_");
  });

  it("inserts a step after another, taking over its dependants and pushing them down", () => {
    const plan = seed();
    plan.steps.forEach((s, i) => (s.position = { x: 0, y: i * 200 }));
    const { plan: next, id } = addStep(plan, "summarize", { after: "web_search" });
    expect(id).toBe("summarize");
    expect(deps(next)).toMatchObject({ summarize: ["web_search"], generate_outline: ["summarize"] });
    const added = next.steps.find((s) => s.id === id)!;
    expect(added).toMatchObject({ stepIndex: 4, requiresApproval: false, origin: "manual", position: { x: 0, y: 192 } });
    expect(next.steps.find((s) => s.id === "generate_outline")!.position).toEqual({ x: 0, y: 392 });
    valid(next);
  });

  it("appends after the last step by default and gates publishing tools", () => {
    const { plan, id } = addStep(seed(), "http_request");
    expect(plan.steps.at(-1)).toMatchObject({ id, dependsOn: ["generate_image"], requiresApproval: false });
    const post = addStep(seed(), "format_post");
    expect(post.plan.steps.at(-1)).toMatchObject({ id: "format_post_2", requiresApproval: true });
    const free = addStep(seed(), "summarize", { after: null, position: { x: 5, y: 6 } });
    expect(free.plan.steps.at(-1)).toMatchObject({ dependsOn: [], position: { x: 5, y: 6 } });
  });

  it("re-links parents to children when a step is deleted", () => {
    const next = removeSteps(seed(), ["generate_outline"]);
    expect(deps(next)).toEqual({ web_search: [], format_post: ["web_search"], generate_image: ["format_post"] });
    const two = removeSteps(seed(), ["generate_outline", "format_post"]);
    expect(deps(two)).toEqual({ web_search: [], generate_image: ["web_search"] });
    valid(two);
  });

  it("keeps every random plan valid when random steps are deleted", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.array(fc.nat(), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), (n, picks, remove) => {
        const steps: PlanStep[] = [];
        for (let i = 0; i < n; i++) {
          const d = i === 0 ? [] : [...new Set(picks.slice(i, i + 2).map((p) => `s${p % i}`))];
          steps.push({
            stepIndex: i,
            toolName: toolNames[i % toolNames.length]!,
            description: "x",
            requiresApproval: true,
            id: `s${i}`,
            input: {},
            dependsOn: d,
          });
        }
        const next = removeSteps(
          { title: "T", steps },
          remove.map((r) => `s${r % n}`),
        );
        expect(validatePlan(next).ok).toBe(true);
      }),
    );
  });

  it("connects steps, refusing self-loops, duplicates and cycles with the cycle named", () => {
    expect(connectSteps(seed(), "web_search", "web_search")).toMatchObject({ ok: false, reason: "self" });
    expect(connectSteps(seed(), "web_search", "generate_outline")).toMatchObject({ ok: false, reason: "duplicate" });
    const cycle = connectSteps(seed(), "generate_image", "generate_outline");
    expect(cycle).toMatchObject({
      ok: false,
      reason: "cycle",
      message: "That connection would create a cycle: generate_outline → format_post → generate_image → generate_outline",
    });
    const join = connectSteps(seed(), "web_search", "format_post");
    expect(join.ok && deps(join.plan).format_post).toEqual(["generate_outline", "web_search"]);
    if (join.ok) expect(deps(disconnectSteps(join.plan, "web_search", "format_post")).format_post).toEqual(["generate_outline"]);
  });

  it("marks AI steps as edited when a person changes them", () => {
    const plan = seed();
    plan.steps[0]!.origin = "ai";
    const next = updateStep(plan, "web_search", { description: "Search again", approvalTimeout: "2h" });
    expect(next.steps[0]).toMatchObject({ description: "Search again", origin: "ai-edited", approvalTimeout: "2h" });
    expect(updateStep(next, "web_search", { approvalTimeout: undefined }).steps[0]).not.toHaveProperty("approvalTimeout");
    expect(updateStep(plan, "generate_outline", { description: "x" }).steps[1]).not.toHaveProperty("origin");
  });

  it("keeps the inputs that still fit when the tool changes", () => {
    const step: PlanStep = {
      stepIndex: 0,
      toolName: "generate_outline",
      description: "d",
      requiresApproval: false,
      id: "o",
      input: { topic: "AI trends", sections: 6, format: "slides" },
      dependsOn: [],
      origin: "ai",
    };
    expect(switchTool(step, "format_post")).toMatchObject({
      toolName: "format_post",
      input: { topic: "AI trends" },
      requiresApproval: true,
      origin: "ai-edited",
    });
    expect(switchTool(step, "summarize")).toMatchObject({ input: {}, requiresApproval: false });
    const search: PlanStep = { ...step, toolName: "web_search", input: { query: "x", maxResults: 50 } };
    expect(switchTool(search, "web_search")).toBe(search);
  });

  it("copies and pastes with new ids, internal dependencies remapped", () => {
    const plan = seed();
    plan.steps.forEach((s, i) => (s.position = { x: 0, y: i * 200 }));
    const fragment = copySteps(plan, ["generate_outline", "format_post"]);
    expect(fragment.map((s) => s.dependsOn)).toEqual([[], ["generate_outline"]]);
    const { plan: next, ids } = pasteSteps(plan, fragment);
    expect(ids).toEqual(["generate_outline_2", "format_post_2"]);
    expect(next.steps.slice(-2).map((s) => [s.id, s.stepIndex, s.dependsOn, s.position])).toEqual([
      ["generate_outline_2", 4, [], { x: 40, y: 240 }],
      ["format_post_2", 5, ["generate_outline_2"], { x: 40, y: 440 }],
    ]);
    valid(next);
  });

  it("points a pasted copy's references at the other copies, leaving references outside the fragment alone", () => {
    const plan = seed();
    plan.steps.find((s) => s.id === "format_post")!.input = {
      topic: "{{steps.generate_outline.output.title}} — {{steps.web_search.output.query}}",
    };
    const { plan: next } = pasteSteps(plan, copySteps(plan, ["generate_outline", "format_post"]));
    expect(next.steps.at(-1)!.input).toEqual({ topic: "{{steps.generate_outline_2.output.title}} — {{steps.web_search.output.query}}" });
    expect(next.steps.find((s) => s.id === "format_post")!.input.topic).toContain("steps.generate_outline.output.title");
  });
});
