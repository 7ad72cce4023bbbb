import { describe, expect, it } from "vitest";
import carousel from "./fixtures/carousel.json";
import { PLAN_LIMITS } from "./schema";
import { validatePlan, validatePlanText } from "./validate";

const clone = <T>(v: T): T => structuredClone(v);
const issuesOf = (input: unknown) => {
  const r = validatePlan(input);
  if (r.ok) throw new Error("expected the plan to be rejected");
  return r.issues.map((i) => `${i.path}: ${i.message}`);
};

describe("validatePlan", () => {
  it("accepts the seed plan unchanged and applies the defaults", () => {
    const r = validatePlan(carousel);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.steps.map((s) => s.id)).toEqual(["web_search", "generate_outline", "format_post", "generate_image"]);
    expect(r.plan.steps.map((s) => s.dependsOn)).toEqual([[], ["web_search"], ["generate_outline"], ["format_post"]]);
    expect(r.plan.steps.every((s) => Object.keys(s.input).length === 0)).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it("is idempotent: a normalized plan validates to itself", () => {
    const first = validatePlan(carousel);
    if (!first.ok) throw new Error("seed must validate");
    const second = validatePlan(first.plan);
    expect(second).toMatchObject({ ok: true, plan: first.plan });
  });

  it("suggests the closest tool for a typo", () => {
    const doc = clone(carousel);
    doc.steps[0]!.toolName = "web_serch";
    expect(issuesOf(doc)).toEqual(['steps[0].toolName: unknown tool "web_serch" (did you mean "web_search"?)']);
  });

  it("lists the known tools when nothing is close", () => {
    const doc = clone(carousel);
    doc.steps[1]!.toolName = "teleport";
    expect(issuesOf(doc)[0]).toMatch(/^steps\[1\]\.toolName: unknown tool "teleport"; known tools: web_search, fetch_url/);
  });

  it("names the path and the bad value for type errors", () => {
    const doc = clone(carousel) as Record<string, unknown> & { steps: Record<string, unknown>[] };
    doc.steps[2]!.requiresApproval = "yes";
    delete doc.steps[3]!.description;
    const issues = issuesOf(doc);
    expect(issues).toContainEqual(expect.stringMatching(/^steps\[2\]\.requiresApproval: .*boolean.*\(got "yes"\)$/));
    expect(issues).toContain("steps[3].description: is required");
  });

  it("rejects unknown fields, naming them", () => {
    expect(issuesOf({ ...carousel, owner: "me" })).toEqual(['(root): unknown field "owner"']);
  });

  it("orders steps by stepIndex and reports duplicate indexes and ids", () => {
    const doc = clone(carousel) as { title: string; steps: Record<string, unknown>[] };
    doc.steps[3]!.stepIndex = 2;
    expect(issuesOf(doc)).toEqual(["steps[3].stepIndex: duplicate stepIndex 2 (also at steps[2])"]);
    const ids = clone(carousel) as { title: string; steps: Record<string, unknown>[] };
    ids.steps[0]!.id = "a";
    ids.steps[1]!.id = "a";
    expect(issuesOf(ids)).toEqual(['steps[1].id: duplicate step id "a" (also at steps[0])']);
  });

  it("checks dependencies: unknown ids, self loops and cycles", () => {
    const base = {
      title: "T",
      steps: [
        { stepIndex: 0, toolName: "web_search", description: "a", requiresApproval: false, id: "a", dependsOn: ["b"] },
        { stepIndex: 1, toolName: "summarize", description: "b", requiresApproval: false, id: "b" },
      ],
    };
    expect(issuesOf(base)).toEqual(["steps[0].dependsOn: dependency cycle: a → b → a"]);
    const self = clone(base);
    self.steps[0]!.dependsOn = ["a"];
    expect(issuesOf(self)).toEqual(['steps[0].dependsOn[0]: step "a" cannot depend on itself']);
    const unknown = clone(base);
    unknown.steps[0]!.dependsOn = ["bb"];
    expect(issuesOf(unknown)).toEqual(['steps[0].dependsOn[0]: unknown step id "bb" (did you mean "b"?)']);
  });

  it("allows parallel branches and joins", () => {
    const r = validatePlan({
      title: "Diamond",
      steps: [
        { stepIndex: 0, toolName: "web_search", description: "a", requiresApproval: false, id: "a" },
        { stepIndex: 1, toolName: "summarize", description: "b", requiresApproval: false, id: "b", dependsOn: ["a"] },
        { stepIndex: 2, toolName: "generate_outline", description: "c", requiresApproval: false, id: "c", dependsOn: ["a"] },
        { stepIndex: 3, toolName: "format_post", description: "d", requiresApproval: true, id: "d", dependsOn: ["b", "c"] },
      ],
    });
    expect(r.ok).toBe(true);
  });

  it("warns when a publishing step is not gated", () => {
    const doc = clone(carousel);
    doc.steps[3]!.requiresApproval = false;
    const r = validatePlan(doc);
    expect(r.ok && r.warnings.map((w) => w.path)).toEqual(["steps[3].requiresApproval"]);
  });

  it("flags plans over the step limit as too large", () => {
    const steps = Array.from({ length: PLAN_LIMITS.maxSteps + 1 }, (_, i) => ({
      stepIndex: i,
      toolName: "summarize",
      description: "s",
      requiresApproval: false,
    }));
    const r = validatePlan({ title: "Big", steps });
    expect(r).toMatchObject({ ok: false, issues: [{ path: "steps", code: "too_large" }] });
  });

  it("reports malformed JSON text", () => {
    const r = validatePlanText('{"title": ');
    expect(r).toMatchObject({ ok: false, issues: [{ path: "(root)" }] });
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/^malformed JSON: /);
  });
});

describe("validatePlan reports everything in one pass", () => {
  it("names an unknown tool next to structural errors", () => {
    const issues = issuesOf({ title: "x", steps: [{ stepIndex: 0, toolName: "web_serch", description: "a", requiresApproval: "no" }] });
    expect(issues).toContain('steps[0].toolName: unknown tool "web_serch" (did you mean "web_search"?)');
    expect(issues).toContainEqual(expect.stringMatching(/^steps\[0\]\.requiresApproval: /));
  });
});
