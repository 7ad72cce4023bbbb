// Live validation for the editor: everything validatePlan checks, plus each step's static inputs
// against its tool's schema, plus the save limit, with each problem tied to the step it is about.
import { catalog, type ToolCatalog } from "../tools/catalog";
import { formatPath } from "./path";
import { referenceIssues } from "./references";
import { PLAN_LIMITS, type Plan } from "./schema";
import { validatePlan, type PlanIssue } from "./validate";

export interface EditorIssue extends PlanIssue {
  /** The step the problem is about, when it is about one. */
  stepId?: string;
}

export interface PlanCheck {
  issues: EditorIssue[];
  errors: number;
  warnings: number;
  /** Number of errors and warnings per step id. */
  byStep: Map<string, { errors: number; warnings: number }>;
  /** The plan can be saved and run. */
  ok: boolean;
}

const STEP_PATH = /^steps\[(\d+)\]/;

/** Input problems of every step, with plan paths (`steps[2].input.url`), references to earlier outputs included. */
export function inputIssues(plan: Plan, tools: ToolCatalog = catalog): PlanIssue[] {
  return [
    ...plan.steps.flatMap((s, i) =>
      tools
        .staticInputProblems(s.toolName, s.input)
        .map((p) => ({ path: formatPath(["steps", i, "input", ...p.path]), message: p.message, severity: "error" as const })),
    ),
    ...referenceIssues(plan, { tools }),
  ];
}

/**
 * Input problems of a plan document as it was given (API bodies, files): paths index the document's
 * own steps array. Missing inputs are fine — a step decides them at run time.
 */
export function documentInputIssues(doc: unknown, tools: ToolCatalog = catalog): { path: string; message: string }[] {
  const steps = (doc as { steps?: { toolName?: unknown; input?: unknown; stepIndex?: unknown }[] } | null)?.steps ?? [];
  // References need the steps' ids and dependencies with their defaults applied; paths stay the document's.
  const v = validatePlan(doc, { tools, maxSteps: PLAN_LIMITS.maxImportSteps });
  const docIndex = new Map(steps.map((s, i) => [s?.stepIndex, i]));
  const refs = v.ok ? referenceIssues(v.plan, { tools, at: (i) => docIndex.get(v.plan.steps[i]!.stepIndex) ?? i }) : [];
  return [
    ...steps.flatMap((s, i) =>
      typeof s?.toolName === "string" && s.input && typeof s.input === "object"
        ? tools
            .staticInputProblems(s.toolName, s.input as Record<string, unknown>)
            .map((p) => ({ path: formatPath(["steps", i, "input", ...p.path]), message: p.message }))
        : [],
    ),
    ...refs.map(({ path, message }) => ({ path, message })),
  ];
}

/**
 * Checks a plan as the editor holds it (steps in stepIndex order). Plans over the save limit are
 * still checked in full, so the issues panel shows everything, with the limit as one more error.
 */
export function checkPlan(plan: Plan, opts: { tools?: ToolCatalog } = {}): PlanCheck {
  const tools = opts.tools ?? catalog;
  const r = validatePlan(plan, { maxSteps: PLAN_LIMITS.maxImportSteps, tools });
  // validatePlan stops at the first kind of structural problem; input problems are always added.
  const issues: EditorIssue[] = r.ok ? [...inputIssues(plan, tools), ...r.warnings] : [...r.issues];
  if (!r.ok) issues.push(...inputIssues(plan, tools).filter((i) => !issues.some((j) => j.path === i.path)));
  if (plan.steps.length > PLAN_LIMITS.maxSteps) {
    issues.unshift({
      path: "steps",
      severity: "error",
      code: "too_large",
      message: `a plan has at most ${PLAN_LIMITS.maxSteps} steps to be saved or run (this one has ${plan.steps.length}); remove or split steps`,
    });
  }
  const byStep = new Map<string, { errors: number; warnings: number }>();
  for (const issue of issues) {
    const m = STEP_PATH.exec(issue.path);
    const step = m ? plan.steps[Number(m[1])] : undefined;
    if (!step) continue;
    issue.stepId = step.id;
    const c = byStep.get(step.id) ?? { errors: 0, warnings: 0 };
    if (issue.severity === "error") c.errors++;
    else c.warnings++;
    byStep.set(step.id, c);
  }
  const errors = issues.filter((i) => i.severity === "error").length;
  return { issues, errors, warnings: issues.length - errors, byStep, ok: errors === 0 };
}
