import { handle, json } from "@/lib/http/json";
import { dbAndUser } from "@/lib/runs/http";
import { currentWorkspaceId } from "@/lib/workspaces/current";
import { workspaceErrorResponse } from "@/lib/workspaces/members-http";
import { listMembers } from "@/lib/workspaces/members";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The current workspace's members and the caller's own role; pending invitations for owners and admins. */
export const GET = handle(async () => {
  const { db, user } = await dbAndUser();
  try {
    return json(await listMembers(db, user, await currentWorkspaceId(db, user)));
  } catch (e) {
    return workspaceErrorResponse(e);
  }
});
