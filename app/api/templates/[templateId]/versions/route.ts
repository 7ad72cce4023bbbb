import { apiError, handle, json, parseBody } from "@/lib/http/json";
import { dbAndUser } from "@/lib/runs/http";
import { publishBody, starterBySlug, templateErrorResponse } from "@/lib/templates/http";
import { publishVersion } from "@/lib/templates/store";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ templateId: string }> };

/** Publishes the next version; `baseVersion` is the one the publisher started from (409 when it moved). */
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const { templateId } = await ctx.params;
  if (starterBySlug(templateId)) return apiError(403, "starter templates ship with Planvas and cannot be changed; save a copy as a template of your own");
  const body = await parseBody(req, publishBody, { what: "invalid version" });
  if (!body.ok) return body.response;
  const { db, user } = await dbAndUser();
  try {
    const published = await publishVersion(db, user, templateId, body.data);
    return json(published, { status: 201, headers: { location: `/api/templates/${templateId}/versions/${published.version}` } });
  } catch (e) {
    return templateErrorResponse(e);
  }
});
