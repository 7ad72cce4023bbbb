// Editing operations on a plan, as pure functions: the canvas calls them, tests check them, and the
// graph stays valid after each (no dangling dependency, no cycle).
import { getTool, stepPublishes } from "../tools/catalog";
import { inputsThatFit } from "../tools/schemas";
import { isDefaultRule } from "./approval-rule";
import { NODE_SIZE, type LayoutDirection } from "./layout";
import { renameReferences } from "./reference-syntax";
import { STEP_ID_PATTERN, type Plan, type PlanStep, type Position, type StepOrigin } from "./schema";
import { findCycle } from "./validate";

/** Gap between a node and the one inserted after it. */
const GAP = { TB: NODE_SIZE.height + 72, LR: NODE_SIZE.width + 48 } as const;

/** A readable id not yet taken: `summarize`, `summarize_2`, … */
export function uniqueStepId(base: string, taken: ReadonlySet<string>): string {
  const clean =
    base
      .replace(/[^A-Za-z0-9_-]/g, "_")
      .replace(/^[^A-Za-z0-9]+/, "")
      .slice(0, 56) || "step";
  let id = clean;
  for (let n = 2; taken.has(id); n++) id = `${clean}_${n}`;
  if (!STEP_ID_PATTERN.test(id)) throw new Error(`cannot derive a step id from "${base}"`);
  return id;
}

const nextIndex = (plan: Plan) => plan.steps.reduce((m, s) => Math.max(m, s.stepIndex + 1), 0);

/** A person changed what the AI wrote. */
export function editedOrigin(origin: StepOrigin | undefined): StepOrigin | undefined {
  return origin === "ai" ? "ai-edited" : origin;
}

/** Steps nothing depends on, in stepIndex order. */
export function sinks(plan: Plan): PlanStep[] {
  const used = new Set(plan.steps.flatMap((s) => s.dependsOn));
  return plan.steps.filter((s) => !used.has(s.id));
}

/** Every step that (transitively) depends on `id`. */
export function descendants(plan: Plan, id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const s of plan.steps) for (const d of s.dependsOn) children.set(d, [...(children.get(d) ?? []), s.id]);
  const out = new Set<string>();
  const stack = [...(children.get(id) ?? [])];
  while (stack.length) {
    const c = stack.pop()!;
    if (out.has(c)) continue;
    out.add(c);
    stack.push(...(children.get(c) ?? []));
  }
  return out;
}

export interface AddStepOptions {
  /** Insert after this step: the new step depends on it and takes over its dependants. */
  after?: string | null;
  /** Where to draw it; default: one row below (or right of) `after`, pushing its dependants on. */
  position?: Position;
  description?: string;
  input?: Record<string, unknown>;
  origin?: StepOrigin;
  direction?: LayoutDirection;
}

/**
 * Adds a step using `toolName`. With `after`, it is inserted after that step (a chain stays a
 * chain); without, it is appended after the last step nothing depends on yet. Publishing tools are
 * approval-gated from the start.
 */
export function addStep(plan: Plan, toolName: string, opts: AddStepOptions = {}): { plan: Plan; id: string } {
  const tool = getTool(toolName);
  const id = uniqueStepId(toolName, new Set(plan.steps.map((s) => s.id)));
  const anchor = opts.after === null ? undefined : opts.after ? plan.steps.find((s) => s.id === opts.after) : sinks(plan).at(-1);
  const insert = !!opts.after && !!anchor;
  const direction = opts.direction ?? "TB";
  const input = opts.input ?? {};
  let position = opts.position;
  let shifted = new Set<string>();
  if (!position && anchor?.position) {
    position = direction === "TB" ? { x: anchor.position.x, y: anchor.position.y + GAP.TB } : { x: anchor.position.x + GAP.LR, y: anchor.position.y };
    if (insert) shifted = descendants(plan, anchor.id);
  } else if (!position && plan.steps.some((s) => s.position)) {
    const ys = plan.steps.map((s) => s.position?.y ?? 0);
    position = { x: 0, y: Math.max(...ys) + GAP.TB };
  }
  const step: PlanStep = {
    stepIndex: nextIndex(plan),
    toolName,
    description: opts.description ?? `New ${(tool?.title ?? toolName).toLowerCase()} step`,
    requiresApproval: stepPublishes(toolName, input),
    id,
    input,
    dependsOn: anchor ? [anchor.id] : [],
    ...(position ? { position } : {}),
    origin: opts.origin ?? "manual",
  };
  const delta = direction === "TB" ? { x: 0, y: GAP.TB } : { x: GAP.LR, y: 0 };
  const steps = plan.steps.map((s) => {
    let next = s;
    if (insert && s.dependsOn.includes(anchor!.id)) next = { ...next, dependsOn: s.dependsOn.map((d) => (d === anchor!.id ? id : d)) };
    if (shifted.has(s.id) && s.position) next = { ...next, position: { x: s.position.x + delta.x, y: s.position.y + delta.y } };
    return next;
  });
  return { plan: { ...plan, steps: [...steps, step] }, id };
}

/**
 * Removes steps and keeps the graph valid: whatever depended on a removed step now depends on
 * that step's own dependencies (a chain a → b → c without b is a → c).
 */
