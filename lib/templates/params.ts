// Browser-safe: a template's parameters. A parameter is bound to step inputs (its value becomes the
// input at that path) and may be interpolated into text inputs and descriptions ("Search for
// {{topic}} trends"). Its type is not declared by hand: it is the tool's own input type at the bound
// path, read from the tool's zod schema — so a binding that no longer fits (the tool changed, the
// step changed tools) is an error naming the step path and the parameter, and a value is checked by
// the very schema the step's input is checked by.
import { z } from "zod";
import { describeZodIssue } from "../plan/issues";
import type { Plan, PlanStep } from "../plan/schema";
import { catalog } from "../tools/catalog";
import { fieldSpec, type FieldSpec } from "../tools/fields";

export const PARAM_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]{0,39})\s*\}\}/g;

export const paramBindingSchema = z
  .object({
    stepId: z.string().min(1),
    /** Path inside the step's input: ["topic"], ["headers", "X-Tag"]. */
    path: z.array(z.string().min(1)).min(1).max(8),
  })
  .strict();

export const templateParamSchema = z
  .object({
    name: z.string().regex(PARAM_NAME, "lowercase letters, digits and _, starting with a letter (at most 40)"),
    label: z.string().trim().min(1).max(80),
    description: z.string().max(500).optional(),
    required: z.boolean().default(true),
    default: z.unknown().optional(),
    bindings: z.array(paramBindingSchema).max(50).default([]),
  })
  .strict();
export type TemplateParam = z.output<typeof templateParamSchema>;
export type ParamBinding = z.output<typeof paramBindingSchema>;

export interface ParamProblem {
  /** Where: `steps[2].input.sections`, `params.slides`, `steps[0].description`. */
  path: string;
  message: string;
}

/** The step input schema at `path`, or a reason it has none. */
function inputSchemaAt(toolName: string, path: readonly string[]): { schema: z.ZodType } | { error: string } {
  const fields = catalog.inputFieldsOf(toolName);
  if (!fields) return { error: `unknown tool ${toolName}` };
  let cur: z.ZodType = fields;
  for (const key of path) {
    const inner = unwrap(cur);
    const def = inner._zod.def as unknown as { type: string; shape?: Record<string, z.ZodType>; valueType?: z.ZodType };
    if (def.type === "object" && def.shape && Object.hasOwn(def.shape, key)) cur = def.shape[key]!;
    else if (def.type === "record" && def.valueType) cur = def.valueType;
    else return { error: `${toolName} has no input ${path.join(".")}` };
  }
  return { schema: cur };
}

function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (;;) {
    const t: string = cur._zod.def.type;
    if (t === "optional" || t === "default" || t === "nullable" || t === "prefault") cur = (cur as z.ZodOptional).unwrap() as z.ZodType;
    else return cur;
  }
}

const inputPath = (index: number, path: readonly string[]) => `steps[${index}].input.${path.join(".")}`;

export interface TypedParam {
  param: TemplateParam;
  /** The form field the "use template" form shows (the inspector's field, for the first binding). */
  field: FieldSpec;
  /** Every binding's input schema (one value feeds them all); interpolation-only parameters are text. */
  schemas: z.ZodType[];
}

/**
 * Each parameter with its type, and the problems: bindings to missing steps or inputs, parameters
 * bound to inputs of different types, placeholders naming no parameter, defaults that do not fit.
 */
export function typeParams(
  plan: Pick<Plan, "steps"> & { title?: string },
  params: readonly TemplateParam[],
): { typed: TypedParam[]; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  const typed: TypedParam[] = [];
  const indexOf = new Map(plan.steps.map((s, i) => [s.id, i]));
  const names = new Set<string>();
  params.forEach((param, pi) => {
    if (names.has(param.name)) problems.push({ path: `params[${pi}].name`, message: `a second parameter named ${param.name}` });
    names.add(param.name);
    const schemas: { schema: z.ZodType; at: string; key: string }[] = [];
    for (const b of param.bindings) {
      const index = indexOf.get(b.stepId);
      if (index === undefined) {
        problems.push({ path: `params.${param.name}`, message: `bound to step ${b.stepId}, which the plan does not have` });
        continue;
      }
      const step = plan.steps[index]!;
      const at = inputSchemaAt(step.toolName, b.path);
      if ("error" in at) problems.push({ path: `${inputPath(index, b.path)} ← params.${param.name}`, message: at.error });
      else schemas.push({ schema: at.schema, at: inputPath(index, b.path), key: b.path.at(-1)! });
    }
    // One value feeds every binding: their types must agree (same kind of field).
    const kinds = schemas.map((s) => kindOf(fieldSpec(s.key, s.schema)));
    const first = schemas[0];
    kinds.forEach((k, i) => {
      if (k !== kinds[0])
        problems.push({ path: `${schemas[i]!.at} ← params.${param.name}`, message: `${kinds[0]} expected (as at ${first!.at}), this input takes ${k}` });
    });
    const checks = first ? schemas.map((x) => unwrap(x.schema)) : [z.string().max(2_000)];
    // The field as the inspector shows the bound input (a "body" is a textarea), under the parameter's name.
    const field = {
      ...(first ? fieldSpec(first.key, first.schema) : fieldSpec(param.name, z.string().max(2_000))),
      name: param.name,
      label: param.label,
      required: param.required,
    };
    if (param.description) field.description = param.description;
    if (param.default !== undefined) {
      const failure = checkValue(checks, param.default);
      if (failure) problems.push({ path: `params.${param.name}.default`, message: failure });
      else field.defaultValue = param.default;
    }
    typed.push({ param, field, schemas: checks });
  });
  const titles = plan.title === undefined ? [] : [{ where: "title", text: plan.title }];
  for (const { where, text } of titles)
    for (const m of text.matchAll(PLACEHOLDER)) if (!names.has(m[1]!)) problems.push({ path: where, message: `{{${m[1]}}} names no parameter` });
  plan.steps.forEach((step, i) => {
    for (const { where, text } of textsOf(step, i))
      for (const m of text.matchAll(PLACEHOLDER)) if (!names.has(m[1]!)) problems.push({ path: where, message: `{{${m[1]}}} names no parameter` });
  });
  return { typed, problems };
}

