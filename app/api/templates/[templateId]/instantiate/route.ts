import { apiError, handle, json, parseBody } from "@/lib/http/json";
import { dbAndUser } from "@/lib/runs/http";
import { instantiateBody, starterBySlug, templateErrorResponse } from "@/lib/templates/http";
import { instantiate } from "@/lib/templates/params";
import { planFromTemplate } from "@/lib/templates/store";
import { validatePlan } from "@/lib/plan";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ templateId: string }> };

/** The plan a template version makes with these parameter values (not saved: the caller saves or runs it). */
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const { templateId } = await ctx.params;
  const body = await parseBody(req, instantiateBody, { what: "invalid parameters" });
  if (!body.ok) return body.response;
  const starter = starterBySlug(templateId);
  if (starter) {
    if (body.data.version !== undefined && body.data.version !== 1)
      return apiError(404, `starter template ${templateId} has only version 1`, [{ path: "version", message: "1" }]);
    const v = validatePlan(starter.plan);
    if (!v.ok) throw new Error(`starter template ${templateId} is not a valid plan`); // lib/templates/starters.test.ts keeps this from happening
    const made = instantiate(v.plan, starter.params, body.data.params);
    if (made.problems.length) return apiError(400, "the parameter values do not fit", made.problems);
    return json({ templateId, version: 1, plan: made.plan, values: made.values });
  }
  const { db, user } = await dbAndUser();
  try {
    const made = await planFromTemplate(db, user, templateId, body.data.version, body.data.params);
    return json({ templateId, ...made });
  } catch (e) {
    return templateErrorResponse(e);
  }
});
