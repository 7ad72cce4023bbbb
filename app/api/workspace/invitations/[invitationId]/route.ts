import { apiError, handle } from "@/lib/http/json";
import { parseId } from "@/lib/http/ids";
import { dbAndUser } from "@/lib/runs/http";
import { currentWorkspaceId } from "@/lib/workspaces/current";
import { revokeInvitation } from "@/lib/workspaces/invitations";
import { memberOf } from "@/lib/workspaces/members";
import { refusal } from "@/lib/workspaces/roles";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ invitationId: string }> };

/** Revokes a pending invitation of the current workspace (owners and admins): its link stops working. */
export const DELETE = handle(async (_req: Request, ctx: Ctx) => {
  const id = parseId("invitationId", "invitation", (await ctx.params).invitationId);
  if (!id.ok) return id.response;
  const { db, user } = await dbAndUser();
  const denied = refusal(await memberOf(db, user, await currentWorkspaceId(db, user)), "manage_members");
  if (denied) return apiError(403, denied, [{ path: "invitationId", message: `not_allowed: ${denied}` }]);
  if (!(await revokeInvitation(db, user, id.id)))
    return apiError(404, "no pending invitation has this id (it was used, revoked already, or never existed)", [
      { path: "invitationId", message: "no pending invitation has this id" },
    ]);
  return new Response(null, { status: 204 });
});
