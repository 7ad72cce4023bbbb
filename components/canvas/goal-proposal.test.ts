import { describe, expect, it } from "vitest";
import type { Plan } from "@/lib/plan/schema";
import { goalProposal } from "./use-proposal-review";

const step = (id: string, toolName: string, dependsOn: string[] = []) => ({
  id,
  stepIndex: 0,
  toolName,
  description: id,
  requiresApproval: false,
  input: {},
  dependsOn,
});

describe("goalProposal", () => {
  it("appends the planned steps and says in the summary what was not planned", () => {
    const current: Plan = { title: "T", steps: [step("web_search", "web_search")] } as Plan;
    const planned: Plan = { title: "P", steps: [step("web_search", "web_search"), step("summarize", "summarize", ["web_search"])] } as Plan;
    const { proposed, summary } = goalProposal(current, planned, "Research X, summarize it and tag the customer in the CRM", [
      { part: "tag the customer in the CRM", reason: "no tool for that" },
    ]);
    expect(proposed.steps.map((s) => s.id)).toEqual(["web_search", "web_search_2", "summarize"]);
    expect(summary).toMatch(/2 new steps/);
    expect(summary).toMatch(/Not planned: tag the customer in the CRM — no tool for that\.$/);
    expect(goalProposal(current, planned, "g").summary).not.toMatch(/Not planned/);
  });
});
