import type { Plan, PlanStep } from "./schema";

/** Seed-contract fields first, extensions after: exported files read like the documented format. */
function orderedStep(s: PlanStep) {
  return {
    stepIndex: s.stepIndex,
    toolName: s.toolName,
    description: s.description,
    requiresApproval: s.requiresApproval,
    id: s.id,
    input: s.input,
    dependsOn: s.dependsOn,
    ...(s.position ? { position: s.position } : {}),
    ...(s.approvalTimeout ? { approvalTimeout: s.approvalTimeout } : {}),
    ...(s.approvalRule ? { approvalRule: s.approvalRule } : {}),
    ...(s.origin ? { origin: s.origin } : {}),
  };
}

/** The plan with its keys in documented order (jsonb storage does not keep key order). */
export function orderedPlan(plan: Plan): Plan {
  return { title: plan.title, ...(plan.description !== undefined ? { description: plan.description } : {}), steps: plan.steps.map(orderedStep) };
}

export function planToJson(plan: Plan): string {
  return `${JSON.stringify(orderedPlan(plan), null, 2)}\n`;
}

export function slugify(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "plan"
  );
}
