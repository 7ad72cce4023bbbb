import { z } from "zod";
import { approvalRuleSchema, type ApprovalRule } from "./approval-rule";

/** Upper bounds enforced everywhere a plan enters the system (API, import dialog, CLI). */
export const PLAN_LIMITS = {
  /** Most steps a plan may have to be saved or run (the API answers 413 above it). */
  maxSteps: 500,
  /**
   * Most steps the editor opens from an import. Larger plans can be looked at and edited (split,
   * pruned) on the canvas, but they cannot be saved until they are back under `maxSteps`.
   */
  maxImportSteps: 5_000,
  maxBytes: 1_000_000,
  maxTitle: 200,
  maxDescription: 2_000,
} as const;

/** Step ids become Inngest step ids (`step:<id>`, `approval:<id>`), so they exclude `:`. */
export const STEP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Who wrote a step's current content: the AI, the AI and then a person, or a person. */
export const STEP_ORIGINS = ["ai", "ai-edited", "manual"] as const;
export type StepOrigin = (typeof STEP_ORIGINS)[number];

/** How long an approval may wait: "45s", "30m", "12h", "7d". */
export const DURATION_PATTERN = /^[1-9]\d{0,5}(s|m|h|d)$/;

export function durationMs(d: string): number {
  const n = Number(d.slice(0, -1));
  return n * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[d.slice(-1) as "s" | "m" | "h" | "d"];
}

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();

/**
 * One step as it may arrive from outside. The first four fields are the seed article's contract and
 * stay required; everything else is an optional extension with a default.
 */
export const planStepSchema = z
  .object({
    stepIndex: z.number().int().min(0),
    toolName: z.string().min(1),
    description: z.string().trim().min(1, "must not be empty").max(PLAN_LIMITS.maxDescription),
    requiresApproval: z.boolean(),
    id: z.string().regex(STEP_ID_PATTERN, "must be 1-64 letters, digits, '_' or '-', starting with a letter or digit").optional(),
    input: z.record(z.string(), z.unknown()).optional(),
    dependsOn: z.array(z.string()).optional(),
    position: positionSchema.optional(),
    approvalTimeout: z.string().regex(DURATION_PATTERN, 'must be a number with a unit: "30m", "12h", "7d"').optional(),
    approvalRule: approvalRuleSchema.optional(),
    origin: z.enum(STEP_ORIGINS).optional(),
  })
  .strict();

export const planSchema = z
  .object({
    title: z.string().trim().min(1, "must not be empty").max(PLAN_LIMITS.maxTitle),
    description: z.string().max(PLAN_LIMITS.maxDescription).optional(),
    steps: z.array(planStepSchema),
  })
  .strict();

/** A plan as accepted at the boundary (extensions optional). */
export type PlanInput = z.input<typeof planSchema>;
export type PlanStepInput = z.input<typeof planStepSchema>;
export type Position = z.infer<typeof positionSchema>;

/** A plan after defaults: every step has an id, an input object and explicit dependencies. */
export interface PlanStep {
  stepIndex: number;
  toolName: string;
  description: string;
  requiresApproval: boolean;
  id: string;
  input: Record<string, unknown>;
  dependsOn: string[];
  position?: Position;
  /** How long the approval gate waits before the step expires (default 7 days). */
  approvalTimeout?: string;
  /** Who may decide the approval gate (absent: any approver of the workspace, one approval). */
  approvalRule?: ApprovalRule;
  /** Provenance; absent means "manual" (see `stepOrigin`). */
  origin?: StepOrigin;
}

/** A step's provenance with the default applied: a step nobody marked was made by a person. */
export function stepOrigin(step: Pick<PlanStep, "origin">): StepOrigin {
  return step.origin ?? "manual";
}

export interface Plan {
  title: string;
  description?: string;
  steps: PlanStep[];
}
