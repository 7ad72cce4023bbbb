import { describe, expect, it } from "vitest";
import carousel from "./fixtures/carousel.json";
import { acceptAll, acceptChange, effectiveProposal, pendingChanges, placeNewSteps } from "./proposal";
import type { Plan, PlanStep } from "./schema";
import { validatePlan } from "./validate";

const seed = (): Plan => {
  const r = validatePlan(carousel);
  if (!r.ok) throw new Error("seed must validate");
  const plan = structuredClone(r.plan);
  plan.steps.forEach((s, i) => (s.position = { x: 0, y: i * 200 }));
  return plan;
};

const translate: PlanStep = {
  stepIndex: 3,
  toolName: "format_post",
  description: "Translate the post into Spanish",
  requiresApproval: true,
  id: "translate",
  input: { platform: "linkedin", format: "carousel", tone: "in Spanish" },
  dependsOn: ["format_post"],
  origin: "ai",
};

/** Inserts "translate" after the post, removes the image, and makes the search ask for 10 results. */
function proposal(current: Plan): Plan {
  const p = structuredClone(current);
  p.steps = p.steps.filter((s) => s.id !== "generate_image").map((s) => (s.id === "web_search" ? { ...s, input: { query: "AI trends", maxResults: 10 } } : s));
  p.steps.push({ ...translate });
  p.steps.push({
    stepIndex: 9,
    toolName: "http_request",
    description: "Send it",
    requiresApproval: true,
    id: "send",
    input: { method: "POST", url: "https://example.com/hook" },
    dependsOn: ["translate"],
    origin: "ai",
  });
  return p;
}

describe("AI proposals", () => {
  it("lists the pending changes", () => {
    const cur = seed();
    expect(pendingChanges(cur, proposal(cur)).map((c) => `${c.kind}:${c.id}`)).toEqual([
      "changed:web_search",
      "added:translate",
      "added:send",
      "removed:generate_image",
    ]);
  });

  it("accepts one step at a time until nothing is pending", () => {
    let cur = seed();
    const prop = proposal(cur);
    const rejected = new Set<string>();
    for (const id of ["translate", "send", "web_search", "generate_image"]) {
      const r = acceptChange(cur, prop, rejected, id);
      if (!r.ok) throw new Error(r.message);
      cur = r.plan;
      expect(validatePlan(cur).ok).toBe(true);
    }
    expect(pendingChanges(cur, prop, rejected)).toEqual([]);
    expect(cur.steps.find((s) => s.id === "translate")).toMatchObject({ dependsOn: ["format_post"], origin: "ai", stepIndex: 4 });
    expect(cur.steps.find((s) => s.id === "web_search")).toMatchObject({ input: { maxResults: 10 }, origin: "ai", position: { x: 0, y: 0 } });
    expect(cur.steps.map((s) => s.id)).not.toContain("generate_image");
  });

  it("skips over a rejected new step: what depended on it depends on its dependencies", () => {
    const cur = seed();
    const prop = proposal(cur);
    const rejected = new Set(["translate"]);
    const eff = effectiveProposal(cur, prop, rejected);
    expect(eff.steps.find((s) => s.id === "send")!.dependsOn).toEqual(["format_post"]);
    const r = acceptChange(cur, prop, rejected, "send");
    expect(r.ok && r.plan.steps.at(-1)).toMatchObject({ id: "send", dependsOn: ["format_post"] });
  });

  it("reconnects the steps a new step is inserted before", () => {
    const cur = seed();
    const prop = structuredClone(cur);
    prop.steps.push({ ...translate, id: "summary", toolName: "summarize", input: {}, requiresApproval: false, dependsOn: ["web_search"] });
    prop.steps[1]!.dependsOn = ["summary"];
    const r = acceptChange(cur, prop, new Set(), "summary");
    expect(r.ok && r.plan.steps.find((s) => s.id === "generate_outline")!.dependsOn).toEqual(["summary"]);
    if (r.ok) expect(pendingChanges(r.plan, prop)).toEqual([]);
  });

  it("rejecting a removal keeps the step; accept all applies the rest", () => {
    const cur = seed();
    const prop = proposal(cur);
    const r = acceptAll(cur, prop, new Set(["generate_image", "web_search"]));
    if (!r.ok) throw new Error(r.message);
    expect(r.plan.steps.map((s) => s.id)).toEqual(["web_search", "generate_outline", "format_post", "generate_image", "translate", "send"]);
    expect(r.plan.steps[0]!.input).toEqual({});
    expect(validatePlan(r.plan).ok).toBe(true);
    expect(pendingChanges(r.plan, prop, new Set(["generate_image", "web_search"]))).toEqual([]);
  });

  it("refuses an acceptance that would close a cycle", () => {
    const cur = seed();
    const prop = structuredClone(cur);
    prop.steps[0]!.dependsOn = ["generate_outline"];
    prop.steps[1]!.dependsOn = [];
    expect(acceptChange(cur, prop, new Set(), "web_search")).toMatchObject({ ok: false, message: expect.stringMatching(/cycle/) });
  });

  it("places new steps near their neighbours without overlapping", () => {
    const cur = seed();
    const placed = placeNewSteps(cur, proposal(cur), () => undefined);
    const t = placed.steps.find((s) => s.id === "translate")!.position!;
    expect(t.y).toBeGreaterThan(400);
    const positions = placed.steps.map((s) => s.position!);
    for (let i = 0; i < positions.length; i++)
      for (let j = i + 1; j < positions.length; j++)
        expect(Math.abs(positions[i]!.x - positions[j]!.x) >= 280 || Math.abs(positions[i]!.y - positions[j]!.y) >= 120).toBe(true);
  });
});
