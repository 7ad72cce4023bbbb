// Browser-safe: every tool's zod INPUT schema (each from its own zod-only schema.ts), for the
// canvas's generated forms and live validation. The behaviour stays in ./registry (server only).
import { z } from "zod";
import type { ToolName } from "./catalog";
import { fetchUrlInputSchema } from "./fetch_url/schema";
import { formatPostInputSchema } from "./format_post/schema";
import { generateImageInputSchema } from "./generate_image/schema";
import { generateOutlineInputSchema } from "./generate_outline/schema";
import { checkHttpRequestInput, httpRequestInputFields, httpRequestInputSchema } from "./http_request/schema";
import { summarizeInputSchema } from "./summarize/schema";
import { webSearchInputSchema } from "./web_search/schema";

/** What each tool's `execute` accepts (the same objects the registry's definitions use). */
export const TOOL_INPUT_SCHEMAS: Record<ToolName, z.ZodType> = {
  web_search: webSearchInputSchema,
  fetch_url: fetchUrlInputSchema,
  summarize: summarizeInputSchema,
  generate_outline: generateOutlineInputSchema,
  format_post: formatPostInputSchema,
  generate_image: generateImageInputSchema,
  http_request: httpRequestInputSchema,
};

type Refinement = (input: Record<string, unknown>, ctx: z.RefinementCtx) => void;

/** The fields of each input schema, and the cross-field checks where a schema has any. */
const FIELDS: Record<ToolName, { fields: z.ZodObject; refine?: Refinement }> = {
  web_search: { fields: webSearchInputSchema },
  fetch_url: { fields: fetchUrlInputSchema },
  summarize: { fields: summarizeInputSchema },
  generate_outline: { fields: generateOutlineInputSchema },
  format_post: { fields: formatPostInputSchema },
  generate_image: { fields: generateImageInputSchema },
  http_request: { fields: httpRequestInputFields, refine: checkHttpRequestInput as Refinement },
};

export function inputFieldsOf(toolName: string): z.ZodObject | undefined {
  return Object.hasOwn(FIELDS, toolName) ? FIELDS[toolName as ToolName].fields : undefined;
}

/** Strips optional/default/nullable wrappers: the field's own type. */
export function unwrapField(field: z.ZodType): z.ZodType {
  let inner = field;
  for (;;) {
    const t = inner._zod.def.type;
    if (t === "optional" || t === "default" || t === "nullable" || t === "prefault") inner = (inner as z.ZodOptional).unwrap() as z.ZodType;
    else return inner;
  }
}

const staticSchemas = new Map<string, z.ZodType>();

/**
 * A plan step's static inputs: every field optional and without its default (a missing field is
 * decided at run time by the executor), unknown fields refused, cross-field checks kept. The
 * inspector's form validates with this schema, and live validation reports its issues.
 */
export function staticInputSchema(toolName: string): z.ZodType | undefined {
  const cached = staticSchemas.get(toolName);
  if (cached) return cached;
  if (!Object.hasOwn(FIELDS, toolName)) return undefined;
  const { fields, refine } = FIELDS[toolName as ToolName];
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(fields.shape as Record<string, z.ZodType>)) shape[key] = unwrapField(field).optional();
  const obj = z.object(shape).strict();
  const schema = refine ? obj.superRefine(refine) : obj;
  staticSchemas.set(toolName, schema);
  return schema;
}

export interface InputProblem {
  /** Path inside the step's `input`, e.g. ["headers", "Host"]. */
  path: (string | number)[];
  message: string;
}

/** Problems with a step's static inputs (values that are there but do not fit the tool). */
export function staticInputProblems(toolName: string, input: Record<string, unknown>): InputProblem[] {
  const schema = staticInputSchema(toolName);
  if (!schema) return [];
  const r = schema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.flatMap((i): InputProblem[] => {
    if (i.code === "unrecognized_keys") return i.keys.map((k) => ({ path: [...(i.path as (string | number)[]), k], message: `${toolName} has no input "${k}"` }));
    return [{ path: i.path as (string | number)[], message: i.message }];
  });
}

/**
 * The inputs that still fit another tool: same name, and a value that tool accepts. Used when the
 * user switches a step's tool, so nothing that makes sense is lost and nothing invalid is kept.
 */
export function inputsThatFit(toolName: string, input: Record<string, unknown>): Record<string, unknown> {
  const fields = inputFieldsOf(toolName);
  if (!fields) return {};
  const shape = fields.shape as Record<string, z.ZodType>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (field && value !== undefined && unwrapField(field).safeParse(value).success) out[key] = value;
  }
  return out;
}
