import { describe, expect, it } from "vitest";
import type { Plan, PlanStep } from "../plan/schema";
import { bindParam, paramSlots, prepareUpgrade, pruneParams, unbindParam } from "./editing";
import type { TemplateParam } from "./params";

const step = (id: string, toolName: string, input: Record<string, unknown>, over: Partial<PlanStep> = {}): PlanStep => ({
  stepIndex: 0,
  id,
  toolName,
  description: `Step ${id}`,
  requiresApproval: false,
  input,
  dependsOn: [],
  ...over,
});
const plan = (...steps: PlanStep[]): Plan => ({ title: "Carousel", steps: steps.map((s, i) => ({ ...s, stepIndex: i })) });
const v1 = plan(
  step("research", "web_search", { query: "ai" }, { description: "Search for {{topic}}" }),
  step("outline", "generate_outline", { sections: 6 }, { dependsOn: ["research"] }),
);
const slides = { name: "slides", label: "Slides", required: true, default: 6 };
const topic: TemplateParam = { name: "topic", label: "Topic", required: true, bindings: [] };

describe("making step inputs parameters", () => {
  it("binds, rebinds under another name, lists a step's slots and unbinds", () => {
    let params = bindParam([topic], slides, { stepId: "outline", path: ["sections"] });
    expect(params.map((p) => p.name)).toEqual(["topic", "slides"]);
    expect(paramSlots(params, "outline")).toEqual(new Map([["sections", "slides"]]));
    params = bindParam(params, { name: "topic", label: "Subject", required: true }, { stepId: "outline", path: ["sections"] });
    // The input has one parameter at a time: slides lost its only binding and went.
    expect(params).toEqual([{ ...topic, label: "Subject", bindings: [{ stepId: "outline", path: ["sections"] }] }]);
    expect(unbindParam(params, "outline", ["sections"])).toEqual([]);
    // Interpolation-only parameters (no bindings) are not touched by unbinding other inputs.
    expect(unbindParam([topic], "outline", ["sections"])).toEqual([topic]);
  });

  it("drops bindings to steps that were deleted", () => {
    const params = bindParam([], slides, { stepId: "outline", path: ["sections"] });
    expect(pruneParams(params, plan(v1.steps[0]!))[0]!.bindings).toEqual([]);
    expect(pruneParams(params, v1)).toBe(params);
  });
});

describe("preparing an upgrade", () => {
  const fromParams: TemplateParam[] = [topic, { ...slides, bindings: [{ stepId: "outline", path: ["sections"] }] }];
  const values = { topic: "remote work", slides: 8 };

  it("instantiates both versions with the plan's values and keeps the plan's own edit", () => {
    const v2 = plan(...v1.steps, step("post", "format_post", { platform: "linkedin", format: "carousel" }, { dependsOn: ["outline"] }));
    const ours = {
      ...v1,
      steps: [
        { ...v1.steps[0]!, description: "Search for remote work, 2026", input: { query: "ai" } },
        { ...v1.steps[1]!, input: { sections: 8 } },
      ],
    };
    const r = prepareUpgrade({ plan: v1, params: fromParams }, { plan: v2, params: fromParams }, values, ours);
    expect(r.merge.conflicts).toEqual([]);
    expect(Object.fromEntries(r.merge.steps.map((s) => [s.id, s.kind]))).toEqual({ research: "mine", outline: "unchanged", post: "added_by_template" });
    expect(r.merge.plan.steps[0]!.description).toBe("Search for remote work, 2026");
    expect(r.merge.plan.steps[1]!.input.sections).toBe(8);
    expect(r.values).toEqual(values);
    expect(r.changes).toEqual([]);
  });

  it("calls out removed, retyped and new parameters", () => {
    const v2 = plan(v1.steps[0]!, step("outline", "generate_outline", { sections: 6, title: "Slides" }, { dependsOn: ["research"] }));
    // slides is now bound to a text input; topic is gone; audience is new and has no default.
    const toParams: TemplateParam[] = [
      { name: "slides", label: "Slides", required: true, bindings: [{ stepId: "outline", path: ["title"] }] },
      { name: "audience", label: "Audience", required: true, bindings: [] },
    ];
    const r = prepareUpgrade({ plan: v1, params: fromParams }, { plan: v2, params: toParams }, values, v1);
    expect(r.changes.map((c) => [c.name, c.kind])).toEqual([
      ["topic", "removed"],
      ["slides", "retyped"],
      ["audience", "needs_value"],
    ]);
    expect(r.values).toEqual({});
    expect(r.problems.map((p) => p.path)).toContain("params.audience");
  });
});
