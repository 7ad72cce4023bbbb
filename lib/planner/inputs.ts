import type { z } from "zod";
import { getToolDefinition } from "../tools/registry";

/** Static inputs must fit the tool's input schema (fields may be missing: the executor fills them). */
export function inputProblems(output: { steps: { toolName: string; input?: Record<string, unknown> | null }[] }): string[] {
  return output.steps.flatMap((s, i) => {
    const def = getToolDefinition(s.toolName);
    if (!def) return [`steps[${i}].toolName: unknown tool "${s.toolName}"`];
    const shape = (def.inputSchema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
    return Object.entries(s.input ?? {}).flatMap(([key, value]) => {
      if (value === null) return [];
      const field = Object.hasOwn(shape, key) ? shape[key] : undefined; // input names are user-chosen ("constructor")
      if (!field) return [`steps[${i}].input.${key}: ${s.toolName} has no input "${key}"`];
      const r = field.safeParse(value);
      return r.success ? [] : r.error.issues.map((iss) => `steps[${i}].input.${[key, ...iss.path].join(".")}: ${iss.message}`);
    });
  });
}
