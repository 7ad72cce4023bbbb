// Browser-safe: every tool's zod INPUT schema (each from its own zod-only schema.ts, declared in its
// tool.ts), for the canvas's generated forms and live validation — derived from the catalog, which
// is derived from the one list. The behaviour stays in ./registry (server only).
import type { z } from "zod";
import { catalog, toolNames, type ToolName } from "./catalog";

export { unwrapField } from "./define";
export type { InputProblem } from "./catalog";

/** What each tool's `execute` accepts (the same objects the registry's definitions use). */
export const TOOL_INPUT_SCHEMAS = Object.fromEntries(toolNames.map((n) => [n, catalog.getTool(n)!.inputSchema])) as Record<ToolName, z.ZodType>;

export const inputFieldsOf = (toolName: string) => catalog.inputFieldsOf(toolName);

/**
 * A plan step's static inputs: every field optional and without its default (a missing field is
 * decided at run time by the executor), unknown fields refused, cross-field checks kept. The
 * inspector's form validates with this schema, and live validation reports its issues.
 */
export const staticInputSchema = (toolName: string) => catalog.staticInputSchema(toolName);

/** Problems with a step's static inputs (values that are there but do not fit the tool). */
export const staticInputProblems = (toolName: string, input: Record<string, unknown>) => catalog.staticInputProblems(toolName, input);

/**
 * The inputs that still fit another tool: same name, and a value that tool accepts. Used when the
 * user switches a step's tool, so nothing that makes sense is lost and nothing invalid is kept.
 */
export const inputsThatFit = (toolName: string, input: Record<string, unknown>) => catalog.inputsThatFit(toolName, input);
