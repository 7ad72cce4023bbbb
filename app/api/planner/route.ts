import { z } from "zod";
import { describeModels } from "@/lib/ai/config";
import { createModels } from "@/lib/ai/models";
import { apiError, handle, json, parseBody } from "@/lib/http/json";
import { textStreamResponse } from "@/lib/http/stream";
import { MAX_GOAL_CHARS, planGoal, PlanningError, streamedRefusal, streamPlan } from "@/lib/planner";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const body = z.object({ goal: z.string().trim().min(1, "must not be empty").max(MAX_GOAL_CHARS) }).strict();

/** Which model plans, for the UI ("offline model" or the configured one). */
export const GET = handle(async () => {
  const { settings } = createModels();
  return json({ provider: settings.provider, description: describeModels(settings) });
});

/** A goal the planner could not plan: 422 naming `goal`, with the parts it could not map. */
function refusal(e: PlanningError): Response {
  return json({ error: e.message, issues: e.issues.length ? e.issues : [{ path: "goal", message: e.message }], notPlanned: e.notPlanned }, 422);
}

/**
 * Plans a goal. `Accept: application/json` answers with the whole validated plan and the parts of
 * the goal it could not plan (`notPlanned`); otherwise the planner's structured output streams as
 * JSON text (the canvas parses partial plans as they grow). A goal with nothing to plan is a 422
 * naming `goal` either way.
 */
export const POST = handle(async (req: Request) => {
  const shape = await parseBody(req, body, { maxBytes: 16_000 });
  if (!shape.ok) return shape.response;
  // A little pacing on the offline model's stream, so nodes arrive one by one as with a real model.
  const models = createModels(undefined, { streamChunkDelayMs: 8 });
  const { goal } = shape.data;
  if ((req.headers.get("accept") ?? "").includes("application/json")) {
    try {
      const { plan, warnings, notPlanned, attempts } = await planGoal(goal, { model: models.planner, signal: req.signal });
      return json({ plan, warnings: warnings.map(({ path, message }) => ({ path, message })), notPlanned, attempts, model: describeModels(models.settings) });
    } catch (e) {
      if (e instanceof PlanningError) return refusal(e);
      return apiError(502, `the planner model failed: ${(e as Error).message}`);
    }
  }
  const result = streamPlan(goal, { model: models.planner, signal: req.signal, onError: () => {} });
  return textStreamResponse(result.stream, {
    headers: { "x-planvas-model": models.settings.provider },
    gate: async (text, done) => {
      const decision = await streamedRefusal(text, done, goal);
      return decision instanceof PlanningError ? refusal(decision) : decision;
    },
  });
});
