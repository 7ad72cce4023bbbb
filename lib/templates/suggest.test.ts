import { describe, expect, it } from "vitest";
import { planFromGoal } from "../ai/offline/plan-goal";
import { validatePlan } from "../plan/validate";
import { plannerOutputToPlan, type PlannerDraft } from "../planner/normalize";
import { STARTERS } from "./starters";
import { suggestTemplate, type TemplateCandidate } from "./suggest";

// The starters as candidates, and the offline planner's plan for each goal: what the goal box does.
const candidates: TemplateCandidate[] = STARTERS.map((s) => {
  const v = validatePlan(s.plan);
  if (!v.ok) throw new Error(s.slug);
  return { id: s.slug, name: s.name, description: s.description, version: 1, plan: v.plan, params: s.params };
});
const planned = (goal: string) => {
  const v = plannerOutputToPlan(planFromGoal(goal) as PlannerDraft, goal);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.plan;
};
const suggest = (goal: string) => suggestTemplate(goal, planned(goal), candidates);

describe("suggestTemplate", () => {
  it("offers the carousel starter for a carousel goal, with the topic and the slide count from the goal", () => {
    const s = suggest("Research AI trends and write a LinkedIn carousel with 8 slides");
    expect(s).toMatchObject({ templateId: "linkedin-carousel-from-research", values: { topic: "AI trends", slides: 8 } });
    expect(s!.why).toBe("the same 4 steps; “linkedin”, “carousel”, “research” in the goal");
  });

  it("offers the comparison post for a comparison, not the carousel (same tools, other words)", () => {
    expect(suggest("Write a blog post comparing Notion, Obsidian and Logseq, with an image")).toMatchObject({
      templateId: "product-comparison-blog-post",
      values: { products: "Notion, Obsidian and Logseq" },
    });
  });

  it("fills URLs at their bindings: the digest's Slack webhook", () => {
    const s = suggest("Search developer tools news, summarize it and post a weekly digest to Slack at https://hooks.slack.com/services/T1/B2/X");
    expect(s).toMatchObject({ templateId: "weekly-digest-to-slack", values: { slack_webhook_url: "https://hooks.slack.com/services/T1/B2/X" } });
  });

  it("offers nothing when no template has the plan's shape or the goal's words", () => {
    expect(suggest("Fetch https://example.com/pricing and summarize what changed")).toBeNull();
    expect(suggest("Write an X post about our team offsite")).toBeNull();
  });

  it("leaves a value that equals the parameter's default to the default", () => {
    const s = suggest("Research AI trends and write a LinkedIn carousel with 6 slides");
    expect(s?.templateId).toBe("linkedin-carousel-from-research");
    expect(s!.values).toEqual({ topic: "AI trends" });
  });
});
