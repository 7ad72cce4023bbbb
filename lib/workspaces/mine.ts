// The workspaces a person belongs to (the switcher's list) and creating a team workspace. Both run
// as the user under RLS: the policies decide what is listed and who may create, and the migration's
// trigger makes the creator the new workspace's owner and approver.
import { randomUUID } from "node:crypto";
import type { Database } from "../db/client";
import { asUserSql } from "../db/rls";
import type { Role } from "./roles";

export interface MyWorkspace {
  id: string;
  name: string;
  personal: boolean;
  role: Role;
  approver: boolean;
  members: number;
  createdAt: string;
}

export const WORKSPACE_NAME_MAX = 100;

/** The user's workspaces: the personal one first, then the teams by name. */
export async function listMyWorkspaces(db: Database, user: { id: string }): Promise<MyWorkspace[]> {
  const rows = await asUserSql(db, user, (tx) =>
    tx.query<{ id: string; name: string; personal: boolean; role: Role; approver: boolean; members: number; created_at: Date | string }>(
      `select w.id, w.name, w.personal, m.role, m.approver, w.created_at,
              (select count(*)::int from public.memberships o where o.workspace_id = w.id) as members
         from public.workspaces w
         join public.memberships m on m.workspace_id = w.id and m.user_id = $1
        order by w.personal desc, lower(w.name), w.created_at, w.id`,
      [user.id],
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    personal: r.personal,
    role: r.role,
    approver: r.approver,
    members: Number(r.members),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/**
 * A new team workspace named `name`, owned by `user`. The id is chosen here and the row read back
 * after the insert: the creator's membership (hence their right to read the row) comes from an
 * AFTER trigger, which a RETURNING clause would not wait for.
 */
export async function createWorkspace(db: Database, user: { id: string }, name: string): Promise<MyWorkspace> {
  const id = randomUUID();
  await asUserSql(db, user, (tx) => tx.query("insert into public.workspaces (id, name, created_by) values ($1, $2, $3)", [id, name.trim(), user.id]));
  const made = (await listMyWorkspaces(db, user)).find((w) => w.id === id);
  if (!made) throw new Error(`workspace ${id} was created but is not readable by its creator`);
  return made;
}
