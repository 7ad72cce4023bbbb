import { handle, json, parseBody } from "@/lib/http/json";
import { dbAndUser } from "@/lib/runs/http";
import { createTemplateBody, starterJson, summaryJson, templateErrorResponse } from "@/lib/templates/http";
import { STARTERS } from "@/lib/templates/starters";
import { createTemplate, listTemplates } from "@/lib/templates/store";
import { currentWorkspaceId } from "@/lib/workspaces/current";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The workspace's templates, newest first, then the starter templates that ship with Planvas. */
export const GET = handle(async () => {
  const { db, user } = await dbAndUser();
  const own = await listTemplates(db, user, await currentWorkspaceId(db, user));
  return json({ templates: [...own.map(summaryJson), ...STARTERS.map(starterJson)] });
});

/** Publishes a plan with parameters as template version 1. */
export const POST = handle(async (req: Request) => {
  const body = await parseBody(req, createTemplateBody, { what: "invalid template" });
  if (!body.ok) return body.response;
  const { db, user } = await dbAndUser();
  try {
    const created = await createTemplate(db, user, { ...body.data, workspaceId: await currentWorkspaceId(db, user) });
    return json(created, { status: 201, headers: { location: `/api/templates/${created.id}` } });
  } catch (e) {
    return templateErrorResponse(e);
  }
});
