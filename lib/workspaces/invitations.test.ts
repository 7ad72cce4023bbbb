import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/client";
import { asService, asUserSql, ensureUser } from "../db/rls";
import { openTestDatabase, testBackends } from "../db/testing";
import { acceptInvitation, createInvitation, InvitationError, readInvitation, revokeInvitation } from "./invitations";
import { authenticateToken, authenticateTokenUser, createToken, revokeToken, TokenError } from "./tokens";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const olga = { id: id(21), email: "olga@example.com", name: "Olga" };
const eli = { id: id(22), email: "eli@example.com", name: "Eli" };
const vic = { id: id(23), email: "vic@example.com", name: "Vic" };
const xan = { id: id(24), email: "xan@example.com", name: "Xan" };
const TEAM = id(120);

describe.each(testBackends)("invitations and API tokens on %s", (backend) => {
  let db: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    for (const u of [olga, eli, vic, xan]) await ensureUser(db, u);
    await asUserSql(db, olga, (tx) => tx.query("insert into public.workspaces (id, name) values ($1, 'Growth team')", [TEAM]));
    await asService(db, (tx) => tx.query("insert into public.memberships (workspace_id, user_id, role) values ($1, $2, 'editor')", [TEAM, eli.id]));
  }, 60_000);
  afterAll(() => db?.drop());

  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => "accepted",
      (e: unknown) => (e instanceof InvitationError || e instanceof TokenError ? `${e.status} ${e.message}` : `unexpected: ${String(e)}`),
    );

  it("an owner invites by link; the invitee joins with the role; the link then stops working", async () => {
    const invite = await createInvitation(db, olga, { workspaceId: TEAM, role: "viewer", approver: true });
    expect(invite.token).toMatch(/^pvi_/);
    const stored = await db.query<{ token_hash: string }>("select token_hash from public.invitations where id = $1", [invite.id]);
    expect(stored[0]!.token_hash).not.toContain(invite.token.slice(4));
    expect(await readInvitation(db, invite.token)).toEqual({ workspaceId: TEAM, workspaceName: "Growth team", role: "viewer", approver: true });
    expect(await acceptInvitation(db, vic.id, invite.token)).toEqual({ workspaceId: TEAM, role: "viewer" });
    const [m] = await db.query("select role, approver from public.memberships where workspace_id = $1 and user_id = $2", [TEAM, vic.id]);
    expect(m).toEqual({ role: "viewer", approver: true });
    expect(await refusal(acceptInvitation(db, xan.id, invite.token))).toBe("410 this invitation was used already; each link admits one person");
  });

  it("refuses an editor's invitation, naming who may invite", async () => {
    expect(await refusal(createInvitation(db, eli, { workspaceId: TEAM, role: "viewer" }))).toBe(
      "403 only owners and admins of this workspace may invite members",
    );
  });

  it("says why a link no longer works: revoked, expired, unknown, already a member", async () => {
    const revoked = await createInvitation(db, olga, { workspaceId: TEAM, role: "editor" });
    expect(await revokeInvitation(db, eli, revoked.id)).toBe(false); // an editor may not
    expect(await revokeInvitation(db, olga, revoked.id)).toBe(true);
    expect(await refusal(acceptInvitation(db, xan.id, revoked.token))).toBe("410 this invitation was revoked; ask for a new one");

    const expired = await createInvitation(db, olga, { workspaceId: TEAM, role: "editor" });
    await db.query("update public.invitations set created_at = now() - interval '8 days', expires_at = now() - interval '1 day' where id = $1", [expired.id]);
    expect(await refusal(readInvitation(db, expired.token))).toBe("410 this invitation expired; ask for a new one");

    expect(await refusal(acceptInvitation(db, xan.id, "pvi_" + "A".repeat(43)))).toMatch(/^404 /);
    expect(await refusal(acceptInvitation(db, xan.id, "'; drop table public.invitations; --"))).toMatch(/^404 /);

    const again = await createInvitation(db, olga, { workspaceId: TEAM, role: "editor" });
    expect(await refusal(acceptInvitation(db, eli.id, again.token))).toBe("409 you are a member of Growth team already");
    // A refused acceptance leaves the link usable for the right person.
    expect(await acceptInvitation(db, xan.id, again.token)).toEqual({ workspaceId: TEAM, role: "editor" });
  });

  it("two people opening one link at once make one member", async () => {
    const invite = await createInvitation(db, olga, { workspaceId: TEAM, role: "viewer" });
    const a = { id: id(31), email: "a@example.com", name: "A" };
    const b = { id: id(32), email: "b@example.com", name: "B" };
    for (const u of [a, b]) await ensureUser(db, u);
    const results = await Promise.all([refusal(acceptInvitation(db, a.id, invite.token)), refusal(acceptInvitation(db, b.id, invite.token))]);
    expect(results.sort()).toEqual(["410 this invitation was used already; each link admits one person", "accepted"]);
  });

  it("a token's use is recorded at most once a minute, with its user's name and email read in the same statement", async () => {
    const { id: tokenId, token } = await createToken(db, eli, { workspaceId: TEAM, name: "metrics" });
    const usedAt = async () => (await db.query<{ t: string | null }>("select last_used_at::text as t from public.api_tokens where id = $1", [tokenId]))[0]!.t;
    expect(await usedAt()).toBeNull();
    expect(await authenticateTokenUser(db, token)).toEqual({ userId: eli.id, workspaceId: TEAM, tokenId, name: "Eli", email: "eli@example.com" });
    const first = await usedAt();
    expect(first).not.toBeNull();
    await authenticateToken(db, token);
    expect(await usedAt()).toBe(first); // within the minute: nothing written
    await db.query("update public.api_tokens set last_used_at = now() - interval '2 minutes' where id = $1", [tokenId]);
    const old = await usedAt();
    await authenticateToken(db, token);
    expect(await usedAt()).not.toBe(old);
  });

  it("a token stands for its user in one workspace until revoked or the member is removed", async () => {
    const { id: tokenId, token } = await createToken(db, eli, { workspaceId: TEAM, name: "CLI" });
    expect(token).toMatch(/^pvt_/);
    expect(await authenticateToken(db, token)).toEqual({ userId: eli.id, workspaceId: TEAM, tokenId });
    expect(await refusal(createToken(db, eli, { workspaceId: id(999), name: "elsewhere" }))).toBe(
      "403 you can create tokens only for workspaces you are a member of",
    );

    expect(await revokeToken(db, xan, tokenId)).toBe(false); // not theirs
    expect(await revokeToken(db, eli, tokenId)).toBe(true);
    expect(await refusal(authenticateToken(db, token))).toMatch(/^401 the API token is not valid/);

    const second = await createToken(db, eli, { workspaceId: TEAM, name: "CI" });
    await asUserSql(db, olga, (tx) => tx.query("delete from public.memberships where workspace_id = $1 and user_id = $2", [TEAM, eli.id]));
    expect(await refusal(authenticateToken(db, second.token))).toMatch(/^401 /);
    expect(await refusal(authenticateToken(db, "Bearer nonsense"))).toMatch(/^401 /);
  });
});
