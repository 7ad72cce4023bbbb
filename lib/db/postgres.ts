import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database, RawSql } from "./client";
import * as schema from "./schema";

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

const raw = (sql: postgres.Sql | postgres.TransactionSql): RawSql => ({
  async exec(sqlText) {
    await sql.unsafe(sqlText).simple(); // simple protocol: several statements in one call
  },
  async query(text, params = []) {
    return (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as never;
  },
});

/** Connects to PostgreSQL or Supabase Postgres (use the session pooler or a direct connection). */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  try {
    await sql`select 1`; // fail at start with a clear message, not on the first request
  } catch (e) {
    await sql.end({ timeout: 1 });
    throw new Error(`cannot connect to DATABASE_URL ${redactUrl(url)}: ${(e as Error).message}`, { cause: e });
  }
  return {
    kind: "postgres",
    where: redactUrl(url),
    drizzle: drizzle({ client: sql, schema }),
    ...raw(sql),
    transaction: (fn) => sql.begin((tx) => fn(raw(tx))) as never,
    async listen(channel, onNotify) {
      // postgres.js keeps one dedicated connection for all listeners and re-listens after reconnects.
      const req = await sql.listen(channel, onNotify);
      return () => req.unlisten();
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
