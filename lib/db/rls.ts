import { sql } from "drizzle-orm";
import type { User } from "../auth/user";
import type { Database, Db, RawSql, Statement } from "./client";

/**
 * Runs `fn` in a transaction as the Postgres role `authenticated` with the user's JWT claims —
 * exactly how PostgREST runs Supabase requests — so row level security decides what the user may
 * see and change, on every backing (PGlite, PostgreSQL, Supabase).
 */
export function asUser<T>(db: Database, user: Pick<User, "id">, fn: (tx: Db) => Promise<T>): Promise<T> {
  const claims = JSON.stringify({ sub: user.id, role: "authenticated" });
  return db.drizzle.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`);
    return fn(tx as unknown as Db);
  });
}

/** Creates the local workspace owner (auth.users + profile) when running without Supabase Auth. */
export async function ensureUser(db: Database, user: User): Promise<void> {
  await db.query("insert into auth.users (id, email) values ($1, $2) on conflict (id) do nothing", [user.id, user.email ?? null]);
  await db.query("insert into public.profiles (id, display_name) values ($1, $2) on conflict (id) do nothing", [user.id, user.name]);
}

/** Raw-SQL variant of `asUser`: one transaction as `authenticated` with the user's claims. */
export function asUserSql<T>(db: Database, user: Pick<User, "id">, fn: (tx: RawSql) => Promise<T>): Promise<T> {
  return db.transaction((tx) => afterClaims(tx, userClaims(tx, user), fn));
}

/**
 * One transaction as `service_role` (bypasses RLS): for the run engine, which acts for whoever
 * started the run, never for a request's user. Request handlers check access with asUser first.
 */
export function asService<T>(db: Database, fn: (tx: RawSql) => Promise<T>): Promise<T> {
  return db.transaction((tx) => afterClaims(tx, tx.query(SERVICE_CLAIMS), fn));
}

/**
 * One transaction that first reads as the user — `check` runs under RLS, exactly as in asUserSql —
 * and, only if the check passes, goes on as service_role with `fn`: a permission check and the
 * change it guards without a transaction each. null when the check fails (nothing ran as service).
 */
export function asUserThenService<T>(
  db: Database,
  user: Pick<User, "id">,
  check: (tx: RawSql) => Promise<boolean>,
  fn: (tx: RawSql) => Promise<T>,
): Promise<T | null> {
  return db.transaction(async (tx) => {
    const ok = await afterClaims(tx, userClaims(tx, user), check);
    if (!ok) return null;
    return afterClaims(tx, tx.query(SERVICE_CLAIMS), fn);
  });
}

/** asService for statements that need no answer in between: one round trip on PostgreSQL (Database.batch). */
export async function asServiceBatch(db: Database, statements: readonly Statement[]): Promise<Record<string, unknown>[][]> {
  const [, ...rows] = await db.batch([{ text: SERVICE_CLAIMS }, ...statements]);
  return rows;
}

/** The role `authenticated` with the user's JWT claims, for the rest of the transaction. */
const userClaims = (tx: RawSql, user: Pick<User, "id">) =>
  tx.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [
    JSON.stringify({ sub: user.id, role: "authenticated" }),
  ]);

const SERVICE_CLAIMS = "select set_config('role', 'service_role', true), set_config('request.jwt.claims', '{\"role\":\"service_role\"}', true)";

/**
 * Runs `fn` after the claims statement without waiting for its answer: both drivers run a
 * transaction's statements in the order they were issued, so `fn`'s first statement still runs
 * as the role, one round trip sooner. If the claims fail, so does everything after them.
 */
async function afterClaims<T>(tx: RawSql, claims: Promise<unknown>, fn: (tx: RawSql) => Promise<T>): Promise<T> {
  const [, out] = await Promise.all([claims, fn(tx)]);
  return out;
}
