// Which template fits a goal, with its parameters filled in: the planner's plan for the goal is
// compared with each template's plan — the same tools in the same order, and words of the
// template's name in the goal — and the values are read from the planned steps' inputs at the
// template's bindings (and at the inputs a `{{name}}` fills). Pure and deterministic, so the offline
// model and a real one get the same proposal for the same plan; the user accepts or edits it.
import type { Plan, PlanStep } from "../plan/schema";
import { typeParams, type TemplateParam } from "./params";

export interface TemplateCandidate {
  id: string;
  name: string;
  description: string;
  version: number;
  plan: Plan;
  params: TemplateParam[];
}

export interface TemplateSuggestion {
  templateId: string;
  name: string;
  version: number;
  /** Parameter values read from the goal's plan; each fits its parameter's type. */
  values: Record<string, unknown>;
  /** Why it fits, for the callout: "the same 4 steps; “carousel” in the goal". */
  why: string;
  score: number;
}

const STOP = new Set(["a", "an", "the", "from", "to", "with", "and", "of", "for", "in", "on", "into", "your", "my", "our"]);
const stem = (w: string) =>
  w
    .toLowerCase()
    .replace(/(?:ies)$/, "y")
    .replace(/(?:es|s)$/, "");
const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map(stem);

/** Pairs (template step index, plan step index) of a longest common subsequence of tool names. */
function align(a: readonly string[], b: readonly string[]): [number, number][] {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The value `{{name}}` stands for in `planned`, when the template's text around it matches. */
function fill(templateText: string, plannedText: string, name: string): string | undefined {
  const parts = templateText.split(`{{${name}}}`);
  if (parts.length !== 2) return undefined;
  const m = new RegExp(`^${escape(parts[0]!)}(.+?)${escape(parts[1]!)}$`, "is").exec(plannedText.trim());
  return m?.[1]?.trim() || undefined;
}

function valueAt(input: Record<string, unknown>, path: readonly (string | number)[]): unknown {
  let v: unknown = input;
  for (const k of path) v = v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

/** Values for a template's parameters from the steps of the goal's plan aligned with its own. */
function valuesFor(t: TemplateCandidate, plan: Plan, pairs: [number, number][]): Record<string, unknown> {
  const typed = typeParams(t.plan, t.params).typed;
  const planned = new Map<string, PlanStep>(pairs.map(([i, j]) => [t.plan.steps[i]!.id, plan.steps[j]!]));
  const values: Record<string, unknown> = {};
  for (const { param, schemas } of typed) {
    const fits = (v: unknown) => v !== undefined && schemas.every((s) => s.safeParse(v).success);
    const found: unknown[] = [];
    for (const b of param.bindings) {
      const step = planned.get(b.stepId);
      if (step) found.push(valueAt(step.input, b.path));
    }
    // Inputs the parameter fills by interpolation: an input that is exactly `{{name}}` first.
    const texts = t.plan.steps.flatMap((s) =>
      Object.entries(s.input)
        .filter(([, v]) => typeof v === "string" && v.includes(`{{${param.name}}}`))
        .map(([k, v]) => ({ step: s.id, key: k, text: v as string })),
    );
    texts.sort((a, b) => Number(b.text === `{{${param.name}}}`) - Number(a.text === `{{${param.name}}}`));
    for (const { step, key, text } of texts) {
      const p = planned.get(step)?.input[key];
      if (typeof p === "string") found.push(text === `{{${param.name}}}` ? p.trim() : fill(text, p, param.name));
    }
    const value = found.find(fits);
    if (value !== undefined && value !== param.default) values[param.name] = value;
  }
  return values;
}

/** The best-fitting template, or null when none does well enough to offer. */
export function suggestTemplate(goal: string, plan: Plan, candidates: readonly TemplateCandidate[]): TemplateSuggestion | null {
  const tools = plan.steps.map((s) => s.toolName);
  if (!tools.length) return null;
  const goalWords = new Set(words(goal));
  let best: TemplateSuggestion | null = null;
  for (const t of candidates) {
    const theirs = t.plan.steps.map((s) => s.toolName);
    const pairs = align(theirs, tools);
    const toolScore = pairs.length / Math.max(theirs.length, tools.length);
    const named = [...new Set(words(t.name))].filter((w) => goalWords.has(w));
    // The same shape of plan, and the goal says what kind of thing it is: both, or no offer.
    if (toolScore < 0.75 || named.length === 0) continue;
    const score = toolScore + named.length / Math.max(1, new Set(words(t.name)).size);
    if (best && score <= best.score) continue;
    best = {
      templateId: t.id,
      name: t.name,
      version: t.version,
      values: valuesFor(t, plan, pairs),
      why: `${pairs.length === theirs.length && theirs.length === tools.length ? `the same ${tools.length} steps` : `${pairs.length} of its ${theirs.length} steps`}; ${named.map((w) => `“${w}”`).join(", ")} in the goal`,
      score,
    };
  }
  return best;
}
