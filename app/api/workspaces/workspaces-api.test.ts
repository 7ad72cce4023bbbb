import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "@/lib/auth/local";
import { getLocalAuth } from "@/lib/auth/local/instance";
import { testRequest } from "@/lib/auth/testing/request";
import { setDatabase } from "@/lib/db";
import { asService } from "@/lib/db/rls";
import { openTestDatabase } from "@/lib/db/testing";
import { startRun } from "@/lib/runs/service";
import { setProcessSingleton } from "@/lib/singleton";
import { hashSecret } from "@/lib/workspaces/secrets";
import * as password from "../account/password/route";
import * as document from "../documents/[documentId]/route";
import * as documents from "../documents/route";
import * as inbox from "../inbox/route";
import * as plan from "../plans/[planId]/route";
import * as plans from "../plans/route";
import * as runs from "../runs/route";
import * as session from "../session/route";
import * as token from "../tokens/[tokenId]/route";
import * as tokens from "../tokens/route";
import * as current from "../workspace/current/route";
import * as workspaces from "./route";

// Workspaces, switching, tokens and passwords through the real routes, with real accounts signed in
// through better-auth's real handler, on a real database. Each request is made as one person: their
// session cookie (plus the workspace cookie they were given), or a Bearer token.
const carousel = readFileSync("lib/plan/fixtures/carousel.json", "utf8");
const BASE = "http://127.0.0.1:3000";
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);

