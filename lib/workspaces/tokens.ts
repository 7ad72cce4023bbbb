// Personal API tokens: created by a member for one workspace, shown once, stored as sha-256, revoked
// by their owner. `authenticateToken` is what the HTTP API does with `Authorization: Bearer …`.
import type { Database } from "../db/client";
import { asUserSql } from "../db/rls";
import { hashSecret, isSecret, newSecret } from "./secrets";

export class TokenError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
    this.name = "TokenError";
  }
}

export async function createToken(db: Database, user: { id: string }, input: { workspaceId: string; name: string }): Promise<{ id: string; token: string }> {
  const { secret, hash } = newSecret("token");
  try {
    const [row] = await asUserSql(db, user, (tx) =>
      tx.query<{ id: string }>("insert into public.api_tokens (workspace_id, name, token_hash) values ($1, $2, $3) returning id", [
        input.workspaceId,
        input.name.trim(),
        hash,
      ]),
    );
    return { id: row!.id, token: secret };
  } catch (e) {
    if (/row-level security/.test((e as Error).message)) throw new TokenError(403, "you can create tokens only for workspaces you are a member of");
    throw e;
  }
}

export async function revokeToken(db: Database, user: { id: string }, tokenId: string): Promise<boolean> {
  const rows = await asUserSql(db, user, (tx) =>
    tx.query("update public.api_tokens set revoked_at = now() where id = $1 and revoked_at is null returning 1", [tokenId]),
  );
  return rows.length === 1;
}

/**
 * The user and workspace a bearer token stands for. A token outlives neither its revocation nor its
 * owner's membership: removing a member makes their tokens fail at once.
 */
export async function authenticateToken(db: Database, token: string): Promise<{ userId: string; workspaceId: string; tokenId: string }> {
  const { userId, workspaceId, tokenId } = await authenticateTokenUser(db, token);
  return { userId, workspaceId, tokenId };
}

/** authenticateToken with the user's display name and email, in the same statement. */
export async function authenticateTokenUser(
  db: Database,
  token: string,
): Promise<{ userId: string; workspaceId: string; tokenId: string; name: string | null; email: string | null }> {
  const refused = new TokenError(401, "the API token is not valid (revoked, or never issued); create one in the user menu");
  if (!isSecret(token, "token")) throw refused;
  // One statement on the app's own connection (auth.users is not granted to the API roles). It
  // writes last_used_at at most once a minute, so most requests commit nothing.
  const [row] = await db.query<{ id: string; user_id: string; workspace_id: string; name: string | null; email: string | null }>(
    `with t as (select t.id, t.user_id, t.workspace_id, t.last_used_at from public.api_tokens t
                 where t.token_hash = $1 and t.revoked_at is null
                   and exists (select 1 from public.memberships m where m.workspace_id = t.workspace_id and m.user_id = t.user_id)),
          used as (update public.api_tokens a set last_used_at = now() from t
                    where a.id = t.id and (t.last_used_at is null or t.last_used_at < now() - interval '1 minute'))
     select t.id, t.user_id, t.workspace_id, p.display_name as name, u.email
       from t left join auth.users u on u.id = t.user_id left join public.profiles p on p.id = t.user_id`,
    [hashSecret(token)],
  );
  if (!row) throw refused;
  return { userId: row.user_id, workspaceId: row.workspace_id, tokenId: row.id, name: row.name, email: row.email };
}

export interface TokenSummary {
  id: string;
  name: string;
  workspace: { id: string; name: string };
  createdAt: string;
  lastUsedAt: string | null;
}

/** The user's tokens that still work, newest first (the secret itself is never stored, so never listed). */
export async function listTokens(db: Database, user: { id: string }): Promise<TokenSummary[]> {
  const rows = await asUserSql(db, user, (tx) =>
    tx.query<{ id: string; name: string; workspace_id: string; workspace_name: string | null; created_at: Date | string; last_used_at: Date | string | null }>(
      `select t.id, t.name, t.workspace_id, w.name as workspace_name, t.created_at, t.last_used_at
         from public.api_tokens t
         left join public.workspaces w on w.id = t.workspace_id
        where t.revoked_at is null
        order by t.created_at desc, t.id`,
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    workspace: { id: r.workspace_id, name: r.workspace_name ?? "(a workspace you left)" },
    createdAt: new Date(r.created_at).toISOString(),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
  }));
}
