import { readFileSync } from "node:fs";
import path from "node:path";
import type { LanguageModel } from "ai";
import { planGoal, PlanningError } from "..";
import { EVAL_CATEGORIES, fromSharedEval, parseEvalGoals, type EvalGoal } from "./expectation";
import { scoreOutcome, type EvalOutcome } from "./score";

export const EVAL_SETS = {
  tuned: path.join("lib", "planner", "fixtures", "generalization-goals.json"),
  "held-out": path.join("lib", "planner", "fixtures", "generalization-heldout.json"),
  blind: path.join("lib", "planner", "fixtures", "generalization-blind.json"),
  blind2: path.join("lib", "planner", "fixtures", "generalization-blind2.json"),
} as const;

/** The shared (visible) eval goals, scored like the others. */
export function loadVisibleSet(root = process.cwd()): EvalGoal[] {
  return fromSharedEval(JSON.parse(readFileSync(path.join(root, "lib", "planner", "fixtures", "planner-goals.json"), "utf8")));
}

export function loadEvalSet(name: keyof typeof EVAL_SETS, root = process.cwd()): EvalGoal[] {
  return parseEvalGoals(JSON.parse(readFileSync(path.join(root, EVAL_SETS[name]), "utf8")));
}

/** The planner's answer to a goal, in the shape the eval scores: the real planGoal, schema and all. */
export async function plannerOutcome(goal: string, model: LanguageModel): Promise<EvalOutcome> {
  try {
    const { plan, notPlanned } = await planGoal(goal, { model });
    return { kind: "plan", steps: plan.steps, notPlanned: notPlanned ?? [] };
  } catch (e) {
    if (e instanceof PlanningError && e.issues.some((i) => i.path === "goal")) return { kind: "refused", message: e.message, notPlanned: e.notPlanned ?? [] };
    return { kind: "error", message: (e as Error).message };
  }
}

export interface EvalResult {
  goal: EvalGoal;
  problems: string[];
}

export async function runEval(goals: EvalGoal[], model: LanguageModel): Promise<EvalResult[]> {
  const out: EvalResult[] = [];
  for (const g of goals) out.push({ goal: g, problems: scoreOutcome(g, await plannerOutcome(g.goal, model)) });
  return out;
}

export interface CategoryScore {
  category: string;
  passed: number;
  total: number;
}

export function byCategory(results: EvalResult[]): CategoryScore[] {
  const rows = EVAL_CATEGORIES.map((category) => {
    const rs = results.filter((r) => r.goal.category === category);
    return { category, passed: rs.filter((r) => r.problems.length === 0).length, total: rs.length };
  }).filter((r) => r.total > 0);
  return [...rows, { category: "all", passed: rows.reduce((a, r) => a + r.passed, 0), total: rows.reduce((a, r) => a + r.total, 0) }];
}

const pct = (r: CategoryScore) => `${Math.round((100 * r.passed) / r.total)}%`;

/** The per-category table, several sets side by side. */
export function formatTable(sets: Record<string, CategoryScore[]>): string {
  const names = Object.keys(sets);
  const categories = [...new Set(Object.values(sets).flatMap((rows) => rows.map((r) => r.category)))];
  const cell = (rows: CategoryScore[], c: string) => {
    const r = rows.find((x) => x.category === c);
    return r ? `${r.passed}/${r.total} (${pct(r)})` : "—";
  };
  const lines = [["category", ...names], ...categories.map((c) => [c, ...names.map((n) => cell(sets[n]!, c))])];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((x, i) => x.padEnd(widths[i]!)).join("  ")).join("\n");
}

export function formatFailures(results: EvalResult[]): string {
  return results
    .filter((r) => r.problems.length)
    .map((r) => `✗ ${r.goal.id} [${r.goal.category}] ${r.goal.goal}\n${r.problems.map((p) => `    - ${p}`).join("\n")}`)
    .join("\n");
}
