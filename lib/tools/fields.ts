// Browser-safe: a tool's zod input schema read as form fields, so the canvas generates its form from
// the schema instead of a second hand-written field list.
import type { z } from "zod";
import { unwrapField } from "./schemas";

export type FieldKind = "string" | "text" | "number" | "enum" | "boolean" | "array" | "object" | "record" | "unsupported";

export interface FieldSpec {
  /** Key in the parent object ("" for array items and record values). */
  name: string;
  label: string;
  kind: FieldKind;
  /** The tool needs a value (the executor decides one at run time when the plan leaves it empty). */
  required: boolean;
  description?: string;
  defaultValue?: unknown;
  /** enum */
  options?: string[];
  /** number */
  integer?: boolean;
  min?: number;
  max?: number;
  /** string / text */
  minLength?: number;
  maxLength?: number;
  /** array: the item; record: the value */
  item?: FieldSpec;
  /** object */
  fields?: FieldSpec[];
}

/** Fields whose text is long by nature get a textarea. */
const LONG_TEXT = /^(body|prompt|text|content|message|notes?|instructions?|template|html|markdown)$/i;

/** "maxResults" → "Max results", "api_key" → "Api key". */
export function labelOf(name: string): string {
  const words = name
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

function describeOf(field: z.ZodType): string | undefined {
  let cur: z.ZodType | undefined = field;
  while (cur) {
    if (cur.description) return cur.description;
    const t: string = cur._zod.def.type;
    cur = t === "optional" || t === "default" || t === "nullable" || t === "prefault" ? ((cur as z.ZodOptional).unwrap() as z.ZodType) : undefined;
  }
  return undefined;
}

function defaultOf(field: z.ZodType): unknown {
  let cur: z.ZodType | undefined = field;
  while (cur) {
    const t: string = cur._zod.def.type;
    if (t === "default") return (cur._zod.def as unknown as { defaultValue: unknown }).defaultValue;
    cur = t === "optional" || t === "nullable" || t === "prefault" ? ((cur as z.ZodOptional).unwrap() as z.ZodType) : undefined;
  }
  return undefined;
}

const finite = (n: unknown) => (typeof n === "number" && Number.isFinite(n) ? n : undefined);

/** One zod field as a form field. */
export function fieldSpec(name: string, field: z.ZodType): FieldSpec {
  const inner = unwrapField(field);
  const def = inner._zod.def as unknown as Record<string, unknown> & { type: string };
  const base = {
    name,
    label: labelOf(name),
    required: !field.safeParse(undefined).success,
    ...(describeOf(field) ? { description: describeOf(field) } : {}),
    ...(defaultOf(field) !== undefined ? { defaultValue: defaultOf(field) } : {}),
  };
  switch (def.type) {
    case "string": {
      const s = inner as z.ZodString;
      const maxLength = finite(s.maxLength);
      const minLength = finite(s.minLength);
      const long = LONG_TEXT.test(name) || (maxLength ?? 0) >= 500;
      return { ...base, kind: long ? "text" : "string", ...(maxLength !== undefined ? { maxLength } : {}), ...(minLength !== undefined ? { minLength } : {}) };
    }
    case "number": {
      const n = inner as z.ZodNumber;
      const min = finite(n.minValue);
      const max = finite(n.maxValue);
      return { ...base, kind: "number", integer: !!n.isInt, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    }
    case "boolean":
      return { ...base, kind: "boolean" };
    case "enum":
      return { ...base, kind: "enum", options: (inner as z.ZodEnum).options.map(String) };
    case "literal":
      return { ...base, kind: "enum", options: ((def.values as unknown[]) ?? []).map(String) };
    case "array":
      return { ...base, kind: "array", item: fieldSpec("", def.element as z.ZodType) };
    case "object":
      return { ...base, kind: "object", fields: objectFields(inner as z.ZodObject) };
    case "record":
      return { ...base, kind: "record", item: fieldSpec("", def.valueType as z.ZodType) };
    default:
      return { ...base, kind: "unsupported" };
  }
}

/** The fields of an object schema, in declaration order. */
export function objectFields(schema: z.ZodObject): FieldSpec[] {
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([k, f]) => fieldSpec(k, f));
}
