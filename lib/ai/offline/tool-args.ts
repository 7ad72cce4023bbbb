// The offline model's single tool call: arguments built from the tool's JSON schema. Values come
// from the step's static inputs first, then from the step description, the goal and the run so far.
// What is tool-specific (a search query, an image prompt, a webhook body) comes from the tool's own
// offline behaviour (lib/tools/<name>/offline.ts); the rules here are generic.
import type { JSONSchema7 } from "@ai-sdk/provider";
import type { OfflineToolBehaviour } from "./behaviour";
import type { StepBrief, ToolOutputSeen } from "./types";

export type { StepBrief } from "./types";

const URL_RE = /\bhttps?:\/\/[^\s<>"')]+/i;

function firstNumber(text: string): number | undefined {
  const m = /\b(\d{1,3})\b/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The most recent prose output of an earlier step (a summary, a post, a page's text). */
export function latestText(outputs: ToolOutputSeen[]): string | undefined {
  for (let i = outputs.length - 1; i >= 0; i--) {
    const o = outputs[i]!.output as Record<string, unknown> | string | undefined;
    if (typeof o === "string" && o.trim()) return o;
    if (o && typeof o === "object")
      for (const k of ["text", "summary", "body", "content"]) if (typeof o[k] === "string" && (o[k] as string).trim()) return o[k] as string;
  }
  return undefined;
}

export function subjectOf(description: string): string | undefined {
  const m = /\b(?:about|on|for|regarding)\s+(.+?)(?:[.,;]|$)/i.exec(description);
  return m?.[1]?.trim();
}

function valueFor(name: string, prop: JSONSchema7, step: StepBrief, goal: string, outputs: ToolOutputSeen[], tool: OfflineToolBehaviour | undefined): unknown {
  const desc = step.description ?? "";
  const text = `${desc} ${goal}`;
  const lower = text.toLowerCase();
  if (prop.enum?.length) {
    const options = prop.enum.filter((v): v is string => typeof v === "string");
    return options.find((o) => new RegExp(`\\b${o.replace(/[^a-z0-9]/gi, "\\$&")}\\b`, "i").test(lower)) ?? prop.default ?? options[0];
  }
  if (prop.default !== undefined) return prop.default;
  const own = tool?.argument?.(name, { prop, step, goal, outputs });
  if (own) return own.value;
  const type = Array.isArray(prop.type) ? prop.type.find((t) => t !== "null") : prop.type;
  switch (name) {
    case "url":
      return URL_RE.exec(text)?.[0]?.replace(/[.,;:!?]+$/, "");
    case "topic":
    case "focus":
      return subjectOf(desc) ?? goal;
    default:
      break;
  }
  if (type === "integer" || type === "number") return firstNumber(desc) ?? (typeof prop.minimum === "number" ? Math.max(prop.minimum, 5) : 5);
  if (type === "boolean") return false;
  if (type === "string") return desc || goal;
  if (type === "array") return [];
  return undefined;
}

/** Arguments for one call of `schema`'s tool: static inputs win; required fields are always filled. */
export function toolArguments(
  schema: JSONSchema7,
  step: StepBrief,
  goal: string,
  outputs: ToolOutputSeen[],
  tool?: OfflineToolBehaviour,
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const props = (schema.properties ?? {}) as Record<string, JSONSchema7>;
  const required = new Set(schema.required ?? []);
  for (const [name, prop] of Object.entries(props)) {
    if (step.input && Object.hasOwn(step.input, name)) {
      args[name] = step.input[name];
      continue;
    }
    if (!required.has(name) && !tool?.fillsOptional?.(name, step.input ?? {})) continue;
    const v = valueFor(name, prop, step, goal, outputs, tool);
    if (v !== undefined) args[name] = v;
  }
  return args;
}
