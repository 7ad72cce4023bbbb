import { handle, json } from "@/lib/http/json";
import { dbAndUser } from "@/lib/runs/http";
import { starterBySlug, starterVersionJson, templateErrorResponse, versionJson } from "@/lib/templates/http";
import { getVersion } from "@/lib/templates/store";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ templateId: string }> };

/** The template's latest version (a starter's only version). */
export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const { templateId } = await ctx.params;
  const starter = starterBySlug(templateId);
  if (starter) return json(starterVersionJson(starter));
  const { db, user } = await dbAndUser();
  try {
    return json(versionJson(await getVersion(db, user, templateId)));
  } catch (e) {
    return templateErrorResponse(e);
  }
});
