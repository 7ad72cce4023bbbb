import { catalog, type ToolCatalog } from "../tools/catalog";
import { describeZodIssue } from "./issues";
import { valueAt } from "./path";
import { PLAN_LIMITS, planSchema, type Plan, type PlanStep } from "./schema";
import { closest } from "./suggest";
import { isDefaultRule } from "./approval-rule";

export interface PlanIssue {
  /** JSON path into the document that was validated, e.g. `steps[0].toolName`. */
  path: string;
  message: string;
  severity: "error" | "warning";
  /** `too_large` lets HTTP callers answer 413 instead of 400. */
  code?: "too_large";
}

export type PlanValidation = { ok: true; plan: Plan; warnings: PlanIssue[] } | { ok: false; issues: PlanIssue[] };

const error = (path: string, message: string, code?: PlanIssue["code"]): PlanIssue => ({ path, message, severity: "error", ...(code ? { code } : {}) });

function unknownTools(rawSteps: unknown, tools: ToolCatalog): PlanIssue[] {
  const { toolNames } = tools;
  if (!Array.isArray(rawSteps)) return [];
  return rawSteps.flatMap((s: unknown, i) => {
    const name = valueAt(s, ["toolName"]);
    if (typeof name !== "string" || !name || tools.getTool(name)) return [];
    const hint = closest(name, toolNames);
    return [error(`steps[${i}].toolName`, `unknown tool "${name}"${hint ? ` (did you mean "${hint}"?)` : `; known tools: ${toolNames.join(", ")}`}`)];
  });
}

/** Readable default ids: `web_search`, `web_search_2`, … unique against every explicit id. */
function assignIds(sorted: { raw: { id?: string; toolName: string } }[]): string[] {
  const taken = new Set(sorted.map((s) => s.raw.id).filter((id): id is string => !!id));
  return sorted.map(({ raw }) => {
    if (raw.id) return raw.id;
    const base =
      raw.toolName
        .replace(/[^A-Za-z0-9_-]/g, "_")
        .replace(/^[^A-Za-z0-9]+/, "")
        .slice(0, 56) || "step";
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    return id;
  });
}

/** Returns one cycle (as ids, first repeated at the end) if the dependency graph has any. */
export function findCycle(steps: readonly Pick<PlanStep, "id" | "dependsOn">[]): string[] | undefined {
  const deps = new Map(steps.map((s) => [s.id, s.dependsOn]));
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 1);
    stack.push(id);
    for (const dep of deps.get(id) ?? []) {
      if (!deps.has(dep)) continue;
      if (state.get(dep) === 1) return [...stack.slice(stack.indexOf(dep)), dep];
      if (!state.has(dep)) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 2);
    return undefined;
  };
  for (const s of steps) {
    if (!state.has(s.id)) {
      const found = visit(s.id);
      if (found) return found.reverse(); // read in execution order: a → b → a
    }
  }
  return undefined;
}

/**
 * Validates a plan document and applies the defaults: ids for steps without one, `dependsOn`
 * = the previous step (so a seed plan is a chain), `input` = {}. Steps come out ordered by
 * stepIndex. Every problem is reported with the path in the document as it was given.
 */
