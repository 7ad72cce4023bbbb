// What `next/headers` answers inside vitest (see ./vitest-setup.ts): route handlers called directly,
// as the API tests do, run outside a Next request. By default the request is the local owner's,
// authenticated by a real API token on the test's database (created once per database), so the
// real token code path runs; a test sets `testRequest.headers` to act as someone else or as nobody.
import type { Database } from "../../db/client";
import { peekProcessSingleton } from "../../singleton";
import { currentWorkspaceId } from "../../workspaces/current";
import { createToken } from "../../workspaces/tokens";
import { LOCAL_OWNER } from "../user";

export const testRequest: { headers: HeadersInit | null } = { headers: null };

const tokens = new WeakMap<Database, Promise<string>>();

export async function ownerToken(db: Database): Promise<string> {
  let token = tokens.get(db);
  if (!token) {
    token = currentWorkspaceId(db, LOCAL_OWNER).then((workspaceId) => createToken(db, LOCAL_OWNER, { workspaceId, name: "vitest" }).then((t) => t.token));
    tokens.set(db, token);
  }
  return token;
}

export async function testHeaders(): Promise<Headers> {
  if (testRequest.headers) return new Headers(testRequest.headers);
  const db = await peekProcessSingleton<Promise<Database>>("db");
  return new Headers(db ? { authorization: `Bearer ${await ownerToken(db)}` } : {});
}
