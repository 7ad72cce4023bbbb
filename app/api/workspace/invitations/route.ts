import { publicUrl } from "@/lib/auth/local/instance";
import { handle, json, parseBody } from "@/lib/http/json";
import { dbAndUser } from "@/lib/runs/http";
import { currentWorkspaceId } from "@/lib/workspaces/current";
import { createInvitationBody, invitationPath, workspaceErrorResponse } from "@/lib/workspaces/members-http";
import { createInvitation } from "@/lib/workspaces/invitations";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Creates an invitation link into the current workspace (owners and admins). The link carries the
 * token, answered this once: only its hash is stored.
 */
export const POST = handle(async (req: Request) => {
  const body = await parseBody(req, createInvitationBody, { what: "invalid invitation" });
  if (!body.ok) return body.response;
  const { db, user } = await dbAndUser();
  try {
    const invite = await createInvitation(db, user, { ...body.data, workspaceId: await currentWorkspaceId(db, user) });
    return json({ id: invite.id, url: `${publicUrl()}${invitationPath(invite.token)}`, expiresAt: invite.expiresAt.toISOString() }, { status: 201 });
  } catch (e) {
    return workspaceErrorResponse(e);
  }
});
