import { handle, json, parseBody } from "@/lib/http/json";
import { dbAndUser } from "@/lib/runs/http";
import { templateErrorResponse } from "@/lib/templates/http";
import { templateFileSchema } from "@/lib/templates/portable";
import { createTemplate } from "@/lib/templates/store";
import { currentWorkspaceId } from "@/lib/workspaces/current";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Imports a template file (GET /api/templates/{id}/export) into the current workspace as version 1
 * of a new template. The plan and the parameters are checked as a publish checks them: a problem
 * is a 400 naming its path in the file (`plan.steps[2].toolName`, `params[0].binds[0].path`).
 */
export const POST = handle(async (req: Request) => {
  const file = await parseBody(req, templateFileSchema, { what: "not a Planvas template file" });
  if (!file.ok) return file.response;
  const { db, user } = await dbAndUser();
  try {
    const { name, description, plan, params, exportedVersion } = file.data;
    const created = await createTemplate(db, user, {
      workspaceId: await currentWorkspaceId(db, user),
      name,
      description,
      plan,
      params,
      changeNote: exportedVersion ? `Imported from a file (exported version ${exportedVersion})` : "Imported from a file",
    });
    return json({ ...created, notes: file.data.notes ?? [] }, { status: 201, headers: { location: `/api/templates/${created.id}` } });
  } catch (e) {
    return templateErrorResponse(e);
  }
});
