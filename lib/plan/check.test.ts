import { describe, expect, it } from "vitest";
import carousel from "./fixtures/carousel.json";
import { checkPlan } from "./check";
import { PLAN_LIMITS, type Plan } from "./schema";
import { validatePlan } from "./validate";

const seed = (): Plan => {
  const r = validatePlan(carousel);
  if (!r.ok) throw new Error("seed must validate");
  return structuredClone(r.plan);
};

describe("checkPlan (live validation in the editor)", () => {
  it("passes the seed plan", () => {
    expect(checkPlan(seed())).toMatchObject({ ok: true, errors: 0, warnings: 0, issues: [] });
  });

  it("ties input problems, structural errors and warnings to their steps", () => {
    const plan = seed();
    plan.steps[1]!.input = { sections: 50, colour: "red" };
    plan.steps[3]!.requiresApproval = false;
    const c = checkPlan(plan);
    expect(c.ok).toBe(false);
    expect(c.issues.map((i) => `${i.severity} ${i.path} [${i.stepId}]`)).toEqual([
      "error steps[1].input.sections [generate_outline]",
      "error steps[1].input.colour [generate_outline]",
      "warning steps[3].requiresApproval [generate_image]",
    ]);
    expect(c.byStep.get("generate_outline")).toEqual({ errors: 2, warnings: 0 });
    plan.steps[0]!.description = " ";
    expect(checkPlan(plan).issues.map((i) => i.path)).toEqual(["steps[0].description", "steps[1].input.sections", "steps[1].input.colour"]);
  });

  it("checks cross-field rules on partial inputs", () => {
    const plan = seed();
    plan.steps.push({
      stepIndex: 4,
      toolName: "http_request",
      description: "Call",
      requiresApproval: true,
      id: "call",
      input: { body: "x", headers: { Host: "a" } },
      dependsOn: [],
    });
    expect(checkPlan(plan).issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      "steps[4].input.headers.Host: the host header is set by the HTTP client and cannot be given",
      "steps[4].input.body: a GET request cannot have a body",
    ]);
  });

  it("opens plans over the save limit, with the limit as an error", () => {
    const steps = Array.from({ length: PLAN_LIMITS.maxSteps + 1 }, (_, i) => ({
      stepIndex: i,
      toolName: "summarize",
      description: "s",
      requiresApproval: false,
      id: `s${i}`,
      input: {},
      dependsOn: i ? [`s${i - 1}`] : [],
    }));
    const c = checkPlan({ title: "Big", steps });
    expect(c.ok).toBe(false);
    expect(c.issues).toEqual([expect.objectContaining({ path: "steps", code: "too_large" })]);
  });
});
