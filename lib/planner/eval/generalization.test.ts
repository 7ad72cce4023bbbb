import { describe, expect, it } from "vitest";
import { createOfflineModel } from "../../ai/offline/model";
import { EVAL_CATEGORIES, parseEvalGoals } from "./expectation";
import { byCategory, EVAL_SETS, formatFailures, formatTable, loadEvalSet, runEval, type CategoryScore } from "./run";
import { scoreOutcome } from "./score";

// The offline planner over goals written for this eval (not the shared ones): what share of each
// category it gets right. The tuned set is what the planner was improved against; the held-out set
// was written with it and not looked at while tuning, so its rate is the honest generalization figure.
// The floors below are what the planner reaches today, so a change that loses ground fails here.
// The blind sets were written after the first and second tuning rounds and scored before any change
// they could inform (first runs: held-out 29/30, blind 26/30, blind2 20/24; see docs/planner-eval.md).
const FLOORS: Record<keyof typeof EVAL_SETS, number> = { tuned: 0.9, "held-out": 0.6, blind: 0.6, blind2: 0.6 };

describe.each(Object.keys(EVAL_SETS) as (keyof typeof EVAL_SETS)[])("generalization eval, %s set", (set) => {
  it(`passes at least ${FLOORS[set] * 100}% in every category`, async () => {
    const goals = loadEvalSet(set);
    const results = await runEval(goals, createOfflineModel());
    const rows = byCategory(results);
    console.log(`${formatTable({ [set]: rows })}\n${formatFailures(results)}`);
    const low = rows.filter((r: CategoryScore) => r.passed / r.total < FLOORS[set]);
    expect(low, formatFailures(results)).toEqual([]);
  });
});

describe("the eval sets", () => {
  it("cover every category with at least 80 goals in all, at least a quarter held out", () => {
    const tuned = loadEvalSet("tuned");
    const held = [...loadEvalSet("held-out"), ...loadEvalSet("blind"), ...loadEvalSet("blind2")];
    expect(tuned.length + held.length).toBeGreaterThanOrEqual(80);
    expect(held.length / (tuned.length + held.length)).toBeGreaterThan(0.25);
    for (const c of EVAL_CATEGORIES.filter((x) => x !== "visible"))
      expect(held.some((g) => g.category === c) && tuned.some((g) => g.category === c), c).toBe(true);
    const goals = [...tuned, ...held].map((g) => g.goal.toLowerCase());
    expect(new Set(goals).size).toBe(goals.length);
  });

  it("reject a fixture with a misspelt expectation", () => {
    expect(() => parseEvalGoals([{ id: "x", category: "urls", goal: "g", tool: ["fetch_url"] }])).toThrow();
    expect(() => parseEvalGoals([{ id: "x", category: "urls", goal: "g", urls: { "https://a.example": "FETCH" } }])).toThrow();
  });
});

describe("the scorer", () => {
  const goal = parseEvalGoals([
    {
      id: "s",
      category: "unmappable",
      goal: "Summarize https://example.com/a and post it to https://hooks.example.com/b, then tag the customer in the CRM",
      includes: ["fetch_url", "summarize", "http_request"],
      urls: { "https://example.com/a": "read", "https://hooks.example.com/b": "POST" },
      notPlanned: [["crm"]],
    },
  ])[0]!;
  const right = [
    { toolName: "fetch_url", input: { url: "https://example.com/a" }, requiresApproval: false },
    { toolName: "summarize", input: {}, requiresApproval: false },
    { toolName: "http_request", input: { method: "POST", url: "https://hooks.example.com/b" }, requiresApproval: true },
  ];
  const crm = [{ part: "tag the customer in the CRM", reason: "no tool for that" }];

  it("passes a right plan", () => {
    expect(scoreOutcome(goal, { kind: "plan", steps: right, notPlanned: crm })).toEqual([]);
  });
  it("fails swapped URL roles, a dropped part, an ungated publish and a summary of nothing", () => {
    const swapped = [
      { toolName: "summarize", input: {}, requiresApproval: false },
      { toolName: "fetch_url", input: { url: "https://hooks.example.com/b" }, requiresApproval: false },
      { toolName: "http_request", input: { method: "POST", url: "https://example.com/a" }, requiresApproval: false },
    ];
    const problems = scoreOutcome(goal, { kind: "plan", steps: swapped, notPlanned: [] }).join("\n");
    expect(problems).toMatch(/example\.com\/a: POST, expected read/);
    expect(problems).toMatch(/hooks\.example\.com\/b: read, expected POST/);
    expect(problems).toMatch(/no part mentioning crm/);
    expect(problems).toMatch(/not approval-gated/);
    expect(problems).toMatch(/nothing before it to summarize/);
  });
  it("fails a refusal of a plannable goal and a plan for a goal that must be refused", () => {
    expect(scoreOutcome(goal, { kind: "refused", message: "nothing to plan", notPlanned: [] })).not.toEqual([]);
    const hello = parseEvalGoals([{ id: "r", category: "refuse", goal: "hello", refuse: true }])[0]!;
    expect(scoreOutcome(hello, { kind: "plan", steps: right, notPlanned: [] })).not.toEqual([]);
    expect(scoreOutcome(hello, { kind: "refused", message: "nothing to plan", notPlanned: [] })).toEqual([]);
  });
});
