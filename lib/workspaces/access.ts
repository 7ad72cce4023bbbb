// Whose a plan or document is: its workspace and the user's role there, read as the user (RLS), so
// a row they may not see is simply absent. The route handlers (./http.ts) and the runs service
// (lib/runs/permissions.ts) judge the same facts.
import type { Database } from "../db/client";
import { asUserSql } from "../db/rls";
import type { Role } from "./roles";

export type Holder = { workspace_id: string | null; name: string | null; role: Role | null; approver: boolean | null; is_sample?: boolean };

const HOLDER_OF = {
  plan: "public.plans",
  document: "public.documents",
} as const;
export type HolderKind = keyof typeof HOLDER_OF;

/** The row's workspace, its name, and the user's membership there; undefined when the user cannot see the row. */
export async function holderOf(db: Database, user: { id: string }, kind: HolderKind, id: string): Promise<Holder | undefined> {
  const sample = kind === "document" ? "r.is_sample" : "false";
  const [row] = await asUserSql(db, user, (tx) =>
    tx.query<Holder>(
      `select r.workspace_id, w.name, m.role, m.approver, ${sample} as is_sample
         from ${HOLDER_OF[kind]} r
         left join public.workspaces w on w.id = r.workspace_id
         left join public.memberships m on m.workspace_id = r.workspace_id and m.user_id = $2
        where r.id = $1`,
      [id, user.id],
    ),
  );
  return row;
}
