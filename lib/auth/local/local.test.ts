import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_OWNER } from "../user";
import { openTestDatabase, testBackends } from "../../db/testing";
import type { Database } from "../../db/client";
import { localAuthSchema } from "./schema";
import { AccountError, createAccount, createLocalAuth, withUserId, type LocalAuth } from ".";

describe.each(testBackends)("local accounts on %s", (backend) => {
  let db: Database & { drop(): Promise<void> };
  let auth: LocalAuth;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    auth = createLocalAuth(db, { secret: "x".repeat(32), baseURL: "http://127.0.0.1:3000" });
  });
  afterAll(() => db?.drop());

  const headersOf = (res: Response) => {
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    return new Headers({ cookie });
  };

  it("matches the Drizzle schema the adapter uses, column for column", async () => {
    const { getTableConfig } = await import("drizzle-orm/pg-core");
    for (const table of Object.values(localAuthSchema)) {
      const cfg = getTableConfig(table);
      const rows = await db.query<{ column_name: string; is_nullable: string }>(
        "select column_name, is_nullable from information_schema.columns where table_schema = $1 and table_name = $2",
        [cfg.schema, cfg.name],
      );
      expect(rows.map((r) => r.column_name).sort(), cfg.name).toEqual(cfg.columns.map((c) => c.name).sort());
      for (const col of cfg.columns)
        expect(rows.find((r) => r.column_name === col.name)?.is_nullable === "NO", `${cfg.name}.${col.name} not null`).toBe(col.notNull);
    }
  });

  it("creates an account on the server; public sign-up is off", async () => {
    const r = { user: await createAccount(auth, { email: " Ada@Example.com ", password: "correct horse battery", name: "Ada" }) };
    await expect(auth.api.signUpEmail({ body: { email: "eve@example.com", password: "correct horse battery", name: "Eve" } })).rejects.toThrow(/not enabled/);
    expect(r.user.id).toMatch(/^[0-9a-f-]{36}$/);
    const rows = await db.query<{ email: string; display_name: string; personal: number }>(
      `select u.email, p.display_name, (select count(*)::int from public.workspaces w where w.created_by = u.id and w.personal) as personal
       from auth.users u join public.profiles p on p.id = u.id where u.id = $1`,
      [r.user.id],
    );
    expect(rows).toEqual([{ email: "ada@example.com", display_name: "Ada", personal: 1 }]);
    const [acct] = await db.query<{ password: string }>("select password from local_auth.account where user_id = $1", [r.user.id]);
    expect(acct!.password).not.toContain("correct horse");
  });

  it("signs in with the password into an httpOnly, SameSite cookie session, and out again", async () => {
    const res = await auth.api.signInEmail({ body: { email: "ada@example.com", password: "correct horse battery" }, asResponse: true });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((c) => /^planvas\.session_token=/.test(c) && /HttpOnly/i.test(c) && /SameSite=Lax/i.test(c))).toBe(true);
    const session = await auth.api.getSession({ headers: headersOf(res) });
    expect(session?.user).toMatchObject({ email: "ada@example.com", name: "Ada" });
    await auth.api.signOut({ headers: headersOf(res) });
    expect(await auth.api.getSession({ headers: headersOf(res) })).toBeNull();
  });

  it("refuses a wrong password without saying whether the account exists", async () => {
    const wrong = await auth.api.signInEmail({ body: { email: "ada@example.com", password: "wrong password!" }, asResponse: true });
    const nobody = await auth.api.signInEmail({ body: { email: "nobody@example.com", password: "wrong password!" }, asResponse: true });
    expect([wrong.status, nobody.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await nobody.json());
  });

  it("names the field that is wrong", async () => {
    await expect(createAccount(auth, { email: "not-an-email", password: "correct horse battery", name: "X" })).rejects.toMatchObject({ field: "email" });
    await expect(createAccount(auth, { email: "bo@example.com", password: "short", name: "Bo" })).rejects.toThrow("password: 10–200 characters");
    await expect(createAccount(auth, { email: "ada@example.com", password: "correct horse battery", name: "Ada" })).rejects.toBeInstanceOf(AccountError);
  });

  it("the first owner claims the local owner's identity, and with it the workspace's plans", async () => {
    await db.query("insert into public.plans (owner_id, title) values ($1, 'Made before sign-in')", [LOCAL_OWNER.id]);
    const owner = await withUserId(LOCAL_OWNER.id, () => createAccount(auth, { email: "olga@example.com", password: "correct horse battery", name: "Olga" }));
    expect(owner.id).toBe(LOCAL_OWNER.id);
    const [row] = await db.query<{ email: string; title: string }>(
      "select u.email, p.title from auth.users u join public.plans p on p.owner_id = u.id where u.id = $1",
      [LOCAL_OWNER.id],
    );
    expect(row).toEqual({ email: "olga@example.com", title: "Made before sign-in" });
  });

  it("rate-limits sign-in attempts per client: the sixth within a minute gets 429 and when to retry", async () => {
    const limited = createLocalAuth(db, { secret: "x".repeat(32), baseURL: "http://127.0.0.1:3000" });
    const attempt = (ip: string) =>
      limited.handler(
        new Request("http://127.0.0.1:3000/api/auth/sign-in/email", {
          method: "POST",
          headers: { "content-type": "application/json", origin: "http://127.0.0.1:3000", "x-forwarded-for": ip },
          body: JSON.stringify({ email: "ada@example.com", password: "wrong password!" }),
        }),
      );
    // better-auth's memory store is shared by the process: an address of this backend's own.
    const ip = backend === "pglite" ? "203.0.113.7" : "203.0.113.17";
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt(ip)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await attempt(ip);
    expect(Number(blocked.headers.get("x-retry-after"))).toBeGreaterThan(0);
    expect((await attempt(backend === "pglite" ? "203.0.113.8" : "203.0.113.18")).status).toBe(401); // another client is not locked out
  });

  it("refuses a sign-in posted from another origin (CSRF)", async () => {
    const res = await auth.handler(
      new Request("http://127.0.0.1:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://evil.example", cookie: "planvas.session_token=x" },
        body: JSON.stringify({ email: "ada@example.com", password: "correct horse battery" }),
      }),
    );
    expect(res.status).toBe(403);
  });
});
