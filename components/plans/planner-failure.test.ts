import { describe, expect, it } from "vitest";
import { plannerFailure } from "./planner-failure";

describe("plannerFailure", () => {
  it("reads a refusal body: the message, the hint on goal and what was not planned", () => {
    const body = {
      error: "nothing to plan in “Call the CRM”: no tool for that",
      issues: [{ path: "goal", message: "has nothing a tool can do; say what to research…" }],
      notPlanned: [{ part: "Call the CRM", reason: "no tool for that" }, { part: 3 }],
    };
    expect(plannerFailure(JSON.stringify(body))).toEqual({
      message: body.error,
      refused: true,
      hint: "has nothing a tool can do; say what to research…",
      notPlanned: [{ part: "Call the CRM", reason: "no tool for that" }],
    });
  });

  it("reads a model failure as no refusal, and keeps a plain message as it is", () => {
    expect(plannerFailure(JSON.stringify({ error: "the model failed: overloaded", issues: [{ path: "(request)", message: "x" }] }))).toMatchObject({
      message: "the model failed: overloaded",
      refused: false,
    });
    expect(plannerFailure("Failed to fetch")).toEqual({ message: "Failed to fetch", refused: false, notPlanned: [] });
  });
});
