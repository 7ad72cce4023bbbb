// Members of a workspace: who they are, and re-roling and removing them. Every change runs as the
// acting user, so the RLS policies of supabase/migrations/20261202000000_workspaces.sql decide too;
// the checks here come first so a refusal names its rule (a policy only hides rows).
import type { Database } from "../db/client";
import { asUserSql } from "../db/rls";
import { refusal, ROLES, type Member, type Role } from "./roles";

export class MemberError extends Error {
  constructor(
    readonly status: 403 | 404 | 409,
    readonly rule: "not_allowed" | "not_member" | "unknown_member" | "last_owner" | "personal",
    message: string,
  ) {
    super(message);
    this.name = "MemberError";
  }
}

export interface MemberRow {
  userId: string;
  name: string;
  email: string | null;
  role: Role;
  approver: boolean;
  joinedAt: string;
}

export interface PendingInvitation {
  id: string;
  role: Exclude<Role, "owner">;
  approver: boolean;
  email: string | null;
  createdAt: string;
  expiresAt: string;
  createdBy: string | null;
}

export interface WorkspaceMembers {
  workspace: { id: string; name: string; personal: boolean };
  me: Member;
  members: MemberRow[];
  /** Pending (not accepted, revoked or expired) invitations; only for owners and admins, else null. */
  invitations: PendingInvitation[] | null;
}

const iso = (v: Date | string) => new Date(v).toISOString();
type Tx = Parameters<Parameters<typeof asUserSql>[2]>[0];

async function membershipOf(tx: Tx, workspaceId: string, userId: string): Promise<Member | null> {
  const [row] = await tx.query<{ role: Role; approver: boolean }>("select role, approver from public.memberships where workspace_id = $1 and user_id = $2", [
    workspaceId,
    userId,
  ]);
  return row ? { userId, role: row.role, approver: row.approver } : null;
}

/** The acting user's membership of `workspaceId`, or null when they are not a member. */
export function memberOf(db: Database, user: { id: string }, workspaceId: string): Promise<Member | null> {
  return asUserSql(db, user, (tx) => membershipOf(tx, workspaceId, user.id));
}

const LAST_OWNER = /keeps at least one owner/;
const lastOwner = () =>
  new MemberError(409, "last_owner", "a workspace keeps at least one owner: make another member owner first, then change or remove this one");

/** The workspace's members (owners first, then by name) as the acting user may see them. */
export async function listMembers(db: Database, user: { id: string }, workspaceId: string): Promise<WorkspaceMembers> {
  const seen = await asUserSql(db, user, async (tx) => {
    const me = await membershipOf(tx, workspaceId, user.id);
    if (!me) return null;
    const [workspace] = await tx.query<{ id: string; name: string; personal: boolean }>("select id, name, personal from public.workspaces where id = $1", [
      workspaceId,
    ]);
    const members = await tx.query<{ user_id: string; role: Role; approver: boolean; created_at: Date | string; display_name: string | null }>(
      `select m.user_id, m.role, m.approver, m.created_at, p.display_name
       from public.memberships m left join public.profiles p on p.id = m.user_id where m.workspace_id = $1`,
      [workspaceId],
    );
    const invitations = refusal(me, "manage_members")
      ? null
      : await tx.query<{
          id: string;
          role: Exclude<Role, "owner">;
          approver: boolean;
          email: string | null;
          created_at: Date | string;
          expires_at: Date | string;
          created_by: string | null;
        }>(
          `select id, role, approver, email, created_at, expires_at, created_by from public.invitations
           where workspace_id = $1 and accepted_at is null and revoked_at is null and expires_at > now() order by created_at desc`,
          [workspaceId],
        );
    return { me, workspace: workspace!, members, invitations };
  });
  if (!seen) throw new MemberError(403, "not_member", "you are not a member of this workspace");
  // Email addresses live in auth.users, which the API roles cannot read: looked up, as the app's own
  // connection, for the members RLS showed only.
  const ids = seen.members.map((m) => m.user_id);
  const emails = new Map(
    (await db.query<{ id: string; email: string | null }>("select id::text, email from auth.users where id = any($1::uuid[])", [ids])).map((r) => [
      r.id,
      r.email,
    ]),
  );
  const members = seen.members
    .map((m) => ({
      userId: m.user_id,
      name: m.display_name || emails.get(m.user_id) || "Unnamed member",
      email: emails.get(m.user_id) ?? null,
      role: m.role,
      approver: m.approver,
      joinedAt: iso(m.created_at),
    }))
    .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.name.localeCompare(b.name));
  const me = { ...seen.me, name: members.find((m) => m.userId === user.id)?.name };
  return {
    workspace: seen.workspace,
    me,
    members,
    invitations:
      seen.invitations?.map((i) => ({
        id: i.id,
        role: i.role,
        approver: i.approver,
        email: i.email,
        createdAt: iso(i.created_at),
        expiresAt: iso(i.expires_at),
        createdBy: i.created_by,
      })) ?? null,
  };
}

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Error && LAST_OWNER.test(e.message)) throw lastOwner();
    throw e;
  }
}