/** The first schema's complaint about `value`, or null when every schema accepts it. */
function checkValue(schemas: readonly z.ZodType[], value: unknown): string | null {
  for (const schema of schemas) {
    const r = schema.safeParse(value);
    if (!r.success) return r.error.issues[0] ? describeZodIssue(r.error.issues[0], value).message : "does not fit";
  }
  return null;
}

const kindOf = (f: FieldSpec): string => (f.kind === "text" ? "string" : f.kind === "number" ? (f.integer ? "integer" : "number") : f.kind);

function* textsOf(step: PlanStep, i: number): Generator<{ where: string; text: string; path: string[] | null }> {
  yield { where: `steps[${i}].description`, text: step.description, path: null };
  const walk = function* (value: unknown, path: string[]): Generator<{ where: string; text: string; path: string[] | null }> {
    if (typeof value === "string") yield { where: inputPath(i, path), text: value, path };
    else if (value && typeof value === "object" && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) yield* walk(v, [...path, k]);
  };
  yield* walk(step.input, []);
}

export interface InstantiateResult {
  plan: Plan;
  values: Record<string, unknown>;
  problems: ParamProblem[];
}

/**
 * The plan a template makes with `values`: checked against each parameter's type (missing required,
 * wrong type, out of range, unknown names — each naming `params.<name>`), then bound values put in
 * place and placeholders replaced. The template's plan is not changed.
 */
export function instantiate(plan: Plan, params: readonly TemplateParam[], values: Record<string, unknown>): InstantiateResult {
  const { typed, problems } = typeParams(plan, params);
  const known = new Set(params.map((p) => p.name));
  for (const name of Object.keys(values)) if (!known.has(name)) problems.push({ path: `params.${name}`, message: "the template has no such parameter" });
  const resolved: Record<string, unknown> = {};
  for (const { param, schemas } of typed) {
    const given = Object.hasOwn(values, param.name) ? values[param.name] : undefined;
    const value = given === undefined || given === "" ? param.default : given;
    if (value === undefined) {
      if (param.required) problems.push({ path: `params.${param.name}`, message: `required: ${param.label}` });
      continue;
    }
    const failure = checkValue(schemas, value);
    if (failure) {
      problems.push({ path: `params.${param.name}`, message: failure });
      continue;
    }
    resolved[param.name] = value;
  }
  const copy: Plan = structuredClone(plan);
  const text = (s: string) => s.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(resolved, name) ? String(resolved[name]) : whole));
  copy.title = text(copy.title);
  const byId = new Map(copy.steps.map((s) => [s.id, s]));
  copy.steps.forEach((step) => {
    step.description = text(step.description);
    step.input = replaceTexts(step.input, text) as Record<string, unknown>;
  });
  for (const { param } of typed) {
    if (!Object.hasOwn(resolved, param.name)) continue;
    for (const b of param.bindings) {
      const step = byId.get(b.stepId);
      if (step) setPath(step.input, b.path, resolved[param.name]);
    }
  }
  return { plan: copy, values: resolved, problems };
}

function replaceTexts(value: unknown, text: (s: string) => string): unknown {
  if (typeof value === "string") return text(value);
  if (Array.isArray(value)) return value.map((v) => replaceTexts(v, text));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceTexts(v, text)]));
  return value;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown) {
  let cur = target;
  path.slice(0, -1).forEach((key) => {
    const next = Object.hasOwn(cur, key) ? cur[key] : undefined;
    if (!next || typeof next !== "object" || Array.isArray(next)) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  });
  cur[path.at(-1)!] = value;
}
