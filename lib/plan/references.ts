// Browser-safe: references to earlier steps' outputs (`{{steps.<id>.output.<path>}}`, syntax in
// ./reference-syntax), typed against the referenced tool's OUTPUT schema and the referencing
// input's schema — the same zod schemas the tools run with, walked the way
// lib/templates/params.ts walks input schemas. A whole-value reference keeps the referenced type
// and must fit the input; a reference inside longer text is stringified, so it fits text inputs
// only. Resolution at run time is server-side (lib/runs/references.ts).
import type { z } from "zod";
import { catalog, type ToolCatalog } from "../tools/catalog";
import { formatPath } from "./path";
import { matchReferences, mentionsReference, referenceName, wholeReference, type Reference } from "./reference-syntax";
import type { Plan, PlanStep } from "./schema";
import { closest } from "./suggest";
import type { PlanIssue } from "./validate";

export * from "./reference-syntax";

/** A value's type as far as references care. */
export type RefType =
  | { kind: "string" }
  | { kind: "number"; integer: boolean }
  | { kind: "boolean" }
  | { kind: "enum"; options: string[] }
  | { kind: "array"; item: RefType }
  | { kind: "object"; fields: Record<string, { type: RefType; optional: boolean }> }
  | { kind: "record"; value: RefType }
  | { kind: "unknown" };

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType) => s._zod.def as unknown as Def;

/** Strips wrappers; a transform's pipe is read from its input (what is checked), others from their output. */
function unwrapped(schema: z.ZodType): { schema: z.ZodType; optional: boolean } {
  let cur = schema;
  let optional = false;
  for (;;) {
    const def = defOf(cur);
    if (def.type === "optional") optional = true;
    if (["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"].includes(def.type)) cur = def.innerType as z.ZodType;
    else if (def.type === "pipe") cur = defOf(def.out as z.ZodType).type === "transform" ? (def.in as z.ZodType) : (def.out as z.ZodType);
    else return { schema: cur, optional };
  }
}

/** The type of a zod schema. */
export function typeOf(schema: z.ZodType): RefType {
  const { schema: s } = unwrapped(schema);
  const def = defOf(s);
  switch (def.type) {
    case "string":
      return { kind: "string" };
    case "number":
      return { kind: "number", integer: !!(s as z.ZodNumber).isInt };
    case "boolean":
      return { kind: "boolean" };
    case "enum":
      return { kind: "enum", options: (s as z.ZodEnum).options.map(String) };
    case "literal":
      return (def.values as unknown[]).every((v) => typeof v === "string")
        ? { kind: "enum", options: (def.values as string[]).map(String) }
        : { kind: "unknown" };
    case "array":
      return { kind: "array", item: typeOf(def.element as z.ZodType) };
    case "object": {
      const fields: Record<string, { type: RefType; optional: boolean }> = {};
      for (const [k, f] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        // An optional field may be absent at run time; a nullable one may be null (the tool's input schema then says so).
        Object.defineProperty(fields, k, { value: { type: typeOf(f), optional: unwrapped(f).optional }, enumerable: true });
      }
      return { kind: "object", fields };
    }
    case "record":
      return { kind: "record", value: typeOf(def.valueType as z.ZodType) };
    default:
      return { kind: "unknown" };
  }
}

/** How a type reads in messages: `string`, `integer`, `"linkedin" | "x"`, `string[]`, `object`. */
export function describeType(t: RefType): string {
  switch (t.kind) {
    case "number":
      return t.integer ? "integer" : "number";
    case "enum":
      return t.options.map((o) => JSON.stringify(o)).join(" | ");
    case "array":
      return `${t.item.kind === "enum" ? `(${describeType(t.item)})` : describeType(t.item)}[]`;
    case "record":
      return "object";
    default:
      return t.kind;
  }
}

