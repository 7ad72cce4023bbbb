import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type Database, setDatabase } from "../db";
import { openTestDatabase } from "../db/testing";
import { getCurrentUser, LOCAL_OWNER, UnauthenticatedError } from "./index";
import { DOUBLE_TOKEN, DOUBLE_USER, sessionCookies, startGoTrueDouble, type GoTrueDouble } from "./testing/gotrue-double";
import { setProcessSingleton } from "@/lib/singleton";
import { ownerToken } from "./testing/request";
import { currentWorkspaceId } from "../workspaces/current";
import { createToken } from "../workspaces/tokens";

// next/headers' cookies(), backed by a plain map this test controls (only in this file).
const jar = vi.hoisted(() => ({ cookies: new Map<string, string>(), reads: 0, writes: [] as string[], headers: {} as Record<string, string> }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(jar.headers),
  cookies: async () => {
    jar.reads++;
    return {
      getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })),
      set: (name: string, value: string) => {
        jar.writes.push(name);
        if (value) jar.cookies.set(name, value);
        else jar.cookies.delete(name);
      },
    };
  },
}));

let gotrue: GoTrueDouble;
let db: Database & { drop(): Promise<void> };

beforeAll(async () => {
  gotrue = await startGoTrueDouble();
  db = await openTestDatabase("pglite");
  setDatabase(db);
  // Supabase owns auth.users; here the row stands in for the one Supabase Auth created at sign-up.
  await db.query("insert into auth.users (id, email) values ($1, $2)", [DOUBLE_USER.id, DOUBLE_USER.email]);
});

afterAll(async () => {
  setDatabase(undefined);
  await db?.drop();
  await gotrue?.close();
});

beforeEach(() => {
  jar.cookies.clear();
  jar.headers = {};
  jar.reads = 0;
  jar.writes = [];
  gotrue.requests.length = 0;
  setProcessSingleton("profiles", undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function configureSupabase() {
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", gotrue.url);
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "sb_publishable_test_double");
}

describe("getCurrentUser", () => {
  it("without Supabase: the user of a Bearer API token or of a local session; nobody is a 401 saying what to do; no network", async () => {
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", "");
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "");
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_ANON_KEY", "");
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    await expect(getCurrentUser()).rejects.toThrow(new UnauthenticatedError("create the owner account first: open /setup, or run npx planvas setup"));
    jar.headers = { authorization: `Bearer ${await ownerToken(db)}` };
    expect(await getCurrentUser()).toMatchObject({ id: LOCAL_OWNER.id, email: LOCAL_OWNER.email });
    jar.headers = { authorization: "Bearer pvt_not-a-token" };
    await expect(getCurrentUser()).rejects.toThrow(/the API token is not valid/);
    jar.headers = { authorization: "Basic dXNlcjpwYXNz" };
    await expect(getCurrentUser()).rejects.toThrow('Authorization must be "Bearer <API token>"');
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(jar.reads).toBe(0);
    expect(gotrue.requests).toEqual([]);
  });

  it("returns the session's user, verified with Supabase Auth, and creates the profile once", async () => {
    configureSupabase();
    const cookies = sessionCookies(gotrue.url, DOUBLE_TOKEN);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]?.name).toBe("sb-127-auth-token");
    expect(cookies[0]?.value.startsWith("base64-")).toBe(true);
    for (const c of cookies) jar.cookies.set(c.name, c.value);

    const user = await getCurrentUser();
    expect(user).toEqual({ id: DOUBLE_USER.id, name: "Ada Lovelace", email: DOUBLE_USER.email });
    expect(gotrue.requests).toEqual(["GET /auth/v1/user"]);
    const profiles = await db.query<{ display_name: string }>("select display_name from public.profiles where id = $1", [DOUBLE_USER.id]);
    expect(profiles).toEqual([{ display_name: "Ada Lovelace" }]);

    // A second request verifies the session again but does not write the profile again.
    const insertSpy = vi.spyOn(db, "transaction");
    expect((await getCurrentUser()).id).toBe(DOUBLE_USER.id);
    expect(insertSpy).not.toHaveBeenCalled();
    expect(gotrue.requests).toHaveLength(2);
  });

  it("reads a chunked session cookie", async () => {
    configureSupabase();
    const big = { ...DOUBLE_USER, user_metadata: { full_name: "Ada Lovelace", bio: "x".repeat(5000) } };
    const cookies = sessionCookies(gotrue.url, DOUBLE_TOKEN, big);
    expect(cookies.length).toBeGreaterThan(1);
    expect(cookies.map((c) => c.name)).toEqual(cookies.map((_, i) => `sb-127-auth-token.${i}`));
    for (const c of cookies) jar.cookies.set(c.name, c.value);
    expect((await getCurrentUser()).email).toBe(DOUBLE_USER.email);
  });

  it("throws UnauthenticatedError without a session cookie, without calling Supabase Auth", async () => {
    configureSupabase();
    await expect(getCurrentUser()).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(gotrue.requests).toEqual([]);
  });

  it("with Supabase too, a Bearer API token is the user acting in the token's workspace, without calling Supabase Auth", async () => {
    configureSupabase();
    const workspaceId = await currentWorkspaceId(db, DOUBLE_USER);
    const { token } = await createToken(db, DOUBLE_USER, { workspaceId, name: "cli" });
    jar.headers = { authorization: `Bearer ${token}`, cookie: "planvas.workspace=00000000-0000-4000-8000-00000000ffff" };
    expect(await getCurrentUser()).toMatchObject({ id: DOUBLE_USER.id, email: DOUBLE_USER.email, tokenWorkspaceId: workspaceId });
    expect((await getCurrentUser()).chosenWorkspaceId).toBeUndefined();
    jar.headers = { authorization: "Bearer pvt_revoked-or-never-issued" };
    await expect(getCurrentUser()).rejects.toThrow(/the API token is not valid/);
    expect(gotrue.requests).toEqual([]);
  });

  it("a session carries the workspace its planvas.workspace cookie chooses (checked for membership where it is used)", async () => {
    configureSupabase();
    for (const c of sessionCookies(gotrue.url, DOUBLE_TOKEN)) jar.cookies.set(c.name, c.value);
    jar.headers = { cookie: "planvas.workspace=00000000-0000-4000-8000-00000000FFFF" };
    expect((await getCurrentUser()).chosenWorkspaceId).toBe("00000000-0000-4000-8000-00000000ffff");
    jar.headers = { cookie: "planvas.workspace=not-a-uuid" };
    expect((await getCurrentUser()).chosenWorkspaceId).toBeUndefined();
  });

  it("throws UnauthenticatedError when Supabase Auth rejects the token", async () => {
    configureSupabase();
    for (const c of sessionCookies(gotrue.url, "forged-token")) jar.cookies.set(c.name, c.value);
    await expect(getCurrentUser()).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(gotrue.requests).toEqual(["GET /auth/v1/user"]);
  });
});
