import { z } from "zod";
import { describeModels } from "@/lib/ai/config";
import { createModels } from "@/lib/ai/models";
import { apiError, handle, json, parseBody } from "@/lib/http/json";
import { validatePlanRequest } from "@/lib/http/plans";
import { PLAN_LIMITS } from "@/lib/plan/schema";
import { editPlan, MAX_INSTRUCTION_CHARS, PlanningError } from "@/lib/planner";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// `plan` is checked by the plan validator afterwards (400, or 413 over the step limit).
const body = z
  .object({ plan: z.unknown().refine((v) => v !== undefined), instruction: z.string().trim().min(1, "must not be empty").max(MAX_INSTRUCTION_CHARS) })
  .strict();

/**
 * Asks the planner model to change a plan. Answers with the whole plan after the change — a
 * proposal the editor shows as a diff for the user to accept or reject — and a summary.
 */
export const POST = handle(async (req: Request) => {
  const shape = await parseBody(req, body, { maxBytes: PLAN_LIMITS.maxBytes + 16_000 });
  if (!shape.ok) return shape.response;
  const v = validatePlanRequest(shape.data.plan, "plan");
  if (!v.ok) return v.response;
  const models = createModels();
  try {
    const result = await editPlan(v.plan, shape.data.instruction, { model: models.planner, signal: req.signal });
    return json({
      proposal: result.proposal,
      summary: result.summary,
      warnings: result.warnings.map(({ path, message }) => ({ path, message })),
      attempts: result.attempts,
      model: describeModels(models.settings),
    });
  } catch (e) {
    if (e instanceof PlanningError) return apiError(422, e.message, e.issues.length ? e.issues : undefined);
    return apiError(502, `the planner model failed: ${(e as Error).message}`);
  }
});
