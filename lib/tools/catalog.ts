// Browser-safe: what each tool is, without its behaviour — safe to import anywhere, the browser
// included (the canvas, validation). Derived from the one list in ./list; the behaviour (execute)
// is in ./registry (server only).
import { z } from "zod";
import { mentionsReference, withoutReferences } from "../plan/reference-syntax";
import { publishesWith, sideEffectsWith, staticSchemaOf, unwrapField, type ToolSpec } from "./define";
import { TOOL_LIST, type ToolName } from "./list";

export type { ToolMeta, ToolSpec } from "./define";
export type { ToolName } from "./list";

export interface InputProblem {
  /** Path inside the step's `input`, e.g. ["headers", "Host"]. */
  path: (string | number)[];
  message: string;
}

/**
 * Everything the app derives from a list of tools. The app uses `catalog` (from TOOL_LIST); tests
 * build their own from a longer list (see lib/tools/adding-a-tool.test.ts) and pass it where a
 * function takes `tools`.
 */
export interface ToolCatalog {
  /** In the order the palette shows them. */
  readonly tools: readonly ToolSpec[];
  readonly toolNames: readonly string[];
  getTool(name: string): ToolSpec | undefined;
  /** The palette's search: every tool for an empty query. */
  search(query: string): readonly ToolSpec[];
  /** Whether a step with these static inputs publishes or has side effects (approval-gated). */
  stepPublishes(toolName: string, input: Record<string, unknown> | undefined): boolean;
  /** Whether the call itself has side effects, so it is approved BEFORE it runs. */
  stepHasSideEffects(toolName: string, input: Record<string, unknown> | undefined): boolean;
  inputFieldsOf(toolName: string): z.ZodObject | undefined;
  /**
   * A step's static inputs: fields optional, no defaults, unknown fields refused, cross-field checks
   * kept. Values holding references to earlier steps' outputs are left out: they are typed against
   * the referenced output (lib/plan/references.ts) and checked by the tool once resolved.
   */
  staticInputSchema(toolName: string): z.ZodType | undefined;
  staticInputProblems(toolName: string, input: Record<string, unknown>): InputProblem[];
  /** The inputs that still fit another tool: same name, and a value that tool accepts. */
  inputsThatFit(toolName: string, input: Record<string, unknown>): Record<string, unknown>;
}

export function createCatalog(list: readonly ToolSpec[]): ToolCatalog {
  const byName = new Map<string, ToolSpec>();
  for (const t of list) {
    if (byName.has(t.name)) throw new Error(`two tools are named ${t.name}`);
    byName.set(t.name, t);
  }
  const getTool = (name: string) => byName.get(name);
  const staticSchemas = new Map<string, z.ZodType>();
  const staticInputSchema = (toolName: string) => {
    const tool = getTool(toolName);
    if (!tool) return undefined;
    let schema = staticSchemas.get(toolName);
    if (!schema) staticSchemas.set(toolName, (schema = z.preprocess((v) => withoutReferences(v), staticSchemaOf(tool))));
    return schema;
  };
  return {
    tools: list,
    toolNames: list.map((t) => t.name),
    getTool,
    search(query) {
      const q = query.trim().toLowerCase();
      return q ? list.filter((t) => `${t.name} ${t.title} ${t.description}`.toLowerCase().includes(q)) : list;
    },
    stepPublishes: (toolName, input) => publishesWith(getTool(toolName), input),
    stepHasSideEffects: (toolName, input) => sideEffectsWith(getTool(toolName), input),
    inputFieldsOf: (toolName) => getTool(toolName)?.inputFields,
    staticInputSchema,
    staticInputProblems(toolName, input) {
      const schema = staticInputSchema(toolName);
      if (!schema) return [];
      const r = schema.safeParse(input);
      if (r.success) return [];
      return r.error.issues.flatMap((i): InputProblem[] => {
        if (i.code === "unrecognized_keys")
          return i.keys.map((k) => ({ path: [...(i.path as (string | number)[]), k], message: `${toolName} has no input "${k}"` }));
        return [{ path: i.path as (string | number)[], message: i.message }];
      });
    },
    inputsThatFit(toolName, input) {
      const fields = getTool(toolName)?.inputFields;
      if (!fields) return {};
      const shape = fields.shape as Record<string, z.ZodType>;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(input)) {
        const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
        // A reference is typed by the plan checks against the new tool's input.
        if (field && value !== undefined && (mentionsReference(value) || unwrapField(field).safeParse(value).success)) out[key] = value;
      }
      return out;
    },
  };
}

/** The app's tools. */
export const catalog: ToolCatalog = createCatalog(TOOL_LIST);

/** Every tool Planvas knows, in the order the palette shows them. */
export const tools: readonly ToolSpec[] = catalog.tools;
export const toolNames = catalog.toolNames as readonly ToolName[];

export function getTool(name: string): ToolSpec | undefined {
  return catalog.getTool(name);
}

/** Whether a step with these static inputs publishes or has side effects (http_request GET does not). */
export function stepPublishes(toolName: string, input: Record<string, unknown> | undefined): boolean {
  return catalog.stepPublishes(toolName, input);
}

/** Whether the call itself has side effects, so it is approved before it runs (http_request other than GET). */
export function stepHasSideEffects(toolName: string, input: Record<string, unknown> | undefined): boolean {
  return catalog.stepHasSideEffects(toolName, input);
}
