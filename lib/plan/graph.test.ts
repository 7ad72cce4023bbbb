import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toolNames } from "../tools/catalog";
import carousel from "./fixtures/carousel.json";
import { graphToPlan, planToGraph } from "./graph";
import type { Plan, PlanStep } from "./schema";
import { validatePlan } from "./validate";

/** Random valid plans: a DAG (dependencies only point backwards), some with saved positions. */
const arbPlan: fc.Arbitrary<Plan> = fc
  .record({
    title: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
    n: fc.integer({ min: 0, max: 25 }),
    positioned: fc.boolean(),
    seed: fc.array(
      fc.tuple(
        fc.constantFrom(...toolNames),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.integer({ min: -2000, max: 2000 }),
        fc.integer({ min: -2000, max: 2000 }),
      ),
      { minLength: 25, maxLength: 25 },
    ),
  })
  .map(({ title, n, positioned, seed }) => {
    const steps: PlanStep[] = [];
    for (let i = 0; i < n; i++) {
      const [toolName, gate, depPicks, x, y] = seed[i]!;
      const dependsOn = i === 0 ? [] : [...new Set(depPicks.map((d) => steps[d % i]!.id))];
      steps.push({
        stepIndex: i * 2,
        toolName,
        description: `step ${i}`,
        requiresApproval: gate,
        id: `s${i}`,
        input: { n: i },
        dependsOn,
        ...(positioned ? { position: { x, y } } : {}),
      });
    }
    return { title: title.trim(), steps };
  });

describe("plan ↔ graph", () => {
  it("plan → graph → plan is the identity", () => {
    fc.assert(
      fc.property(arbPlan, (plan) => {
        expect(validatePlan(plan)).toMatchObject({ ok: true, plan });
        expect(graphToPlan(plan, planToGraph(plan))).toEqual(plan);
      }),
      { numRuns: 200 },
    );
  });

  it("draws the seed plan as four nodes in a chain, laid out top-down", () => {
    const r = validatePlan(carousel);
    if (!r.ok) throw new Error("seed must validate");
    const g = planToGraph(r.plan);
    expect(g.nodes).toHaveLength(4);
    expect(g.edges.map((e) => `${e.source}->${e.target}`)).toEqual([
      "web_search->generate_outline",
      "generate_outline->format_post",
      "format_post->generate_image",
    ]);
    const ys = g.nodes.map((n) => n.position.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(new Set(ys).size).toBe(4);
    expect(g.nodes.filter((n) => n.data.publishes).map((n) => n.id)).toEqual(["format_post", "generate_image"]);
  });

  it("lays out left-to-right on request", () => {
    const r = validatePlan(carousel);
    if (!r.ok) throw new Error("seed must validate");
    const xs = planToGraph(r.plan, "LR").nodes.map((n) => n.position.x);
    expect(new Set(xs).size).toBe(4);
  });
});

describe("provenance on the canvas", () => {
  it("keeps each step's origin through plan → graph → plan and in the export order", async () => {
    const r = validatePlan({ ...carousel, steps: carousel.steps.map((s, i) => ({ ...s, origin: (["ai", "ai-edited", "manual", undefined] as const)[i] })) });
    if (!r.ok) throw new Error(r.issues[0]!.message);
    expect(r.plan.steps.map((s) => s.origin)).toEqual(["ai", "ai-edited", "manual", undefined]);
    expect(graphToPlan(r.plan, planToGraph(r.plan))).toEqual(r.plan);
    const { orderedPlan } = await import("./export");
    expect(Object.keys(orderedPlan(r.plan).steps[0]!)).toEqual([
      "stepIndex",
      "toolName",
      "description",
      "requiresApproval",
      "id",
      "input",
      "dependsOn",
      "origin",
    ]);
    expect(validatePlan({ ...carousel, steps: [{ ...carousel.steps[0], origin: "robot" }] })).toMatchObject({
      ok: false,
      issues: [{ path: "steps[0].origin" }],
    });
  });
});
