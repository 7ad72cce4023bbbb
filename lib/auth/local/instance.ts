// The process's better-auth instance on the app's database. Its secret (which signs session
// cookies) is PLANVAS_AUTH_SECRET when set, else one generated on first start and kept in
// planvas_meta (server-only: RLS with no policies), so sessions survive restarts.
import { randomBytes } from "node:crypto";
import { getDb } from "../../db";
import type { Database } from "../../db/client";
import { processSingleton } from "../../singleton";
import { createLocalAuth, type LocalAuth } from ".";

async function storedSecret(db: Database): Promise<string> {
  await db.query("insert into public.planvas_meta (key, value) values ('auth_secret', $1) on conflict (key) do nothing", [
    JSON.stringify({ secret: randomBytes(32).toString("base64url") }),
  ]);
  const [row] = await db.query<{ value: { secret: string } | string }>("select value from public.planvas_meta where key = 'auth_secret'");
  const value = typeof row!.value === "string" ? (JSON.parse(row!.value) as { secret: string }) : row!.value;
  return value.secret;
}

/** Where the app is reached: PLANVAS_PUBLIC_URL, else the address `npm run app` listens on. */
export function publicUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PLANVAS_PUBLIC_URL?.trim()) return env.PLANVAS_PUBLIC_URL.trim().replace(/\/$/, "");
  const host = env.HOST?.trim() || "127.0.0.1";
  return `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT?.trim() || "3000"}`;
}

export function getLocalAuth(): Promise<LocalAuth> {
  return processSingleton("local-auth", async () => {
    const db = await getDb();
    const secret = process.env.PLANVAS_AUTH_SECRET?.trim() || (await storedSecret(db));
    return createLocalAuth(db, { secret, baseURL: publicUrl() });
  });
}
