import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sessionCookies, DOUBLE_TOKEN, DOUBLE_USER, startGoTrueDouble, type GoTrueDouble } from "@/lib/auth/testing/gotrue-double";
import { LOCAL_OWNER } from "@/lib/auth";
import { setDatabase } from "@/lib/db";
import { openTestDatabase } from "@/lib/db/testing";
import { setProcessSingleton } from "@/lib/singleton";
import { currentWorkspaceId } from "@/lib/workspaces/current";
import { createInvitation } from "@/lib/workspaces/invitations";
import * as invitation from "./[token]/route";

// With Supabase Auth configured the invitee signs in (or up) with Supabase first, then accepts as
// that user: the real route, the real @supabase/ssr client, against the Auth server's test double
// (lib/auth/testing/gotrue-double.ts), on a real database.
const jar = vi.hoisted(() => ({ cookies: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => (value ? jar.cookies.set(name, value) : jar.cookies.delete(name)),
  }),
}));

const post = (token: string, body: unknown = {}) =>
  invitation.POST(new Request(`http://127.0.0.1:3000/api/invitations/${token}`, { method: "POST", body: JSON.stringify(body) }), {
    params: Promise.resolve({ token }),
  });

describe("accepting an invitation with Supabase Auth", () => {
  let gotrue: GoTrueDouble;
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    gotrue = await startGoTrueDouble();
    db = await openTestDatabase("pglite");
    setDatabase(db);
    // Supabase owns auth.users; the row stands in for the one Supabase Auth made at sign-up.
    await db.query("insert into auth.users (id, email) values ($1, $2)", [DOUBLE_USER.id, DOUBLE_USER.email]);
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", gotrue.url);
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "sb_publishable_test_double");
    setProcessSingleton("profiles", undefined);
  });
  afterEach(() => jar.cookies.clear());
  afterAll(async () => {
    vi.unstubAllEnvs();
    setDatabase(undefined);
    await db?.drop();
    await gotrue?.close();
  });

  it("signed out: 401 saying to sign in first, and no account is made from a body; signed in: joins as the Supabase user", async () => {
    const workspaceId = await currentWorkspaceId(db, LOCAL_OWNER);
    const { token } = await createInvitation(db, LOCAL_OWNER, { workspaceId, role: "editor", approver: true });

    const signedOut = await post(token, { name: "Ada", email: "ada@example.test", password: "a long password" });
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toMatchObject({
      error: `sign in or create your account first (/login?next=%2Finvite%2F${token}), then accept the invitation`,
    });
    expect(await db.query("select 1 from public.memberships where user_id = $1 and workspace_id = $2", [DOUBLE_USER.id, workspaceId])).toEqual([]);

    for (const c of sessionCookies(gotrue.url, DOUBLE_TOKEN)) jar.cookies.set(c.name, c.value);
    const accepted = await post(token);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ workspaceId, role: "editor", user: { id: DOUBLE_USER.id } });
    expect(await db.query("select role, approver from public.memberships where user_id = $1 and workspace_id = $2", [DOUBLE_USER.id, workspaceId])).toEqual([
      { role: "editor", approver: true },
    ]);
    expect(accepted.headers.getSetCookie().join("\n")).toContain(`planvas.workspace=${workspaceId}`);
    expect((await post(token)).status).toBe(410);
  });
});