export function removeSteps(plan: Plan, ids: Iterable<string>): Plan {
  const gone = new Set(ids);
  if (gone.size === 0) return plan;
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const resolve = (dep: string, seen = new Set<string>()): string[] => {
    if (!gone.has(dep)) return byId.has(dep) ? [dep] : [];
    if (seen.has(dep)) return [];
    seen.add(dep);
    return (byId.get(dep)?.dependsOn ?? []).flatMap((d) => resolve(d, seen));
  };
  const steps = plan.steps
    .filter((s) => !gone.has(s.id))
    .map((s) => {
      if (!s.dependsOn.some((d) => gone.has(d))) return s;
      return { ...s, dependsOn: [...new Set(s.dependsOn.flatMap((d) => resolve(d)))] };
    });
  return { ...plan, steps };
}

export type ConnectResult = { ok: true; plan: Plan } | { ok: false; reason: "self" | "cycle" | "duplicate" | "unknown"; cycle?: string[]; message: string };

/** `target` will wait for `source`. Refuses self-loops and cycles, naming the cycle. */
export function connectSteps(plan: Plan, source: string, target: string): ConnectResult {
  if (source === target) return { ok: false, reason: "self", message: `A step cannot depend on itself ("${source}")` };
  const t = plan.steps.find((s) => s.id === target);
  if (!t || !plan.steps.some((s) => s.id === source)) return { ok: false, reason: "unknown", message: "Both ends must be steps of this plan" };
  if (t.dependsOn.includes(source)) return { ok: false, reason: "duplicate", message: `"${target}" already depends on "${source}"` };
  const steps = plan.steps.map((s) => (s.id === target ? { ...s, dependsOn: [...s.dependsOn, source] } : s));
  const cycle = findCycle(steps);
  if (cycle) return { ok: false, reason: "cycle", cycle, message: `That connection would create a cycle: ${cycle.join(" → ")}` };
  return { ok: true, plan: { ...plan, steps } };
}

export function disconnectSteps(plan: Plan, source: string, target: string): Plan {
  return {
    ...plan,
    steps: plan.steps.map((s) => (s.id === target && s.dependsOn.includes(source) ? { ...s, dependsOn: s.dependsOn.filter((d) => d !== source) } : s)),
  };
}

export type StepPatch = Partial<Pick<PlanStep, "description" | "requiresApproval" | "input" | "approvalTimeout" | "approvalRule" | "toolName">>;

/** Changes a step's content; a step the AI wrote becomes "ai-edited". `approvalTimeout: undefined` clears it, and so does the default rule `approvalRule`. */
export function updateStep(plan: Plan, id: string, patch: StepPatch): Plan {
  return {
    ...plan,
    steps: plan.steps.map((s) => {
      if (s.id !== id) return s;
      const next: PlanStep = { ...s, ...patch };
      if ("approvalTimeout" in patch && !patch.approvalTimeout) delete next.approvalTimeout;
      if ("approvalRule" in patch && isDefaultRule(patch.approvalRule)) delete next.approvalRule;
      const origin = editedOrigin(s.origin);
      if (origin) next.origin = origin;
      return next;
    }),
  };
}

/**
 * The step with another tool: inputs that still fit the new tool are kept, the rest dropped, and a
 * publishing tool turns the approval gate on.
 */
export function switchTool(step: PlanStep, toolName: string): PlanStep {
  if (step.toolName === toolName) return step;
  const input = inputsThatFit(toolName, step.input);
  const next: PlanStep = { ...step, toolName, input, requiresApproval: stepPublishes(toolName, input) || step.requiresApproval };
  const origin = editedOrigin(step.origin);
  if (origin) next.origin = origin;
  return next;
}

/** A copied fragment: the steps, with dependencies kept only inside the fragment. */
export function copySteps(plan: Plan, ids: Iterable<string>): PlanStep[] {
  const set = new Set(ids);
  return plan.steps.filter((s) => set.has(s.id)).map((s) => ({ ...s, input: structuredClone(s.input), dependsOn: s.dependsOn.filter((d) => set.has(d)) }));
}

/**
 * Pastes a fragment with new ids (and new step indexes), offset so the copies do not hide the
 * originals. Dependencies inside the fragment follow the new ids. Copies are the user's own work.
 */
export function pasteSteps(plan: Plan, fragment: readonly PlanStep[], offset: Position = { x: 40, y: 40 }): { plan: Plan; ids: string[] } {
  const taken = new Set(plan.steps.map((s) => s.id));
  const rename = new Map<string, string>();
  for (const s of fragment) {
    const id = uniqueStepId(s.toolName, taken);
    taken.add(id);
    rename.set(s.id, id);
  }
  let index = nextIndex(plan);
  const pasted: PlanStep[] = [...fragment]
    .sort((a, b) => a.stepIndex - b.stepIndex)
    .map((s) => {
      const { approvalTimeout, position, origin: _origin, ...rest } = s;
      const copy: PlanStep = {
        ...rest,
        stepIndex: index++,
        id: rename.get(s.id)!,
        // A copy that referenced another copied step references that step's copy.
        input: renameReferences(structuredClone(s.input), rename),
        dependsOn: s.dependsOn.filter((d) => rename.has(d)).map((d) => rename.get(d)!),
        origin: "manual",
      };
      if (approvalTimeout) copy.approvalTimeout = approvalTimeout;
      if (position) copy.position = { x: position.x + offset.x, y: position.y + offset.y };
      return copy;
    });
  return { plan: { ...plan, steps: [...plan.steps, ...pasted] }, ids: pasted.map((s) => s.id) };
}
