import type { PlanStep } from "../plan/schema";
import { getToolDefinition, type AnyTool } from "../tools/registry";
import type { Gate } from "./machine";

/**
 * Where a step's approval gate is: none; before it runs (a side effect — http_request other than
 * GET — is approved before it happens, on what it will send); or after (content is approved on
 * what it produced). Fixed when the run starts and stored with the run's steps.
 */
export function gateOf(step: Pick<PlanStep, "toolName" | "requiresApproval" | "input">, tool: AnyTool | undefined = getToolDefinition(step.toolName)): Gate {
  if (!step.requiresApproval) return "none";
  return tool?.sideEffectsBeforeRun?.(step.input as never) ? "before" : "after";
}

/** The gate of every step of a plan, by step id. */
export const gatesOf = (steps: readonly Pick<PlanStep, "id" | "toolName" | "requiresApproval" | "input">[]): Record<string, Gate> =>
  Object.fromEntries(steps.map((s) => [s.id, gateOf(s)]));
