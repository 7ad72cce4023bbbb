// The workspace a request acts in: an API token's own workspace (a token reaches nothing else);
// else the one the `planvas.workspace` cookie chooses, while the person is a member of it; else
// their personal workspace (every user has exactly one; supabase/migrations/20261202000000_workspaces.sql).
import type { Database } from "../db/client";
import { asUserSql } from "../db/rls";
import { isUuid } from "../ids";
import { UnauthenticatedError } from "../auth/user";
import type { Role } from "./roles";

/** Who asks, and what their request says about the workspace (lib/auth's User carries both fields). */
export interface WorkspaceAsker {
  id: string;
  tokenWorkspaceId?: string;
  chosenWorkspaceId?: string;
}

export interface CurrentWorkspace {
  id: string;
  name: string;
  personal: boolean;
  role: Role;
  approver: boolean;
}

/**
 * The current workspace with the asker's membership in it. Read as the user, under RLS: a workspace
 * they are not a member of is invisible, so a stale or forged cookie falls back to the personal one.
 */
export async function currentWorkspace(db: Database, user: WorkspaceAsker): Promise<CurrentWorkspace> {
  const wanted = user.tokenWorkspaceId ?? user.chosenWorkspaceId;
  const rows = await asUserSql(db, user, (tx) =>
    tx.query<{ id: string; name: string; personal: boolean; role: Role; approver: boolean }>(
      `select w.id, w.name, w.personal, m.role, m.approver
         from public.workspaces w
         join public.memberships m on m.workspace_id = w.id and m.user_id = $1
        where w.id = $2::uuid or (w.personal and w.created_by = $1)
        order by (w.id = $2::uuid) desc nulls last
        limit 1`,
      [user.id, isUuid(wanted) ? wanted : null],
    ),
  );
  const row = rows[0];
  if (!row) throw new Error(`user ${user.id} has no personal workspace`);
  // A token whose membership ended between authentication and here acts nowhere else.
  if (user.tokenWorkspaceId && row.id !== user.tokenWorkspaceId)
    throw new UnauthenticatedError("the API token's owner is no longer a member of its workspace; create a new token");
  return row;
}

export async function currentWorkspaceId(db: Database, user: WorkspaceAsker): Promise<string> {
  return (await currentWorkspace(db, user)).id;
}
