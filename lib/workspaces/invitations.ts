// Invitations: an owner or admin creates a link with a role; whoever opens it while it is valid
// becomes a member. Creating and revoking run as the inviting user (RLS decides who may); accepting
// runs as service role, because the invitee is not a member yet — the checks here are the rules.
import type { Database } from "../db/client";
import { asService, asUserSql } from "../db/rls";
import type { Role } from "./roles";
import { hashSecret, isSecret, newSecret } from "./secrets";

export class InvitationError extends Error {
  constructor(
    readonly status: 403 | 404 | 409 | 410,
    readonly rule: "not_allowed" | "unknown" | "expired" | "revoked" | "used" | "already_member",
    message: string,
  ) {
    super(message);
    this.name = "InvitationError";
  }
}

export interface NewInvitation {
  id: string;
  /** Shown once, in the link; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

const DAY = 24 * 60 * 60 * 1000;

export async function createInvitation(
  db: Database,
  by: { id: string },
  input: { workspaceId: string; role: Exclude<Role, "owner">; approver?: boolean; email?: string; ttlDays?: number },
): Promise<NewInvitation> {
  const { secret, hash } = newSecret("invite");
  const expiresAt = new Date(Date.now() + (input.ttlDays ?? 7) * DAY);
  try {
    const [row] = await asUserSql(db, by, (tx) =>
      tx.query<{ id: string }>(
        "insert into public.invitations (workspace_id, role, approver, token_hash, email, created_by, expires_at) values ($1, $2, $3, $4, $5, $6, $7) returning id",
        [input.workspaceId, input.role, input.approver ?? false, hash, input.email ?? null, by.id, expiresAt.toISOString()],
      ),
    );
    return { id: row!.id, token: secret, expiresAt };
  } catch (e) {
    if (/row-level security/.test((e as Error).message))
      throw new InvitationError(403, "not_allowed", "only owners and admins of this workspace may invite members");
    throw e;
  }
}

/** Revokes an invitation; false when the user may not see it (not an owner or admin) or it is gone. */
export async function revokeInvitation(db: Database, by: { id: string }, invitationId: string): Promise<boolean> {
  const rows = await asUserSql(db, by, (tx) =>
    tx.query("update public.invitations set revoked_at = now() where id = $1 and revoked_at is null and accepted_at is null returning 1", [invitationId]),
  );
  return rows.length === 1;
}

interface InvitationRow extends Record<string, unknown> {
  id: string;
  workspace_id: string;
  workspace_name: string;
  role: Exclude<Role, "owner">;
  approver: boolean;
  expires_at: Date | string;
  accepted_at: Date | string | null;
  revoked_at: Date | string | null;
}

/** What a link invites to, for the page that opens it; an error says why it no longer works. */
export async function readInvitation(
  db: Database,
  token: string,
): Promise<{ workspaceId: string; workspaceName: string; role: Exclude<Role, "owner">; approver: boolean }> {
  const row = await asService(db, (tx) => findUsable(tx, token));
  return { workspaceId: row.workspace_id, workspaceName: row.workspace_name, role: row.role, approver: row.approver };
}

async function findUsable(tx: Parameters<Parameters<typeof asService>[1]>[0], token: string, forUpdate = false): Promise<InvitationRow> {
  if (!isSecret(token, "invite")) throw new InvitationError(404, "unknown", "this invitation link is not valid; ask for a new one");
  const [row] = await tx.query<InvitationRow>(
    `select i.id, i.workspace_id, w.name as workspace_name, i.role, i.approver, i.expires_at, i.accepted_at, i.revoked_at
     from public.invitations i join public.workspaces w on w.id = i.workspace_id where i.token_hash = $1${forUpdate ? " for update of i" : ""}`,
    [hashSecret(token)],
  );
  if (!row) throw new InvitationError(404, "unknown", "this invitation link is not valid; ask for a new one");
  if (row.revoked_at) throw new InvitationError(410, "revoked", "this invitation was revoked; ask for a new one");
  if (row.accepted_at) throw new InvitationError(410, "used", "this invitation was used already; each link admits one person");
  if (new Date(row.expires_at).getTime() <= Date.now()) throw new InvitationError(410, "expired", "this invitation expired; ask for a new one");
  return row;
}

/**
 * Accepts an invitation for `userId`: one transaction that locks the invitation, checks it, adds the
 * membership and marks the link used — two people opening one link at once make one member.
 */
export async function acceptInvitation(db: Database, userId: string, token: string): Promise<{ workspaceId: string; role: Exclude<Role, "owner"> }> {
  return asService(db, async (tx) => {
    const row = await findUsable(tx, token, true);
    const member = await tx.query("select 1 from public.memberships where workspace_id = $1 and user_id = $2", [row.workspace_id, userId]);
    if (member.length) throw new InvitationError(409, "already_member", `you are a member of ${row.workspace_name} already`);
    await tx.query("insert into public.memberships (workspace_id, user_id, role, approver) values ($1, $2, $3, $4)", [
      row.workspace_id,
      userId,
      row.role,
      row.approver,
    ]);
    await tx.query("update public.invitations set accepted_by = $2, accepted_at = now() where id = $1", [row.id, userId]);
    return { workspaceId: row.workspace_id, role: row.role };
  });
}
