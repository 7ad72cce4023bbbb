import { apiError, handle, json, readQuery } from "@/lib/http/json";
import { preview } from "@/lib/plan/path";
import { validatePlan } from "@/lib/plan/validate";
import { dbAndUser } from "@/lib/runs/http";
import { starterBySlug, templateErrorResponse } from "@/lib/templates/http";
import { exportTemplate, templateFileName, type TemplateFile } from "@/lib/templates/portable";
import { getTemplate, getVersion } from "@/lib/templates/store";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ templateId: string }> };

const download = (file: TemplateFile) =>
  json(file, { headers: { "content-disposition": `attachment; filename="${templateFileName(file.name, file.exportedVersion)}"` } });

/** A template version as a file to import elsewhere (`?version=N`, default the latest). */
export const GET = handle(async (req: Request, ctx: Ctx) => {
  const { templateId } = await ctx.params;
  const query = readQuery(req);
  if (!query.ok) return query.response;
  const raw = query.params.get("version");
  if (raw !== null && !/^[1-9]\d{0,8}$/.test(raw))
    return apiError(400, `version must be a positive integer (got ${preview(raw)})`, [{ path: "version", message: "must be a positive integer" }]);
  const starter = starterBySlug(templateId);
  if (starter) {
    if (raw !== null && raw !== "1") return apiError(404, `starter template ${templateId} has only version 1`, [{ path: "version", message: "1" }]);
    const v = validatePlan(starter.plan);
    if (!v.ok) return apiError(500, `starter template ${templateId} is not valid`);
    return download(
      exportTemplate({
        name: starter.name,
        description: starter.description,
        version: 1,
        changeNote: "Ships with Planvas",
        plan: v.plan,
        params: starter.params,
      }),
    );
  }
  const { db, user } = await dbAndUser();
  try {
    const t = await getTemplate(db, user, templateId);
    const v = await getVersion(db, user, templateId, raw === null ? undefined : Number(raw));
    return download(exportTemplate({ name: t.name, description: t.description, version: v.version, changeNote: v.changeNote, plan: v.plan, params: v.params }));
  } catch (e) {
    return templateErrorResponse(e);
  }
});
