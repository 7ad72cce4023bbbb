import { handle, json, parseBody } from "@/lib/http/json";
import { parseId } from "@/lib/http/ids";
import { dbAndUser } from "@/lib/runs/http";
import { currentWorkspaceId } from "@/lib/workspaces/current";
import { updateMemberBody, workspaceErrorResponse } from "@/lib/workspaces/members-http";
import { removeMember, updateMember } from "@/lib/workspaces/members";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ userId: string }> };

/** Re-roles a member or changes their approver capability (owners and admins; only owners touch owners). */
export const PATCH = handle(async (req: Request, ctx: Ctx) => {
  const id = parseId("userId", "member", (await ctx.params).userId);
  if (!id.ok) return id.response;
  const body = await parseBody(req, updateMemberBody, { what: "invalid member change" });
  if (!body.ok) return body.response;
  const { db, user } = await dbAndUser();
  try {
    return json(await updateMember(db, user, await currentWorkspaceId(db, user), id.id, body.data));
  } catch (e) {
    return workspaceErrorResponse(e, "userId");
  }
});

/** Removes a member (owners and admins), or — one's own id — leaves the workspace. */
export const DELETE = handle(async (_req: Request, ctx: Ctx) => {
  const id = parseId("userId", "member", (await ctx.params).userId);
  if (!id.ok) return id.response;
  const { db, user } = await dbAndUser();
  try {
    await removeMember(db, user, await currentWorkspaceId(db, user), id.id);
    return new Response(null, { status: 204 });
  } catch (e) {
    return workspaceErrorResponse(e, "userId");
  }
});
