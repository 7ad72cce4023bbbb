import { z } from "zod";
import { apiError, handle, json, parseBody } from "@/lib/http/json";
import { MAX_GOAL_CHARS } from "@/lib/planner";
import { validatePlan } from "@/lib/plan/validate";
import { dbAndUser } from "@/lib/runs/http";
import { STARTERS } from "@/lib/templates/starters";
import { getVersion, listTemplates } from "@/lib/templates/store";
import { suggestTemplate, type TemplateCandidate } from "@/lib/templates/suggest";
import { currentWorkspaceId } from "@/lib/workspaces/current";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const body = z.object({ goal: z.string().trim().min(1, "must not be empty").max(MAX_GOAL_CHARS), plan: z.unknown() }).strict();

/**
 * The template that fits a goal, given the plan the planner made for it: the workspace's templates
 * and the starters, compared step by step (lib/templates/suggest.ts). `{"suggestion": null}` when
 * none fits well enough to offer.
 */
export const POST = handle(async (req: Request) => {
  const parsed = await parseBody(req, body, { what: "invalid suggestion request" });
  if (!parsed.ok) return parsed.response;
  const plan = validatePlan(parsed.data.plan);
  if (!plan.ok)
    return apiError(
      400,
      "the plan is not valid",
      plan.issues.map((i) => ({ path: `plan.${i.path}`, message: i.message })),
    );
  const { db, user } = await dbAndUser();
  const candidates: TemplateCandidate[] = [];
  for (const t of await listTemplates(db, user, await currentWorkspaceId(db, user))) {
    const v = await getVersion(db, user, t.id, t.latestVersion);
    candidates.push({ id: t.id, name: t.name, description: t.description, version: v.version, plan: v.plan, params: v.params });
  }
  for (const s of STARTERS) {
    const v = validatePlan(s.plan);
    if (v.ok) candidates.push({ id: s.slug, name: s.name, description: s.description, version: 1, plan: v.plan, params: s.params });
  }
  return json({ suggestion: suggestTemplate(parsed.data.goal, plan.plan, candidates) });
});
