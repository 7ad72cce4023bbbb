// The workspace a request acts in. Until the workspace switcher exists, that is the user's personal
// workspace (every user has exactly one; supabase/migrations/20261202000000_workspaces.sql).
import type { Database } from "../db/client";
import { asUserSql } from "../db/rls";

export async function currentWorkspaceId(db: Database, user: { id: string }): Promise<string> {
  const [row] = await asUserSql(db, user, (tx) => tx.query<{ id: string }>("select id from public.workspaces where personal and created_by = $1", [user.id]));
  if (!row) throw new Error(`user ${user.id} has no personal workspace`);
  return row.id;
}
