// Browser-safe: what the editor does with template parameters while a plan is being edited —
// binding a step input to a parameter, unbinding it, which inputs of a step are parameters — and
// preparing an upgrade of a pinned plan: both versions instantiated with the plan's values, the
// values carried over to the new version (or called out when a parameter was removed or retyped),
// and the three-way merge with the plan as edited since.
import type { Plan } from "../plan/schema";
import { instantiate, typeParams, type ParamBinding, type ParamProblem, type TemplateParam } from "./params";
import { threeWayMerge, type MergeResult } from "./upgrade";

const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, i) => k === b[i]);
const bound = (b: ParamBinding, stepId: string, path: readonly string[]) => b.stepId === stepId && samePath(b.path, path);

/**
 * Makes the input at `binding` a parameter. A parameter of that name gains the binding (its label,
 * description, default and required are updated); any other parameter bound there loses it.
 */
export function bindParam(params: readonly TemplateParam[], param: Omit<TemplateParam, "bindings">, binding: ParamBinding): TemplateParam[] {
  const rest = unbindParam(params, binding.stepId, binding.path);
  const existing = rest.find((p) => p.name === param.name);
  if (!existing) return [...rest, { ...param, bindings: [binding] }];
  return rest.map((p) => (p === existing ? { ...existing, ...param, bindings: [...existing.bindings, binding] } : p));
}

/** The input at `path` of `stepId` is no longer a parameter; a parameter left bound to nothing goes too. */
export function unbindParam(params: readonly TemplateParam[], stepId: string, path: readonly string[]): TemplateParam[] {
  return params.flatMap((p) => {
    if (!p.bindings.some((b) => bound(b, stepId, path))) return [p];
    const bindings = p.bindings.filter((b) => !bound(b, stepId, path));
    return bindings.length ? [{ ...p, bindings }] : [];
  });
}

/** A step's parameter slots: the input path ("sections", "headers.X-Tag") → the parameter's name. */
export function paramSlots(params: readonly TemplateParam[], stepId: string): Map<string, string> {
  const slots = new Map<string, string>();
  for (const p of params) for (const b of p.bindings) if (b.stepId === stepId) slots.set(b.path.join("."), p.name);
  return slots;
}

/** Parameters bound to steps the plan no longer has lose those bindings (a deleted step). */
export function pruneParams(params: readonly TemplateParam[], plan: Pick<Plan, "steps">): TemplateParam[] {
  const ids = new Set(plan.steps.map((s) => s.id));
  if (params.every((p) => p.bindings.every((b) => ids.has(b.stepId)))) return params as TemplateParam[];
  return params.map((p) => ({ ...p, bindings: p.bindings.filter((b) => ids.has(b.stepId)) }));
}

export interface ParamChange {
  name: string;
  kind: "removed" | "retyped" | "added" | "needs_value";
  message: string;
}

export interface UpgradePreparation {
  merge: MergeResult;
  /** The values the plan is pinned with after the upgrade. */
  values: Record<string, unknown>;
  changes: ParamChange[];
  /** What did not fit when the new version was instantiated (a new required parameter without a default). */
  problems: ParamProblem[];
}

interface Version {
  plan: Plan;
  params: TemplateParam[];
}

const kindOf = (plan: Plan, params: TemplateParam[]) =>
  new Map(typeParams(plan, params).typed.map((t) => [t.param.name, `${t.field.kind}${t.field.integer ? ":int" : ""}`]));

/**
 * Everything the upgrade dialog shows: base = the old version with the plan's values, theirs = the
 * new version with the values it still takes, ours = the plan as it is. `choices` settle conflicts.
 */
export function prepareUpgrade(
  from: Version,
  to: Version,
  values: Record<string, unknown>,
  ours: Plan,
  choices: Record<string, "mine" | "template"> = {},
): UpgradePreparation {
  const base = instantiate(from.plan, from.params, values).plan;
  const oldKinds = kindOf(from.plan, from.params);
  const newKinds = kindOf(to.plan, to.params);
  const newTyped = new Map(typeParams(to.plan, to.params).typed.map((t) => [t.param.name, t]));
  const changes: ParamChange[] = [];
  const carried: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const t = newTyped.get(name);
    if (!t) {
      changes.push({ name, kind: "removed", message: `the new version has no parameter ${name}: the value ${JSON.stringify(value)} is dropped` });
      continue;
    }
    const fits = t.schemas.every((s) => s.safeParse(value).success);
    if (oldKinds.get(name) !== newKinds.get(name) || !fits) {
      const fallback = t.param.default !== undefined ? `its default ${JSON.stringify(t.param.default)}` : "no value";
      changes.push({ name, kind: "retyped", message: `${name} now takes ${newKinds.get(name)}: ${JSON.stringify(value)} no longer fits, ${fallback} is used` });
      continue;
    }
    carried[name] = value;
  }
  for (const p of to.params)
    if (!from.params.some((o) => o.name === p.name))
      changes.push({
        name: p.name,
        kind: p.default === undefined && p.required ? "needs_value" : "added",
        message:
          p.default !== undefined
            ? `new parameter ${p.name} (${p.label}), default ${JSON.stringify(p.default)}`
            : p.required
              ? `new parameter ${p.name} (${p.label}) has no default: fill in its input after the upgrade`
              : `new optional parameter ${p.name} (${p.label})`,
      });
  const theirs = instantiate(to.plan, to.params, carried);
  return {
    merge: threeWayMerge(base, theirs.plan, ours, choices),
    values: theirs.values,
    changes,
    problems: theirs.problems,
  };
}
