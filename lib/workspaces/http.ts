// What the route handlers share about workspaces: the current one with the role checked, in the
// API's error shape (403 naming the role, from roles.ts).
import { apiError } from "../http/json";
import type { Database } from "../db/client";
import { currentWorkspace, type CurrentWorkspace, type WorkspaceAsker } from "./current";
import { asUserSql } from "../db/rls";
import { refusal, type Capability, type Role } from "./roles";

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

export type PlanAccess = { ok: true; workspaceId: string } | { ok: false; response: Response | null };

/**
 * What `user` may do with the plan `planId`, by their role in the plan's workspace: ok; a 403 naming
 * the role; or `response: null` when the plan is not theirs to see (the caller's own 404) — which is
 * also what an API token gets for a plan of another workspace.
 */
export async function planAccess(db: Database, user: WorkspaceAsker, planId: string, capability: Capability): Promise<PlanAccess> {
  const [row] = await asUserSql(db, user, (tx) =>
    tx.query<{ workspace_id: string; name: string; role: Role; approver: boolean }>(
      `select p.workspace_id, w.name, m.role, m.approver
         from public.plans p
         join public.workspaces w on w.id = p.workspace_id
         join public.memberships m on m.workspace_id = p.workspace_id and m.user_id = $2
        where p.id = $1`,
      [planId, user.id],
    ),
  );
  if (!row || (user.tokenWorkspaceId && row.workspace_id !== user.tokenWorkspaceId)) return { ok: false, response: null };
  const refused = refusal(row, capability);
  if (!refused) return { ok: true, workspaceId: row.workspace_id };
  return { ok: false, response: apiError(403, `${refused} in the workspace "${row.name}"`, [{ path: "(workspace)", message: refused }]) };
}
