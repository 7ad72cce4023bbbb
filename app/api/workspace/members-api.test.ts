import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { testRequest } from "@/lib/auth/testing/request";
import { setDatabase } from "@/lib/db";
import { openTestDatabase, testBackends } from "@/lib/db/testing";
import { setProcessSingleton } from "@/lib/singleton";
import * as invitation from "../invitations/[token]/route";
import * as plans from "../plans/route";
import * as plan from "../plans/[planId]/route";
import * as session from "../session/route";
import * as setup from "../setup/route";
import * as revoke from "./invitations/[invitationId]/route";
import * as invitations from "./invitations/route";
import * as member from "./members/[userId]/route";
import * as members from "./members/route";

// Which workspace a request acts in is the workspace switcher's choice (lib/workspaces/current.ts:
// the `planvas.workspace` cookie that joining sets, once the switcher reads it; before that, the
// personal one). So this file also says where each joined member acts — the same workspace their
// cookie names; everything else — accounts, sign-in, sessions, the routes, RLS — is real.
const actingIn = new Map<string, string>();
vi.mock("@/lib/workspaces/current", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/workspaces/current")>();
  return { ...real, currentWorkspaceId: (db: never, user: { id: string }) => actingIn.get(user.id) ?? real.currentWorkspaceId(db, user) };
});

const BASE = "http://127.0.0.1:3000";
// Sign-in is rate limited per client address (in memory, for the whole process): each backend's
// run signs in as its own client, or the second run would be refused as the first one's repeat.
let client = "10.9.0.1";
const request = (method: string, url: string, body?: unknown) =>
  new Request(`${BASE}${url}`, {
    method,
    ...(body === undefined
      ? { headers: { "x-forwarded-for": client } }
      : { body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json", "x-forwarded-for": client } }),
  });
const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });
const tokenOf = (url: string) => url.split("/invite/")[1]!;

interface Listed {
  workspace: { id: string; name: string };
  me: { userId: string; role: string; approver: boolean };
  members: { userId: string; name: string; email: string; role: string; approver: boolean; joinedAt: string }[];
  invitations: { id: string; role: string; approver: boolean; expiresAt: string }[] | null;
}