/** Whether a value of type `src` is always a valid value of type `tgt` (unknown is checked when the step runs). */
export function fits(src: RefType, tgt: RefType): boolean {
  if (src.kind === "unknown" || tgt.kind === "unknown") return true;
  switch (tgt.kind) {
    case "string":
      return src.kind === "string" || src.kind === "enum";
    case "number":
      return src.kind === "number" && (!tgt.integer || src.integer);
    case "boolean":
      return src.kind === "boolean";
    case "enum":
      return src.kind === "enum" && src.options.every((o) => tgt.options.includes(o));
    case "array":
      return src.kind === "array" && fits(src.item, tgt.item);
    case "record":
      if (src.kind === "record") return fits(src.value, tgt.value);
      return src.kind === "object" && Object.values(src.fields).every((f) => fits(f.type, tgt.value));
    case "object":
      if (src.kind !== "object") return false;
      return Object.entries(tgt.fields).every(([k, f]) => (Object.hasOwn(src.fields, k) ? fits(src.fields[k]!.type, f.type) : f.optional));
  }
}

/** The type at a path inside a type, or the segment that does not exist. */
export function typeAt(root: RefType, path: readonly string[]): { type: RefType } | { missing: string; known: string[] } {
  let cur = root;
  for (const seg of path) {
    if (cur.kind === "unknown") return { type: cur };
    if (cur.kind === "object" && Object.hasOwn(cur.fields, seg)) cur = cur.fields[seg]!.type;
    else if (cur.kind === "record") cur = cur.value;
    else if (cur.kind === "array" && /^\d+$/.test(seg)) cur = cur.item;
    else return { missing: seg, known: cur.kind === "object" ? Object.keys(cur.fields) : cur.kind === "array" ? ["0", "1", "…"] : [] };
  }
  return { type: cur };
}

const outputTypes = new Map<string, RefType>();
/** A tool's output type (from its declared, browser-safe output schema). */
export function outputTypeOf(toolName: string, tools: ToolCatalog = catalog): RefType | undefined {
  const tool = tools.getTool(toolName);
  if (!tool) return undefined;
  const key = tools === catalog ? toolName : undefined;
  const cached = key && outputTypes.get(key);
  if (cached) return cached;
  const t = typeOf(tool.outputSchema);
  if (key) outputTypes.set(key, t);
  return t;
}

/** The type of a step input at `path` (["body"], ["headers", "X-Tag"]), or undefined when the tool has no such input. */
export function inputTypeAt(toolName: string, path: readonly (string | number)[], tools: ToolCatalog = catalog): RefType | undefined {
  const fields = tools.inputFieldsOf(toolName);
  if (!fields) return undefined;
  const r = typeAt(typeOf(fields), path.map(String));
  return "type" in r ? r.type : undefined;
}

/** Every step this one waits for, directly or not (through `dependsOn`). */
export function ancestorsOf(steps: readonly Pick<PlanStep, "id" | "dependsOn">[], stepId: string): Set<string> {
  const deps = new Map(steps.map((s) => [s.id, s.dependsOn]));
  const out = new Set<string>();
  const visit = (id: string) => {
    for (const d of deps.get(id) ?? []) if (!out.has(d) && d !== stepId) visit((out.add(d), d));
  };
  visit(stepId);
  return out;
}

/** One field of a tool's output that a reference can name. */
export interface OutputField {
  path: string[];
  type: RefType;
  /** May be absent when the step ran (an optional field): resolving it then fails the step. */
  optional: boolean;
  description?: string;
}

/** The fields of a tool's output, depth first (objects are opened, lists and maps are named whole). */
export function outputFields(toolName: string, tools: ToolCatalog = catalog): OutputField[] {
  const root = outputTypeOf(toolName, tools);
  const out: OutputField[] = [];
  const walk = (t: RefType, path: string[], optional: boolean) => {
    if (path.length) out.push({ path, type: t, optional });
    if (t.kind === "object") for (const [k, f] of Object.entries(t.fields)) walk(f.type, [...path, k], optional || f.optional);
  };
  if (root) walk(root, [], false);
  return out;
}

/** What the inspector's picker offers for an input: the ancestors' output fields whose type fits it. */
export function referenceOptions(
  plan: Pick<Plan, "steps">,
  stepId: string,
  inputPath: readonly (string | number)[],
  tools: ToolCatalog = catalog,
): { stepId: string; toolName: string; description: string; fields: OutputField[] }[] {
  const step = plan.steps.find((s) => s.id === stepId);
  const target = step && inputTypeAt(step.toolName, inputPath, tools);
  if (!step || !target) return [];
  const ancestors = ancestorsOf(plan.steps, stepId);
  return [...plan.steps]
    .filter((s) => ancestors.has(s.id))
    .sort((a, b) => a.stepIndex - b.stepIndex)
    .map((s) => ({
      stepId: s.id,
      toolName: s.toolName,
      description: s.description,
      fields: outputFields(s.toolName, tools).filter((f) => f.type.kind !== "unknown" && fits(f.type, target)),
    }))
    .filter((g) => g.fields.length);
}

