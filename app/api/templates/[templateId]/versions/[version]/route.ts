import { apiError, handle, json } from "@/lib/http/json";
import { preview } from "@/lib/plan/path";
import { dbAndUser } from "@/lib/runs/http";
import { starterBySlug, starterVersionJson, templateErrorResponse, versionJson } from "@/lib/templates/http";
import { getVersion } from "@/lib/templates/store";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ templateId: string; version: string }> };

export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const { templateId, version } = await ctx.params;
  if (!/^[1-9]\d{0,8}$/.test(version))
    return apiError(400, `version must be a positive integer (got ${preview(version)})`, [{ path: "version", message: "must be a positive integer" }]);
  const starter = starterBySlug(templateId);
  if (starter)
    return version === "1"
      ? json(starterVersionJson(starter))
      : apiError(404, `starter template ${templateId} has only version 1`, [{ path: "version", message: "1" }]);
  const { db, user } = await dbAndUser();
  try {
    return json(versionJson(await getVersion(db, user, templateId, Number(version))));
  } catch (e) {
    return templateErrorResponse(e);
  }
});
