import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { openTestDatabase, testBackends } from "../../db/testing";
import { authenticateToken } from "../../workspaces/tokens";
import { LOCAL_OWNER } from "../user";
import { createLocalAuth, type LocalAuth } from ".";
import { needsSetup, SetupDoneError, setupOwner } from "./setup";

describe.each(testBackends)("first-start setup on %s", (backend) => {
  let db: Database & { drop(): Promise<void> };
  let auth: LocalAuth;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    auth = createLocalAuth(db, { secret: "s".repeat(32), baseURL: "http://127.0.0.1:3000" });
  });
  afterAll(() => db?.drop());

  it("creates the owner once, as the local owner, with a working API token; a second setup is refused", async () => {
    expect(await needsSetup(db)).toBe(true);
    const [a, b] = await Promise.allSettled([
      setupOwner(db, auth, { email: "olga@example.com", password: "correct horse battery", name: "Olga" }),
      setupOwner(db, auth, { email: "mallory@example.com", password: "correct horse battery", name: "Mallory" }),
    ]);
    const done = [a, b].filter((r) => r.status === "fulfilled");
    const refused = [a, b].filter((r) => r.status === "rejected");
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(SetupDoneError);
    const { user, token, workspaceId } = (done[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof setupOwner>>>).value;
    expect(user.id).toBe(LOCAL_OWNER.id);
    expect(await authenticateToken(db, token)).toMatchObject({ userId: LOCAL_OWNER.id, workspaceId });
    expect(await needsSetup(db)).toBe(false);
    await expect(setupOwner(db, auth, { email: "eve@example.com", password: "correct horse battery", name: "Eve" })).rejects.toThrow(
      "this installation has an owner already",
    );
  });
});
