import { describe, expect, it } from "vitest";
import type { Plan, PlanStep } from "../plan/schema";
import { threeWayMerge } from "./upgrade";

const step = (id: string, over: Partial<PlanStep> = {}): PlanStep => ({
  stepIndex: 0,
  id,
  toolName: "summarize",
  description: `Step ${id}`,
  requiresApproval: false,
  input: {},
  dependsOn: [],
  ...over,
});
const plan = (...steps: PlanStep[]): Plan => ({ title: "Digest", steps: steps.map((s, i) => ({ ...s, stepIndex: i })) });
const v1 = plan(
  step("search", { toolName: "web_search", input: { query: "ai" } }),
  step("sum", { dependsOn: ["search"], input: { maxWords: 200 } }),
  step("post", { toolName: "format_post", requiresApproval: true, input: { platform: "linkedin", format: "post" }, dependsOn: ["sum"] }),
);
const edit = (p: Plan, id: string, over: Partial<PlanStep>): Plan => ({
  ...p,
  steps: p.steps.map((s) => (s.id === id ? { ...s, ...over, input: { ...s.input, ...(over.input ?? {}) } } : s)),
});
const kinds = (r: ReturnType<typeof threeWayMerge>) => Object.fromEntries(r.steps.map((s) => [s.id, s.kind]));

describe("upgrading a plan to a new template version", () => {
  it("only the template changed: the plan takes the change", () => {
    const v2 = edit(v1, "sum", { input: { maxWords: 120 } });
    const r = threeWayMerge(v1, v2, v1);
    expect(kinds(r)).toEqual({ search: "unchanged", sum: "template", post: "unchanged" });
    expect(r.plan.steps[1]!.input.maxWords).toBe(120);
    expect(r.conflicts).toEqual([]);
  });

  it("only the plan changed: its edit stays", () => {
    const mine = edit(v1, "post", { description: "My words" });
    const r = threeWayMerge(v1, v1, mine);
    expect(kinds(r).post).toBe("mine");
    expect(r.plan.steps[2]!.description).toBe("My words");
  });

  it("both changed different fields of one step: both changes kept", () => {
    const r = threeWayMerge(v1, edit(v1, "sum", { input: { maxWords: 120 } }), edit(v1, "sum", { description: "Short summary" }));
    expect(kinds(r).sum).toBe("merged");
    expect(r.plan.steps[1]).toMatchObject({ description: "Short summary", input: { maxWords: 120 } });
  });

  it("both changed the same field differently: a conflict, settled per step (default: keep mine)", () => {
    const v2 = edit(v1, "sum", { input: { maxWords: 120 } });
    const mine = edit(v1, "sum", { input: { maxWords: 400 } });
    const r = threeWayMerge(v1, v2, mine);
    expect(r.steps.find((s) => s.id === "sum")).toEqual({ id: "sum", kind: "conflict", fields: ["input.maxWords"] });
    expect(r.conflicts).toEqual(["sum"]);
    expect(r.plan.steps[1]!.input.maxWords).toBe(400);
    expect(threeWayMerge(v1, v2, mine, { sum: "template" }).plan.steps[1]!.input.maxWords).toBe(120);
  });

  it("both made the same change: no conflict", () => {
    const same = edit(v1, "post", { requiresApproval: false });
    expect(kinds(threeWayMerge(v1, same, same)).post).toBe("unchanged");
  });

  it("a step the template removed goes, unless the plan edited it", () => {
    const v2 = plan(v1.steps[0]!, { ...v1.steps[2]!, dependsOn: ["search"] });
    const r = threeWayMerge(v1, v2, v1);
    expect(kinds(r).sum).toBe("removed_by_template");
    expect(r.plan.steps.map((s) => s.id)).toEqual(["search", "post"]);
    const mine = edit(v1, "sum", { description: "I rely on this" });
    const kept = threeWayMerge(v1, v2, mine);
    expect(kept.steps.find((s) => s.id === "sum")).toEqual({ id: "sum", kind: "conflict_removed", removedBy: "template" });
    expect(kept.plan.steps.map((s) => s.id)).toContain("sum");
    expect(threeWayMerge(v1, v2, mine, { sum: "template" }).plan.steps.map((s) => s.id)).toEqual(["search", "post"]);
  });

  it("a step the plan removed stays removed, unless the template changed it", () => {
    const mine = plan(v1.steps[0]!, v1.steps[1]!);
    expect(kinds(threeWayMerge(v1, v1, mine)).post).toBe("removed_by_me");
    const v2 = edit(v1, "post", { input: { platform: "x" } });
    const r = threeWayMerge(v1, v2, mine);
    expect(r.steps.find((s) => s.id === "post")).toEqual({ id: "post", kind: "conflict_removed", removedBy: "me" });
    expect(r.plan.steps.map((s) => s.id)).toEqual(["search", "sum"]);
    expect(threeWayMerge(v1, v2, mine, { post: "template" }).plan.steps.map((s) => s.id)).toEqual(["search", "sum", "post"]);
  });

  it("additions on both sides are kept in place, and dependencies on removed steps are dropped", () => {
    const v2 = plan(...v1.steps, step("image", { toolName: "generate_image", input: { prompt: "ai" }, dependsOn: ["sum"], requiresApproval: true }));
    const mine = plan(v1.steps[0]!, step("notes", { dependsOn: ["search"] }), v1.steps[1]!, v1.steps[2]!);
    const r = threeWayMerge(v1, v2, mine);
    expect(kinds(r)).toMatchObject({ image: "added_by_template", notes: "added_by_me" });
    expect(r.plan.steps.map((s) => [s.id, s.stepIndex])).toEqual([
      ["search", 0],
      ["notes", 1],
      ["sum", 2],
      ["post", 3],
      ["image", 4],
    ]);

    const v3 = plan(v1.steps[0]!, { ...v1.steps[2]!, dependsOn: ["search"] });
    const dependent = plan(...v1.steps, step("extra", { dependsOn: ["sum", "post"] }));
    const r3 = threeWayMerge(v1, v3, dependent);
    expect(r3.plan.steps.find((s) => s.id === "extra")!.dependsOn).toEqual(["post"]);
  });

  it("keeps the plan's own title, else takes the template's", () => {
    expect(threeWayMerge(v1, { ...v1, title: "Digest v2" }, v1).plan.title).toBe("Digest v2");
    expect(threeWayMerge(v1, { ...v1, title: "Digest v2" }, { ...v1, title: "Mine" }).plan.title).toBe("Mine");
  });
});
