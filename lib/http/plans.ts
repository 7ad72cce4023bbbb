import type { PlanSummary, StoredPlan, VersionSummary } from "../plans";
import { orderedPlan } from "../plan/export";
import { validatePlan, type PlanValidation } from "../plan/validate";
import { documentInputIssues } from "../plan/check";
import { apiError, nestIssues, type ApiIssue } from "./json";

/** Wire shapes of the plans API (dates as ISO strings). */
export const planSummaryJson = (p: PlanSummary) => ({ ...p, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() });
export const storedPlanJson = (p: StoredPlan) => ({ ...p, plan: orderedPlan(p.plan), savedAt: p.savedAt.toISOString() });
export const versionJson = (v: VersionSummary) => ({ ...v, createdAt: v.createdAt.toISOString() });

export type PlanApiSummary = ReturnType<typeof planSummaryJson>;
export type PlanApiDocument = ReturnType<typeof storedPlanJson>;
export type PlanApiVersion = ReturnType<typeof versionJson>;

/** Validates a plan from a request; on failure the response is 413 for size limits, else 400. */
export function validatePlanRequest(doc: unknown, prefix?: string): Extract<PlanValidation, { ok: true }> | { ok: false; response: Response } {
  const r = validatePlan(doc);
  const inputs = r.ok ? documentInputIssues(doc) : [];
  if (r.ok && inputs.length === 0) return r;
  const issues: ApiIssue[] = r.ok ? inputs : r.issues.map(({ path, message }) => ({ path, message }));
  const shown = prefix ? nestIssues(prefix, issues) : issues;
  const status = !r.ok && r.issues.some((i) => i.code === "too_large") ? 413 : 400;
  const first = shown[0]!;
  const summary = `invalid plan: ${first.path}: ${first.message}${shown.length > 1 ? ` (and ${shown.length - 1} more)` : ""}`;
  return { ok: false, response: apiError(status, summary, shown) };
}
