import { handle, json, parseBody } from "@/lib/http/json";
import { dbAndUser } from "@/lib/runs/http";
import { instantiateBody, templateErrorResponse } from "@/lib/templates/http";
import { instantiateTemplate } from "@/lib/templates/store";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ templateId: string }> };

/** The plan a template version makes with these parameter values (not saved: the caller saves or runs it). */
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const { templateId } = await ctx.params;
  const body = await parseBody(req, instantiateBody, { what: "invalid parameters" });
  if (!body.ok) return body.response;
  const { db, user } = await dbAndUser();
  try {
    return json({ templateId, ...(await instantiateTemplate(db, user, templateId, body.data.version, body.data.params)) });
  } catch (e) {
    return templateErrorResponse(e);
  }
});