/** Changes a member's role and/or approver capability. Owners and admins; only owners touch owners. */
export function updateMember(
  db: Database,
  by: { id: string },
  workspaceId: string,
  userId: string,
  change: { role?: Role; approver?: boolean },
): Promise<{ userId: string; role: Role; approver: boolean }> {
  return guarded(() =>
    asUserSql(db, by, async (tx) => {
      const me = await membershipOf(tx, workspaceId, by.id);
      const denied = refusal(me, "manage_members");
      if (denied) throw new MemberError(403, me ? "not_allowed" : "not_member", denied);
      const target = await membershipOf(tx, workspaceId, userId);
      if (!target) throw new MemberError(404, "unknown_member", "no member of this workspace has this id");
      const role = change.role ?? target.role;
      if (target.role === "owner" || role === "owner") {
        const ownersOnly = refusal(me, "manage_owners");
        if (ownersOnly) throw new MemberError(403, "not_allowed", `making or unmaking an owner: ${ownersOnly}`);
      }
      if (role === "owner" && target.role !== "owner") {
        const [ws] = await tx.query<{ personal: boolean }>("select personal from public.workspaces where id = $1", [workspaceId]);
        if (ws?.personal) throw new MemberError(409, "personal", "a personal workspace has one owner, the person it belongs to; make them an admin instead");
      }
      const approver = change.approver ?? target.approver;
      const [row] = await tx.query<{ role: Role; approver: boolean }>(
        "update public.memberships set role = $3, approver = $4 where workspace_id = $1 and user_id = $2 returning role, approver",
        [workspaceId, userId, role, approver],
      );
      if (!row) throw new MemberError(403, "not_allowed", "you may not change this member");
      return { userId, role: row.role, approver: row.approver };
    }),
  );
}

/** Removes a member (owners and admins; only owners remove owners), or lets a member leave. */
export function removeMember(db: Database, by: { id: string }, workspaceId: string, userId: string): Promise<{ left: boolean }> {
  return guarded(() =>
    asUserSql(db, by, async (tx) => {
      const me = await membershipOf(tx, workspaceId, by.id);
      if (!me) throw new MemberError(403, "not_member", "you are not a member of this workspace");
      const self = userId === by.id;
      const target = self ? me : await membershipOf(tx, workspaceId, userId);
      if (!target) throw new MemberError(404, "unknown_member", "no member of this workspace has this id");
      if (!self) {
        const denied = refusal(me, target.role === "owner" ? "manage_owners" : "manage_members");
        if (denied) throw new MemberError(403, "not_allowed", target.role === "owner" ? `removing an owner: ${denied}` : denied);
      } else {
        const [ws] = await tx.query<{ personal: boolean; created_by: string | null }>("select personal, created_by from public.workspaces where id = $1", [
          workspaceId,
        ]);
        if (ws?.personal && ws.created_by === by.id) throw new MemberError(409, "personal", "you cannot leave your personal workspace");
      }
      const rows = await tx.query("delete from public.memberships where workspace_id = $1 and user_id = $2 returning 1", [workspaceId, userId]);
      if (!rows.length) throw new MemberError(403, "not_allowed", "you may not remove this member");
      return { left: self };
    }),
  );
}
