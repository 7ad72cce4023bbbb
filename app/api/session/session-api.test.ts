import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testRequest } from "@/lib/auth/testing/request";
import { setDatabase } from "@/lib/db";
import { openTestDatabase } from "@/lib/db/testing";
import { setProcessSingleton } from "@/lib/singleton";
import * as setup from "../setup/route";
import * as session from "./route";

// Setup, sign-in and sign-out through the real routes and better-auth's real handler, on a real database.
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://127.0.0.1:3000${url}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

describe("sign-in on the embedded default", () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    setDatabase(db);
    setProcessSingleton("local-auth", undefined);
  });
  afterEach(() => {
    testRequest.headers = null;
  });
  afterAll(async () => {
    setProcessSingleton("local-auth", undefined);
    setDatabase(undefined);
    await db?.drop();
  });

  it("sets up the owner once, signed in, with an API token; then only signs in", async () => {
    expect(await (await setup.GET()).json()).toEqual({ needsSetup: true });
    const bad = await setup.POST(post("/api/setup", { email: "olga@example.com", password: "short", name: "Olga" }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ path: "password" }] });

    // Another site's page may not make the owner account (and sign the browser in as it).
    const crossSite = await setup.POST(
      post("/api/setup", { email: "eve@example.com", password: "correct horse battery", name: "Eve" }, { origin: "https://evil.example" }),
    );
    expect(crossSite.status).toBe(403);
    expect(await (await setup.GET()).json()).toEqual({ needsSetup: true });

    const res = await setup.POST(
      post("/api/setup", { email: "olga@example.com", password: "correct horse battery", name: "Olga" }, { origin: "http://127.0.0.1:3000" }),
    );
    expect(res.status).toBe(201);
    const created = (await res.json()) as { token: string; user: { id: string } };
    expect(created.user.id).toBe("00000000-0000-4000-8000-000000000001");
    expect(created.token).toMatch(/^pvt_/);
    expect(cookieOf(res)).toMatch(/planvas\.session_token=/);

    testRequest.headers = { cookie: cookieOf(res) };
    expect(await (await session.GET()).json()).toMatchObject({ user: { email: "olga@example.com", name: "Olga" } });
    testRequest.headers = { authorization: `Bearer ${created.token}` };
    expect((await session.GET()).status).toBe(200);

    const again = await setup.POST(post("/api/setup", { email: "eve@example.com", password: "correct horse battery", name: "Eve" }));
    expect(again.status).toBe(409);
  });

  it("signs in and out; a wrong password is a 401 on the password field", async () => {
    const wrong = await session.POST(post("/api/session", { email: "olga@example.com", password: "wrong password!" }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "wrong email or password", issues: [{ path: "password" }] });

    const ok = await session.POST(post("/api/session", { email: "OLGA@example.com", password: "correct horse battery" }));
    expect(ok.status).toBe(200);
    const cookie = cookieOf(ok);
    testRequest.headers = { cookie };
    expect((await session.GET()).status).toBe(200);
    const out = await session.DELETE(
      new Request("http://127.0.0.1:3000/api/session", { method: "DELETE", headers: { cookie, origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" } }),
    );
    expect(out.status).toBe(200);
    expect((await session.GET()).status).toBe(401);

    testRequest.headers = {};
    expect(await (await session.GET()).json()).toMatchObject({ error: "sign in required" });
    expect((await session.POST(post("/api/session", { email: "olga@example.com" }))).status).toBe(400);
  });
});