/** A person's browser: the cookies it holds, sent with every request (and seen by next/headers). */
class Browser {
  private jar = new Map<string, string>();
  constructor(readonly bearer?: string) {}
  take(res: Response) {
    for (const c of cookiesOf(res)) {
      const eq = c.indexOf("=");
      this.jar.set(c.slice(0, eq), c.slice(eq + 1));
    }
    return res;
  }
  set(name: string, value: string) {
    this.jar.set(name, value);
    return this;
  }
  copy(): Browser {
    const b = new Browser(this.bearer);
    for (const [k, v] of this.jar) b.set(k, v);
    return b;
  }
  headers(): Record<string, string> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    return { ...(cookie ? { cookie } : {}), ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}) };
  }
  /** A request as this browser; next/headers answers with the same headers while it is handled. */
  req(path: string, method = "GET", body?: unknown): Request {
    testRequest.headers = this.headers();
    return new Request(`${BASE}${path}`, {
      method,
      headers: { ...this.headers(), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  }
  /** Makes next/headers answer as this browser for a handler that takes no request. */
  act() {
    testRequest.headers = this.headers();
  }
}

async function signIn(email: string, pass: string): Promise<Browser> {
  const b = new Browser();
  const res = await session.POST(b.req("/api/session", "POST", { email, password: pass }));
  expect(res.status).toBe(200);
  b.take(res);
  return b;
}

const body = async <T>(res: Response) => (await res.json()) as T;
type WorkspaceJson = { id: string; name: string; personal: boolean; role: string; current?: boolean };

describe("workspaces, switching and tokens", () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let olga: Browser;
  let vic: Browser;
  let vicId: string;
  let team: WorkspaceJson;
  let personal: WorkspaceJson;

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    setDatabase(db);
    setProcessSingleton("local-auth", undefined);
    const auth = await getLocalAuth();
    await createAccount(auth, { email: "olga@example.com", password: "correct horse battery", name: "Olga" });
    vicId = (await createAccount(auth, { email: "vic@example.com", password: "viewer horse battery", name: "Vic" })).id;
    olga = await signIn("olga@example.com", "correct horse battery");
    vic = await signIn("vic@example.com", "viewer horse battery");
  });
  afterEach(() => {
    testRequest.headers = null;
  });
  afterAll(async () => {
    setProcessSingleton("local-auth", undefined);
    setDatabase(undefined);
    await db?.drop();
  });

  it("creates a team workspace whose creator is its owner, and lists it with the role", async () => {
    const bad = await workspaces.POST(olga.req("/api/workspaces", "POST", { name: "  " }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ path: "name" }] });

    const res = await workspaces.POST(olga.req("/api/workspaces", "POST", { name: "Growth team" }));
    expect(res.status).toBe(201);
    team = (await body<{ workspace: WorkspaceJson }>(res)).workspace;
    expect(team).toMatchObject({ name: "Growth team", personal: false, role: "owner", approver: true, members: 1 });

    olga.act();
    const list = await body<{ workspaces: WorkspaceJson[]; currentId: string }>(await workspaces.GET());
    expect(list.workspaces.map((w) => [w.name, w.role, w.personal])).toEqual([
      ["Olga", "owner", true],
      ["Growth team", "owner", false],
    ]);
    personal = list.workspaces[0]!;
    expect(list.currentId).toBe(personal.id);
    expect(list.workspaces[0]!.current).toBe(true);

    // Vic sees only his own.
    vic.act();
    expect((await body<{ workspaces: WorkspaceJson[] }>(await workspaces.GET())).workspaces.map((w) => w.name)).toEqual(["Vic"]);
  });

  it("switches with the cookie; plans are listed and created in the current workspace only", async () => {
    const mine = await plans.POST(olga.req("/api/plans", "POST", carousel));
    expect(mine.status).toBe(201);
    const personalPlan = (await body<{ id: string }>(mine)).id;

    const switched = await current.POST(olga.req("/api/workspace/current", "POST", { workspaceId: team.id }));
    expect(switched.status).toBe(200);
    expect(switched.headers.get("set-cookie")).toMatch(/^planvas\.workspace=[0-9a-f-]{36}; Path=\/; .*HttpOnly; SameSite=Lax/);
    olga.take(switched);
    olga.act();
    expect(await body<{ workspace: WorkspaceJson }>(await current.GET())).toMatchObject({ workspace: { id: team.id, role: "owner" } });

    olga.act();
    expect((await body<{ plans: unknown[] }>(await plans.GET())).plans).toEqual([]);
    const inTeam = await plans.POST(olga.req("/api/plans", "POST", carousel));
    expect(inTeam.status).toBe(201);
    const teamPlan = (await body<{ id: string }>(inTeam)).id;
    const [row] = await db.query<{ workspace_id: string }>("select workspace_id from public.plans where id = $1", [teamPlan]);
    expect(row!.workspace_id).toBe(team.id);
    olga.act();
    expect((await body<{ plans: { id: string }[] }>(await plans.GET())).plans.map((p) => p.id)).toEqual([teamPlan]);

    // Runs and the inbox follow the workspace too.
    const olgaUser = { id: (await db.query<{ id: string }>("select id from auth.users where email = 'olga@example.com'"))[0]!.id, name: "Olga" };
    const teamRun = await startRun(db, olgaUser, teamPlan);
    const personalRun = await startRun(db, olgaUser, personalPlan);
    expect(teamRun.status).toBe("started");
    const runIds = async () => (await body<{ runs: { id: string }[] }>(await runs.GET(olga.req("/api/runs")))).runs.map((r) => r.id);
    expect(await runIds()).toEqual([teamRun.status === "started" && teamRun.runId]);
    expect((await inbox.GET(olga.req("/api/inbox"))).status).toBe(200);

    olga.take(await current.POST(olga.req("/api/workspace/current", "POST", { workspaceId: personal.id })));
    olga.act();
    expect((await body<{ plans: { id: string }[] }>(await plans.GET())).plans.map((p) => p.id)).toEqual([personalPlan]);
    expect(await runIds()).toEqual([personalRun.status === "started" && personalRun.runId]);
  });

  it("refuses to switch to a workspace one is not a member of; a forged cookie lands in the personal one", async () => {
    const res = await current.POST(vic.req("/api/workspace/current", "POST", { workspaceId: team.id }));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "you are not a member of that workspace", issues: [{ path: "workspaceId" }] });
    expect(res.headers.get("set-cookie")).toBeNull();

    const forged = vic.copy().set("planvas.workspace", team.id);
    forged.act();
    const seen = await body<{ workspace: WorkspaceJson }>(await current.GET());
    expect(seen.workspace).toMatchObject({ name: "Vic", personal: true });
    forged.act();
    expect((await body<{ plans: unknown[] }>(await plans.GET())).plans).toEqual([]);

    const malformed = await current.POST(vic.req("/api/workspace/current", "POST", { workspaceId: "nope" }));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ issues: [{ path: "workspaceId" }] });
  });

  it("a viewer reads the workspace's plans but cannot create one: 403 naming the role", async () => {
    await asService(db, (tx) => tx.query("insert into public.memberships (workspace_id, user_id, role) values ($1, $2, 'viewer')", [team.id, vicId]));
    vic.take(await current.POST(vic.req("/api/workspace/current", "POST", { workspaceId: team.id })));
    vic.act();
    expect((await body<{ plans: unknown[] }>(await plans.GET())).plans).toHaveLength(1);

    const refused = await plans.POST(vic.req("/api/plans", "POST", carousel));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: 'only owners, admins and editors may do this; you are a viewer in the workspace "Growth team"',
      issues: [{ path: "(workspace)" }],
    });
    const doc = await documents.POST(vic.req("/api/documents", "POST", { title: "Notes", content: "Some notes" }));
    expect(doc.status).toBe(403);

    // Nor save or delete one of its plans: told why, not "not found"; nothing changes.
    const [teamPlan] = await db.query<{ id: string }>("select id from public.plans where workspace_id = $1", [team.id]);
    const read = await plan.GET(vic.req(`/api/plans/${teamPlan!.id}`), ctx({ planId: teamPlan!.id }));
    expect(read.status).toBe(200);
    const stored = await body<{ plan: unknown; version: number }>(read);
    const save = await plan.PUT(
      vic.req(`/api/plans/${teamPlan!.id}`, "PUT", { plan: stored.plan, baseVersion: stored.version }),
      ctx({ planId: teamPlan!.id }),
    );
    expect(save.status).toBe(403);
    expect(await save.json()).toMatchObject({ error: expect.stringMatching(/^only owners, admins and editors may do this; you are a viewer/) });
    const remove = await plan.DELETE(vic.req(`/api/plans/${teamPlan!.id}`, "DELETE"), ctx({ planId: teamPlan!.id }));
    expect(remove.status).toBe(403);
    const [teamDoc] = await asService(db, (tx) =>
      tx.query<{ id: string }>(
        "insert into public.documents (owner_id, workspace_id, title, content) select created_by, id, 'Brand voice', 'Short sentences.' from public.workspaces where id = $1 returning id",
        [team.id],
      ),
    );
    expect((await document.GET(vic.req(`/api/documents/${teamDoc!.id}`), ctx({ documentId: teamDoc!.id }))).status).toBe(200);
    const unfile = await document.DELETE(vic.req(`/api/documents/${teamDoc!.id}`, "DELETE"), ctx({ documentId: teamDoc!.id }));
    expect(unfile.status).toBe(403);
    expect(await unfile.json()).toMatchObject({ error: expect.stringMatching(/you are a viewer in the workspace "Growth team"$/) });
    const run = await runs.POST(vic.req("/api/runs", "POST", { planId: teamPlan!.id }));
    expect(run.status).toBe(403);
    expect(await run.json()).toMatchObject({
      error: expect.stringMatching(/^cannot start a run: only owners, admins and editors may do this; you are a viewer/),
    });
    expect(await db.query("select 1 from public.plans where id = $1 and latest_version = $2", [teamPlan!.id, stored.version])).toHaveLength(1);
    expect(await db.query("select 1 from public.plans where owner_id = $1", [vicId])).toHaveLength(0);
  });

  it("a token of workspace B lists B's plans only, whatever the cookie says; shown once, stored hashed, revoked → 401", async () => {
    const made = await tokens.POST(olga.req("/api/tokens", "POST", { name: "CI", workspaceId: team.id }));
    expect(made.status).toBe(201);
    const created = await body<{ id: string; token: string; name: string; workspace: { id: string; name: string } }>(made);
    expect(created).toMatchObject({ name: "CI", workspace: { id: team.id, name: "Growth team" } });
    expect(created.token).toMatch(/^pvt_[A-Za-z0-9_-]{43}$/);

    // Stored as its sha-256 only; the list never shows a secret.
    const stored = await db.query<Record<string, unknown>>("select * from public.api_tokens where id = $1", [created.id]);
    expect(stored[0]!.token_hash).toBe(hashSecret(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token);
    olga.act();
    const listed = await body<{ tokens: Record<string, unknown>[] }>(await tokens.GET());
    expect(listed.tokens.map((t) => t.name)).toContain("CI");
    expect(JSON.stringify(listed)).not.toContain(created.token);

    // Olga's browser is on her personal workspace; the token acts in the team's, cookie or not.
    const ci = new Browser(created.token).set("planvas.workspace", personal.id);
    ci.act();
    const seen = await body<{ plans: { id: string }[] }>(await plans.GET());
    const teamPlans = await db.query<{ id: string }>("select id from public.plans where workspace_id = $1", [team.id]);
    expect(seen.plans.map((p) => p.id)).toEqual(teamPlans.map((p) => p.id));
    ci.act();
    expect((await body<{ workspaces: WorkspaceJson[] }>(await workspaces.GET())).workspaces.map((w) => w.id)).toEqual([team.id]);
    const created2 = await plans.POST(ci.req("/api/plans", "POST", carousel));
    expect(created2.status).toBe(201);
    const [where] = await db.query<{ workspace_id: string }>("select workspace_id from public.plans where id = $1", [
      (await body<{ id: string }>(created2)).id,
    ]);
    expect(where!.workspace_id).toBe(team.id);

    // Nor does it open the user's plans elsewhere by id.
    const [elsewhere] = await db.query<{ id: string }>("select id from public.plans where workspace_id = $1", [personal.id]);
    expect((await plan.GET(ci.req(`/api/plans/${elsewhere!.id}`), ctx({ planId: elsewhere!.id }))).status).toBe(404);
    expect((await plan.DELETE(ci.req(`/api/plans/${elsewhere!.id}`, "DELETE"), ctx({ planId: elsewhere!.id }))).status).toBe(404);
    expect((await plan.GET(olga.req(`/api/plans/${elsewhere!.id}`), ctx({ planId: elsewhere!.id }))).status).toBe(200);
    expect((await runs.POST(ci.req("/api/runs", "POST", { planId: elsewhere!.id }))).status).toBe(404);
    const [personalDoc] = await asService(db, (tx) =>
      tx.query<{ id: string }>(
        "insert into public.documents (owner_id, workspace_id, title, content) select created_by, id, 'Diary', 'Private.' from public.workspaces where id = $1 returning id",
        [personal.id],
      ),
    );
    expect((await document.GET(ci.req(`/api/documents/${personalDoc!.id}`), ctx({ documentId: personalDoc!.id }))).status).toBe(404);
    expect((await document.DELETE(ci.req(`/api/documents/${personalDoc!.id}`, "DELETE"), ctx({ documentId: personalDoc!.id }))).status).toBe(404);
    expect((await document.GET(olga.req(`/api/documents/${personalDoc!.id}`), ctx({ documentId: personalDoc!.id }))).status).toBe(200);

    // A token can neither switch nor mint tokens.
    expect((await current.POST(ci.req("/api/workspace/current", "POST", { workspaceId: personal.id }))).status).toBe(403);
    expect((await tokens.POST(ci.req("/api/tokens", "POST", { name: "more" }))).status).toBe(403);
    expect((await workspaces.POST(ci.req("/api/workspaces", "POST", { name: "more" }))).status).toBe(403);

    // Vic cannot revoke Olga's token; Olga can, and then it fails at once.
    expect((await token.DELETE(vic.req(`/api/tokens/${created.id}`, "DELETE"), ctx({ tokenId: created.id }))).status).toBe(404);
    expect((await token.DELETE(olga.req(`/api/tokens/${created.id}`, "DELETE"), ctx({ tokenId: created.id }))).status).toBe(204);
    ci.act();
    const after = await plans.GET();
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: expect.stringMatching(/not valid/) });
    olga.act();
    expect((await body<{ tokens: { id: string }[] }>(await tokens.GET())).tokens.map((t) => t.id)).not.toContain(created.id);

    // A token for a workspace one is not a member of is refused.
    const foreign = await tokens.POST(vic.req("/api/tokens", "POST", { name: "x", workspaceId: personal.id }));
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ issues: [{ path: "workspaceId" }] });
  });

  it("changes the password: a wrong current one names the field; other sessions stay signed in", async () => {
    const other = await signIn("olga@example.com", "correct horse battery");
    const wrong = await password.POST(
      olga.req("/api/account/password", "POST", { currentPassword: "not my password", newPassword: "brand new horse battery" }),
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: "the current password is wrong", issues: [{ path: "currentPassword" }] });
    const short = await password.POST(olga.req("/api/account/password", "POST", { currentPassword: "correct horse battery", newPassword: "short" }));
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ issues: [{ path: "newPassword" }] });

    const ok = await password.POST(
      olga.req("/api/account/password", "POST", { currentPassword: "correct horse battery", newPassword: "brand new horse battery" }),
    );
    expect(ok.status).toBe(200);
    other.act();
    expect((await session.GET()).status).toBe(200);
    const old = await session.POST(new Browser().req("/api/session", "POST", { email: "olga@example.com", password: "correct horse battery" }));
    expect(old.status).toBe(401);
    await signIn("olga@example.com", "brand new horse battery");

    // Without a session (a token, or nobody) there is no password to change.
    const anon = await password.POST(new Browser().req("/api/account/password", "POST", { currentPassword: "x", newPassword: "brand new horse battery 2" }));
    expect(anon.status).toBe(401);
  });
});
