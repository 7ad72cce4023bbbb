// Browser-safe (zod only): what a tool declares about itself, checked by the compiler. Every tool's
// folder has a `tool.ts` calling `defineTool`; lib/tools/list.ts lists them, and the catalog, the
// input-schema maps and the server registry are all derived from that one list.
import { z } from "zod";

/**
 * The icons a tool may use. The UI maps each name to a component (components/canvas/tool-icon.tsx,
 * a `Record<ToolIconName, …>` that must be total): a tool naming an icon that is not here, or a name
 * here without a component, does not compile.
 */
export const TOOL_ICONS = ["search", "globe", "text-quote", "list-tree", "pen-line", "image", "send", "puzzle"] as const;
export type ToolIconName = (typeof TOOL_ICONS)[number];

/**
 * How a step's output is shown (components/runs/step-output.tsx, a `Record<OutputViewName, …>` that
 * must be total). A tool whose output is plain data uses "json".
 */
export const OUTPUT_VIEWS = ["search-results", "page", "summary", "outline", "post", "image", "http-response", "json"] as const;
export type OutputViewName = (typeof OUTPUT_VIEWS)[number];

/** Cross-field checks, written for partial input too (a plan's static inputs may omit fields). */
export type InputRefinement = (input: Record<string, unknown>, ctx: z.RefinementCtx) => void;

/**
 * The one publish rule. `publishes: false`: never approval-gated. `publishes: true` without
 * `sideEffect`: the output is published (approved after the tool produced it). With `sideEffect`:
 * the call itself changes something outside Planvas when `when(input)` holds — then it is approved
 * BEFORE it runs — and otherwise it publishes nothing (http_request GET).
 */
export interface SideEffectRule {
  /** True when a call with these (possibly partial, static) inputs has side effects. */
  when(input: Record<string, unknown>): boolean;
  /** How the rule reads in the model's instructions, after the tool's name: "other than GET". */
  described: string;
}

/**
 * What every tool declares about itself. The planner, the canvas and the executor all read this;
 * a tool never knows about Inngest or React.
 */
export interface ToolMeta {
  /** Stable identifier used in plan JSON (`toolName`). */
  name: string;
  /** Short human label for the canvas. */
  title: string;
  /** What the tool does, written for the model as much as for people. */
  description: string;
  /** A lucide icon name (kebab-case); the UI maps it to a component so `lib/` stays React-free. */
  icon: string;
  /** True when the output is published or the call has side effects: approval-gated by default. */
  publishes: boolean;
  /** Set when publishing is a side effect of the call that depends on its inputs (see SideEffectRule). */
  sideEffect?: SideEffectRule;
  /** How the run view shows the tool's output ("json" when unset). */
  output?: OutputViewName;
}

/** A tool's browser-safe declaration: its metadata, its input schema and its output schema. */
export interface ToolSpec<N extends string = string> extends ToolMeta {
  name: N;
  icon: ToolIconName;
  output: OutputViewName;
  /** What `execute` accepts (fields and cross-field checks). */
  inputSchema: z.ZodType;
  /** The input's fields as a plain object schema: the canvas form and static validation read it. */
  inputFields: z.ZodObject;
  /** The cross-field checks of `inputSchema`, applied to partial static inputs too. */
  refine?: InputRefinement;
  /**
   * What `execute` returns, checked on every call. Declared here (zod only) so references to a
   * step's output (`{{steps.<id>.output.<path>}}`) are typed in the browser as on the server.
   */
  outputSchema: z.ZodType;
}

/** What `defineTool` is given: the metadata, the input's fields, and the cross-field checks if any. */
export type ToolDeclaration<N extends string> = Omit<ToolSpec<N>, "inputSchema" | "inputFields" | "refine"> & {
  /** The input's fields. */
  input: z.ZodObject;
  refine?: InputRefinement;
  /** The executed schema, when the folder already builds it; else `input` (with `refine` applied). */
  inputSchema?: z.ZodType;
};

/** Declares a tool (browser-safe): the compiler checks the icon, the output view and the rest. */
export function defineTool<const N extends string>({ input, refine, inputSchema, ...meta }: ToolDeclaration<N>): ToolSpec<N> {
  return {
    ...meta,
    inputFields: input,
    inputSchema: inputSchema ?? (refine ? input.superRefine(refine as (i: unknown, c: z.RefinementCtx) => void) : input),
    ...(refine ? { refine } : {}),
  };
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

/**
 * A plan step's static inputs: every field optional and without its default (a missing field is
 * decided at run time by the executor), unknown fields refused, cross-field checks kept.
 */
export function staticSchemaOf(spec: Pick<ToolSpec, "inputFields" | "refine">): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(spec.inputFields.shape as Record<string, z.ZodType>)) shape[key] = unwrapField(field).optional();
  const obj = z.object(shape).strict();
  return spec.refine ? obj.superRefine(spec.refine) : obj;
}

/** Whether a step of this tool with these static inputs publishes or has side effects. */
export function publishesWith(tool: Pick<ToolMeta, "publishes" | "sideEffect"> | undefined, input: Record<string, unknown> | undefined): boolean {
  if (!tool?.publishes) return false;
  return tool.sideEffect ? tool.sideEffect.when(input ?? {}) : true;
}

/** Whether the call itself has side effects, so it is approved before it runs. */
export function sideEffectsWith(tool: Pick<ToolMeta, "publishes" | "sideEffect"> | undefined, input: Record<string, unknown> | undefined): boolean {
  return !!tool?.publishes && !!tool.sideEffect && tool.sideEffect.when(input ?? {});
}
