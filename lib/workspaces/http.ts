// What the route handlers share about workspaces: the current one with the role checked, in the
// API's error shape (403 naming the role, from roles.ts).
import { apiError } from "../http/json";
import type { Database } from "../db/client";
import { currentWorkspace, type CurrentWorkspace, type WorkspaceAsker } from "./current";
import { refusal, type Capability } from "./roles";

export type WorkspaceCheck = { ok: true; workspace: CurrentWorkspace } | { ok: false; response: Response };

/** The current workspace when the user may do `capability` there; else the 403 that says who may. */
export async function workspaceFor(db: Database, user: WorkspaceAsker, capability: Capability): Promise<WorkspaceCheck> {
  const workspace = await currentWorkspace(db, user);
  const refused = refusal(workspace, capability);
  if (!refused) return { ok: true, workspace };
  const message = `${refused} in the workspace "${workspace.name}"`;
  return { ok: false, response: apiError(403, message, [{ path: "(workspace)", message: refused }]) };
}

/** A token acts in its own workspace only: choosing or creating workspaces needs a signed-in session. */
export function sessionOnly(user: WorkspaceAsker, what: string): Response | null {
  if (!user.tokenWorkspaceId) return null;
  const message = `an API token acts only in its own workspace; ${what} while signed in`;
  return apiError(403, message, [{ path: "headers.Authorization", message }]);
}
