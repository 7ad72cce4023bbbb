// What the route handlers share about workspaces: the current one with the role checked, in the
// API's error shape (403 naming the role, from roles.ts).
import { apiError } from "../http/json";
import type { Database } from "../db/client";
import { currentWorkspace, type CurrentWorkspace, type WorkspaceAsker } from "./current";
import { holderOf, type Holder, type HolderKind } from "./access";
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

export type RowAccess = { ok: true; workspaceId: string | null } | { ok: false; response: Response | null };

/** The rule for one row the user can see (`row`), or cannot (undefined): see planAccess. */
function judge(user: WorkspaceAsker, row: Holder | undefined, capability: Capability): RowAccess {
  if (!row) return { ok: false, response: null };
  // Samples belong to no workspace: every member may read them, and RLS decides who removes them.
  if (row.is_sample) return { ok: true, workspaceId: null };
  if (user.tokenWorkspaceId && row.workspace_id !== user.tokenWorkspaceId) return { ok: false, response: null };
  const member = row.role ? { role: row.role, approver: Boolean(row.approver) } : null;
  const refused = refusal(member, capability);
  if (!refused) return { ok: true, workspaceId: row.workspace_id };
  return { ok: false, response: apiError(403, `${refused} in the workspace "${row.name ?? ""}"`, [{ path: "(workspace)", message: refused }]) };
}

/**
 * What `user` may do with the plan or document `id`, by their role in its workspace: ok; a 403
 * naming the role; or `response: null` when it is not theirs to see (the caller's own 404) — which
 * is also what an API token gets for a row of another workspace.
 */
export async function rowAccess(db: Database, user: WorkspaceAsker, kind: HolderKind, id: string, capability: Capability): Promise<RowAccess> {
  return judge(user, await holderOf(db, user, kind, id), capability);
}

/** rowAccess for a plan. */
export const planAccess = (db: Database, user: WorkspaceAsker, planId: string, capability: Capability) => rowAccess(db, user, "plan", planId, capability);