describe.each(testBackends)("members and invitations API on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const people: Record<string, { id: string; cookie: string }> = {};
  let workspaceId = "";
  let planId = "";
  let workspaceName = "";

  const as = (name: string | null) => {
    testRequest.headers = name ? { cookie: people[name]!.cookie } : {};
  };
  const list = async (name: string) => {
    as(name);
    const res = await members.GET();
    expect(res.status).toBe(200);
    return (await res.json()) as Listed;
  };
  const invite = async (body: unknown) => {
    const res = await invitations.POST(request("POST", "/api/workspace/invitations", body));
    return { status: res.status, body: (await res.json()) as { id: string; url: string; expiresAt: string; error?: string; issues?: { path: string }[] } };
  };
  const join = (token: string, body: unknown) => invitation.POST(request("POST", `/api/invitations/${token}`, body), ctx({ token }));

  beforeAll(async () => {
    client = backend === "pglite" ? "10.9.0.1" : "10.9.0.2";
    db = await openTestDatabase(backend);
    setDatabase(db);
    setProcessSingleton("local-auth", undefined);
    const res = await setup.POST(request("POST", "/api/setup", { email: "olga@example.com", password: "correct horse battery", name: "Olga" }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as { user: { id: string }; workspaceId: string };
    people.olga = { id: created.user.id, cookie: cookieOf(res) };
    workspaceId = created.workspaceId;
    as("olga");
    const made = await plans.POST(request("POST", "/api/plans", JSON.parse(readFileSync("lib/plan/fixtures/carousel.json", "utf8"))));
    expect(made.status).toBe(201);
    planId = ((await made.json()) as { id: string }).id;
  }, 60_000);
  afterEach(() => {
    testRequest.headers = null;
  });
  afterAll(async () => {
    setProcessSingleton("local-auth", undefined);
    setDatabase(undefined);
    await db?.drop();
  });

  it("the owner sees themselves and no invitations yet", async () => {
    const seen = await list("olga");
    expect(seen.me).toMatchObject({ userId: people.olga!.id, role: "owner", approver: true });
    expect(seen.members).toEqual([expect.objectContaining({ name: "Olga", email: "olga@example.com", role: "owner", approver: true })]);
    expect(seen.invitations).toEqual([]);
    workspaceName = seen.workspace.name;
  });

  it("invites by link; signed out, the invitee creates an account, joins, is signed in and sees the workspace's plans", async () => {
    as("olga");
    const { status, body } = await invite({ role: "editor", approver: true });
    expect(status).toBe(201);
    expect(body.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/invite\/pvi_[A-Za-z0-9_-]{43}$/);
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    const token = tokenOf(body.url);
    expect((await list("olga")).invitations).toEqual([expect.objectContaining({ id: body.id, role: "editor", approver: true })]);

    as(null);
    const shown = await invitation.GET(request("GET", `/api/invitations/${token}`), ctx({ token }));
    expect(await shown.json()).toEqual({ workspace: { name: workspaceName }, role: "editor", approver: true });

    // Bad input names the field, and leaves the link usable.
    const short = await join(token, { name: "Eli", email: "eli@example.com", password: "short" });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ issues: [{ path: "password" }] });
    const noName = await join(token, { email: "eli@example.com", password: "a long password" });
    expect(noName.status).toBe(400);
    expect(await noName.json()).toMatchObject({ issues: [{ path: "name" }] });
    const taken = await join(token, { name: "Eve", email: "OLGA@example.com", password: "a long password" });
    expect(taken.status).toBe(400);
    expect(await taken.json()).toMatchObject({ issues: [{ path: "email", message: "an account for olga@example.com exists already" }] });
    expect((await join(token, "{")).status).toBe(400);

    const joined = await join(token, { name: "Eli", email: "eli@example.com", password: "eli's long password" });
    expect(joined.status).toBe(201);
    const { user, workspaceId: joinedTo } = (await joined.json()) as { user: { id: string }; workspaceId: string };
    expect(joinedTo).toBe(workspaceId);
    people.eli = { id: user.id, cookie: cookieOf(joined) };
    expect(people.eli.cookie).toMatch(/planvas\.session_token=/);
    // …and lands in the workspace it joined (the workspace switcher's cookie).
    expect(people.eli.cookie).toContain(`planvas.workspace=${workspaceId}`);
    as("eli");
    expect(await (await session.GET()).json()).toMatchObject({ user: { id: user.id, email: "eli@example.com", name: "Eli" } });
    const visible = (await (await plans.GET()).json()) as { plans: { id: string }[] };
    expect(visible.plans.map((p) => p.id)).toContain(planId);

    const seen = await list("olga");
    expect(seen.members.map((m) => [m.name, m.role, m.approver])).toEqual([
      ["Olga", "owner", true],
      ["Eli", "editor", true],
    ]);
    expect(seen.invitations).toEqual([]);

    // The link admits one person.
    as(null);
    expect((await invitation.GET(request("GET", `/api/invitations/${token}`), ctx({ token }))).status).toBe(410);
    const again = await join(token, { name: "Xan", email: "xan@example.com", password: "xan's long password" });
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ error: "this invitation was used already; each link admits one person", issues: [{ path: "token" }] });
    // …and the refused attempt made no account.
    expect(await db.query("select 1 from local_auth.user where email = 'xan@example.com'")).toEqual([]);
  });

  it("says why a link does not work: revoked, expired, unknown (410, 410, 404)", async () => {
    as("olga");
    const revoked = (await invite({ role: "viewer" })).body;
    const gone = await revoke.DELETE(request("DELETE", `/api/workspace/invitations/${revoked.id}`), ctx({ invitationId: revoked.id }));
    expect(gone.status).toBe(204);
    expect((await revoke.DELETE(request("DELETE", "/x"), ctx({ invitationId: revoked.id }))).status).toBe(404);
    const expired = (await invite({ role: "viewer", ttlDays: 1 })).body;
    await db.query("update public.invitations set created_at = now() - interval '3 days', expires_at = now() - interval '1 day' where id = $1", [expired.id]);

    as(null);
    for (const [url, error] of [
      [revoked.url, "this invitation was revoked; ask for a new one"],
      [expired.url, "this invitation expired; ask for a new one"],
    ] as const) {
      const token = tokenOf(url);
      const read = await invitation.GET(request("GET", "/x"), ctx({ token }));
      expect(read.status).toBe(410);
      expect(await read.json()).toMatchObject({ error });
      const accepted = await join(token, { name: "Xan", email: "xan@example.com", password: "xan's long password" });
      expect(accepted.status).toBe(410);
    }
    const unknown = await invitation.GET(request("GET", "/x"), ctx({ token: "pvi_" + "A".repeat(43) }));
    expect(unknown.status).toBe(404);
    expect((await join("not-a-token", { name: "X", email: "x@example.com", password: "long enough password" })).status).toBe(404);
  });

  it("a signed-in person accepts as themselves; an invalid invitation body is a 400 naming the field", async () => {
    as("olga");
    expect((await invite({ role: "owner" })).body.issues).toEqual([expect.objectContaining({ path: "role" })]);
    expect((await invite({ role: "viewer", ttlDays: 0 })).body.issues).toEqual([expect.objectContaining({ path: "ttlDays" })]);
    expect((await invite({ role: "viewer", email: "nope" })).body.issues).toEqual([expect.objectContaining({ path: "email" })]);
    const viewerLink = (await invite({ role: "viewer", email: "vic@example.com" })).body;

    // Vic joins through another link first (as a viewer), so Vic has an account and a session.
    const first = (await invite({ role: "viewer" })).body;
    as(null);
    const joined = await join(tokenOf(first.url), { name: "Vic", email: "vic@example.com", password: "vic's long password" });
    expect(joined.status).toBe(201);
    people.vic = { id: ((await joined.json()) as { user: { id: string } }).user.id, cookie: cookieOf(joined) };

    // Eli (in Eli's own personal workspace: the session alone, no workspace cookie) invites Vic, who accepts signed in.
    testRequest.headers = { cookie: people.eli!.cookie.replace(/(^|; )planvas\.workspace=[^;]*/, "") };
    const elis = (await invite({ role: "viewer" })).body;
    as("vic");
    const accepted = await invitation.POST(request("POST", "/x"), ctx({ token: tokenOf(elis.url) }));
    expect(accepted.status).toBe(200);
    const [elisWorkspace] = await db.query<{ id: string }>("select id from public.workspaces where personal and created_by = $1", [people.eli!.id]);
    expect(await accepted.json()).toMatchObject({ workspaceId: elisWorkspace!.id, role: "viewer", user: { id: people.vic!.id } });
    expect(accepted.headers.getSetCookie().join("\n")).toContain(`planvas.workspace=${elisWorkspace!.id}`);

    const twice = await invitation.POST(request("POST", "/x"), ctx({ token: tokenOf(viewerLink.url) }));
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ error: `you are a member of ${workspaceName} already` });
  });

  it("an editor may not invite, re-role or remove (403 naming who may); a viewer sees the list read-only", async () => {
    actingIn.set(people.eli!.id, workspaceId).set(people.vic!.id, workspaceId);
    as("eli");
    const denied = await invite({ role: "viewer" });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe("only owners and admins of this workspace may invite members");
    const rerole = await member.PATCH(request("PATCH", "/x", { role: "admin" }), ctx({ userId: people.vic!.id }));
    expect(rerole.status).toBe(403);
    expect(await rerole.json()).toMatchObject({ error: "only owners and admins may do this; you are an editor" });
    expect((await member.DELETE(request("DELETE", "/x"), ctx({ userId: people.vic!.id }))).status).toBe(403);
    const pending = await list("olga");
    const revokeOne = await (as("eli"), revoke.DELETE(request("DELETE", "/x"), ctx({ invitationId: pending.invitations![0]!.id })));
    expect(revokeOne.status).toBe(403);

    const seen = await list("vic");
    expect(seen.me).toMatchObject({ role: "viewer", approver: false });
    expect(seen.members).toHaveLength(3);
    expect(seen.invitations).toBeNull();
  });

  it("owners and admins re-role; only owners touch owners; the last owner stays (409 naming the rule)", async () => {
    as("olga");
    const made = await member.PATCH(request("PATCH", "/x", { role: "admin" }), ctx({ userId: people.eli!.id }));
    expect(made.status).toBe(200);
    expect(await made.json()).toEqual({ userId: people.eli!.id, role: "admin", approver: true });
    expect(await (await member.PATCH(request("PATCH", "/x", { approver: false }), ctx({ userId: people.eli!.id }))).json()).toMatchObject({
      role: "admin",
      approver: false,
    });

    const last = await member.PATCH(request("PATCH", "/x", { role: "editor" }), ctx({ userId: people.olga!.id }));
    expect(last.status).toBe(409);
    expect(await last.json()).toMatchObject({
      error: "a workspace keeps at least one owner: make another member owner first, then change or remove this one",
      issues: [{ path: "userId", message: expect.stringMatching(/^last_owner: /) }],
    });
    expect((await member.DELETE(request("DELETE", "/x"), ctx({ userId: people.olga!.id }))).status).toBe(409);
    // A personal workspace keeps the one owner it belongs to.
    expect((await member.PATCH(request("PATCH", "/x", { role: "owner" }), ctx({ userId: people.eli!.id }))).status).toBe(409);

    as("eli"); // now an admin: manages members, but not owners
    expect((await member.PATCH(request("PATCH", "/x", { role: "editor" }), ctx({ userId: people.vic!.id }))).status).toBe(200);
    const owner = await member.PATCH(request("PATCH", "/x", { role: "viewer" }), ctx({ userId: people.olga!.id }));
    expect(owner.status).toBe(403);
    expect(await owner.json()).toMatchObject({ error: "making or unmaking an owner: only owners may do this; you are an admin" });
    expect((await member.PATCH(request("PATCH", "/x", { role: "owner" }), ctx({ userId: people.vic!.id }))).status).toBe(403);
    expect((await member.PATCH(request("PATCH", "/x", {}), ctx({ userId: people.vic!.id }))).status).toBe(400);
    expect((await member.PATCH(request("PATCH", "/x", { role: "boss" }), ctx({ userId: people.vic!.id }))).status).toBe(400);
    expect((await member.PATCH(request("PATCH", "/x", { role: "viewer" }), ctx({ userId: "00000000-0000-4000-8000-00000000dead" }))).status).toBe(404);
    expect((await member.PATCH(request("PATCH", "/x", { role: "viewer" }), ctx({ userId: "nope" }))).status).toBe(404);
  });

  it("a removed member loses access to the workspace's plans at once; a member may leave", async () => {
    as("vic");
    expect(((await (await plans.GET()).json()) as { plans: { id: string }[] }).plans.map((p) => p.id)).toContain(planId);
    as("olga");
    expect((await member.DELETE(request("DELETE", "/x"), ctx({ userId: people.vic!.id }))).status).toBe(204);
    as("vic");
    actingIn.delete(people.vic!.id);
    expect(((await (await plans.GET()).json()) as { plans: { id: string }[] }).plans.map((p) => p.id)).not.toContain(planId);
    expect((await plan.GET(request("GET", "/x"), ctx({ planId }))).status).toBe(404);

    as("eli");
    expect((await member.DELETE(request("DELETE", "/x"), ctx({ userId: people.eli!.id }))).status).toBe(204);
    actingIn.delete(people.eli!.id);
    expect(((await (await plans.GET()).json()) as { plans: { id: string }[] }).plans.map((p) => p.id)).not.toContain(planId);
    // One's own personal workspace cannot be left.
    const own = await member.DELETE(request("DELETE", "/x"), ctx({ userId: people.eli!.id }));
    expect(own.status).toBe(409);
    expect((await list("olga")).members.map((m) => m.name)).toEqual(["Olga"]);
  });
});