/** Every string inside an input with its path. */
function* strings(value: unknown, path: (string | number)[]): Generator<{ path: (string | number)[]; text: string }> {
  if (typeof value === "string") yield { path, text: value };
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...path, i]);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
}

export interface InputReference {
  path: (string | number)[];
  ref: Reference;
  whole: boolean;
}

/** The references in a step's input, with where they are and whether each is the whole value. */
export function inputReferences(input: Record<string, unknown>): InputReference[] {
  return [...strings(input, [])].flatMap(({ path, text }): InputReference[] => {
    const whole = wholeReference(text);
    if (whole) return [{ path, ref: whole, whole: true }];
    return matchReferences(text).flatMap((m) => (m.ref ? [{ path, ref: m.ref, whole: false }] : []));
  });
}

/** The referenced output's type, or why the reference names nothing this step may use. */
function referencedType(
  ref: Reference,
  step: Pick<PlanStep, "id">,
  byId: ReadonlyMap<string, Pick<PlanStep, "id" | "toolName">>,
  ancestors: ReadonlySet<string>,
  tools: ToolCatalog,
): { type: RefType } | { error: string } {
  const name = referenceName(ref);
  const source = byId.get(ref.stepId);
  if (!source) {
    const hint = closest(ref.stepId, [...byId.keys()]);
    return { error: `${name}: there is no step "${ref.stepId}"${hint ? ` (did you mean "${hint}"?)` : ""}` };
  }
  if (ref.stepId === step.id) return { error: `${name}: a step cannot use its own output` };
  if (!ancestors.has(ref.stepId)) return { error: `${name}: step "${ref.stepId}" does not run before this step (connect it through dependsOn)` };
  const root = outputTypeOf(source.toolName, tools);
  if (!root) return { type: { kind: "unknown" } }; // an unknown tool is reported on its own
  const at = typeAt(root, ref.path);
  if ("type" in at) return at;
  const known = at.known.length ? ` (it has ${at.known.join(", ")})` : "";
  return { error: `${name}: the output of ${source.toolName} has no field "${at.missing}"${known}` };
}

/**
 * Problems with the references in a plan's inputs, with paths into the plan (`at` maps a step's
 * position in `plan.steps` to its index in the document that was given, when they differ).
 */
export function referenceIssues(plan: Pick<Plan, "steps">, opts: { tools?: ToolCatalog; at?: (index: number) => number } = {}): PlanIssue[] {
  const tools = opts.tools ?? catalog;
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const issues: PlanIssue[] = [];
  plan.steps.forEach((step, i) => {
    const found = [...strings(step.input, [])].filter((s) => mentionsReference(s.text));
    if (!found.length) return;
    const ancestors = ancestorsOf(plan.steps, step.id);
    const where = (path: (string | number)[]) => formatPath(["steps", opts.at?.(i) ?? i, "input", ...path]);
    const error = (path: string, message: string) => issues.push({ path, message, severity: "error" });
    for (const { path, text } of found) {
      const target = inputTypeAt(step.toolName, path, tools);
      if (!target) {
        // The input checks leave references out, so an input the tool lacks is reported here.
        if (tools.getTool(step.toolName)) error(where(path), `${step.toolName} has no input "${path.join(".")}"`);
        continue;
      }
      const whole = wholeReference(text);
      for (const m of matchReferences(text)) {
        if (!m.ref) {
          error(where(path), `"${m.token}" is not a reference: write {{steps.<step id>.output.<field>}}`);
          continue;
        }
        const src = referencedType(m.ref, step, byId, ancestors, tools);
        if ("error" in src) error(where(path), src.error);
        else if (whole) {
          if (!fits(src.type, target)) error(`${where(path)} ← ${referenceName(m.ref)}`, `${describeType(src.type)} does not fit ${describeType(target)}`);
        } else if (target.kind !== "string" && target.kind !== "unknown") {
          error(
            where(path),
            `${referenceName(m.ref)} inside other text makes text, and this input takes ${describeType(target)}: make the reference the whole value`,
          );
        }
      }
    }
  });
  return issues;
}