export function validatePlan(input: unknown, opts: { maxSteps?: number; tools?: ToolCatalog } = {}): PlanValidation {
  const maxSteps = opts.maxSteps ?? PLAN_LIMITS.maxSteps;
  const tools = opts.tools ?? catalog;
  const rawSteps = valueAt(input, ["steps"]);
  if (Array.isArray(rawSteps) && rawSteps.length > maxSteps) {
    return { ok: false, issues: [error("steps", `a plan has at most ${maxSteps} steps (got ${rawSteps.length})`, "too_large")] };
  }
  // Tool names are checked even when the structure is wrong, so one round trip shows every mistake.
  const toolIssues = unknownTools(rawSteps, tools);
  const parsed = planSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ ...describeZodIssue(i, input), severity: "error" as const }));
    const seen = new Set(issues.map((i) => i.path));
    return { ok: false, issues: [...issues, ...toolIssues.filter((i) => !seen.has(i.path))] };
  }

  const doc = parsed.data;
  const issues: PlanIssue[] = [...toolIssues];
  const warnings: PlanIssue[] = [];

  const seenIndex = new Map<number, number>();
  const seenId = new Map<string, number>();
  doc.steps.forEach((s, i) => {
    const prevIndex = seenIndex.get(s.stepIndex);
    if (prevIndex !== undefined) issues.push(error(`steps[${i}].stepIndex`, `duplicate stepIndex ${s.stepIndex} (also at steps[${prevIndex}])`));
    else seenIndex.set(s.stepIndex, i);
    if (s.id !== undefined) {
      const prevId = seenId.get(s.id);
      if (prevId !== undefined) issues.push(error(`steps[${i}].id`, `duplicate step id "${s.id}" (also at steps[${prevId}])`));
      else seenId.set(s.id, i);
    }
  });
  if (issues.length) return { ok: false, issues };

  const sorted = doc.steps.map((raw, at) => ({ raw, at })).sort((a, b) => a.raw.stepIndex - b.raw.stepIndex);
  const ids = assignIds(sorted);
  const known = new Set(ids);
  const steps: PlanStep[] = sorted.map(({ raw, at }, k) => {
    const id = ids[k]!;
    const dependsOn = raw.dependsOn ?? (k > 0 ? [ids[k - 1]!] : []);
    const seenDep = new Set<string>();
    dependsOn.forEach((dep, j) => {
      const path = `steps[${at}].dependsOn[${j}]`;
      if (dep === id) issues.push(error(path, `step "${id}" cannot depend on itself`));
      else if (!known.has(dep)) {
        const hint = closest(dep, ids);
        issues.push(error(path, `unknown step id "${dep}"${hint ? ` (did you mean "${hint}"?)` : ""}`));
      } else if (seenDep.has(dep)) issues.push(error(path, `"${dep}" is listed twice`));
      seenDep.add(dep);
    });
    if (tools.stepPublishes(raw.toolName, raw.input) && !raw.requiresApproval) {
      warnings.push({
        path: `steps[${at}].requiresApproval`,
        severity: "warning",
        message: `${raw.toolName} publishes or has side effects; without approval its output goes out unreviewed`,
      });
    }
    const step: PlanStep = {
      stepIndex: raw.stepIndex,
      toolName: raw.toolName,
      description: raw.description,
      requiresApproval: raw.requiresApproval,
      id,
      input: raw.input ?? {},
      dependsOn,
    };
    if (raw.position) step.position = raw.position;
    if (raw.approvalTimeout) step.approvalTimeout = raw.approvalTimeout;
    if (raw.approvalRule && !isDefaultRule(raw.approvalRule)) step.approvalRule = raw.approvalRule;
    if (raw.origin) step.origin = raw.origin;
    return step;
  });
  if (issues.length) return { ok: false, issues };

  const cycle = findCycle(steps);
  if (cycle) {
    const at = sorted[ids.indexOf(cycle[0]!)]!.at;
    return { ok: false, issues: [error(`steps[${at}].dependsOn`, `dependency cycle: ${cycle.join(" → ")}`)] };
  }

  const plan: Plan = { title: doc.title, steps };
  if (doc.description !== undefined) plan.description = doc.description;
  return { ok: true, plan, warnings };
}

/** Parses JSON text and validates it; syntax errors are reported like any other issue. */
export function validatePlanText(text: string, opts: { maxSteps?: number; maxBytes?: number } = {}): PlanValidation {
  const maxBytes = opts.maxBytes ?? PLAN_LIMITS.maxBytes;
  if (new TextEncoder().encode(text).length > maxBytes) {
    return { ok: false, issues: [error("(root)", `a plan is at most ${maxBytes / 1_000_000} MB`, "too_large")] };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [error("(root)", `malformed JSON: ${(e as Error).message}`)] };
  }
  return validatePlan(doc, opts);
}
