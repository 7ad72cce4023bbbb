import { describe, expect, it } from "vitest";
import { checkPlan } from "../plan/check";
import { validatePlan } from "../plan/validate";
import { catalog } from "../tools/catalog";
import { instantiate, typeParams } from "./params";
import { STARTERS } from "./starters";

describe("starter templates", () => {
  it("ships at least eight, with unique slugs", () => {
    expect(STARTERS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(STARTERS.map((s) => s.slug)).size).toBe(STARTERS.length);
  });

  for (const starter of STARTERS)
    it(`${starter.slug}: a valid plan whose parameters fit, a valid plan from its example, gates on what it publishes`, () => {
      const v = validatePlan(starter.plan);
      expect(v.ok && v.warnings).toEqual([]);
      if (!v.ok) return;
      expect(typeParams(v.plan, starter.params).problems).toEqual([]);
      const made = instantiate(v.plan, starter.params, starter.example);
      expect(made.problems).toEqual([]);
      expect(JSON.stringify(made.plan)).not.toMatch(/\{\{/);
      expect(checkPlan(made.plan).issues.filter((i) => i.severity === "error")).toEqual([]);
      for (const step of made.plan.steps)
        if (catalog.stepPublishes(step.toolName, step.input)) expect(step.requiresApproval, `${step.id} publishes`).toBe(true);
      // Every parameter is used: bound to an input, or named in a text.
      const text = JSON.stringify(v.plan);
      for (const p of starter.params) expect(p.bindings.length > 0 || text.includes(`{{${p.name}}}`), p.name).toBe(true);
    });
});
