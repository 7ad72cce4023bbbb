// Who may decide a step's approval gate: part of the plan (saved with each version, so a run's gates
// keep the rule of the version it ran), checked by lib/runs/gate-rules.ts when a decision arrives.
import { z } from "zod";
import { ROLES } from "../workspaces/roles";

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "a user id (uuid)");

export const approvalRuleSchema = z
  .object({
    deciders: z
      .discriminatedUnion("kind", [
        z.object({ kind: z.literal("approvers") }).strict(),
        z.object({ kind: z.literal("members"), userIds: z.array(uuid).min(1, "name at least one member").max(50) }).strict(),
        z.object({ kind: z.literal("role"), role: z.enum(ROLES) }).strict(),
      ])
      .default({ kind: "approvers" }),
    notInitiator: z.boolean().default(false),
    quorum: z.number().int().min(1, "at least 1 approval").max(10, "at most 10 approvals").default(1),
  })
  .strict();

export type ApprovalRule = z.output<typeof approvalRuleSchema>;
export type ApprovalRuleInput = z.input<typeof approvalRuleSchema>;

export const DEFAULT_APPROVAL_RULE: ApprovalRule = { deciders: { kind: "approvers" }, notInitiator: false, quorum: 1 };

/** True for the default rule, which a plan does not store. */
export function isDefaultRule(rule: ApprovalRule | undefined): boolean {
  return !rule || (rule.deciders.kind === "approvers" && !rule.notInitiator && rule.quorum === 1);
}

/** The rule of a stored step: its own, or the default when it has none (or an unreadable one). */
export function ruleOf(step: { approvalRule?: unknown }): ApprovalRule {
  const parsed = approvalRuleSchema.safeParse(step.approvalRule ?? {});
  return parsed.success ? parsed.data : DEFAULT_APPROVAL_RULE;
}
