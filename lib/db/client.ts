import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

/** The typed query API; identical over PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Raw SQL for the few places that need it (migrations, LISTEN, maintenance). */
export interface RawSql {
  /** Runs a multi-statement script without parameters. */
  exec(sqlText: string): Promise<void>;
  query<T extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/** One open database, whatever backs it. */
export interface Database extends RawSql {
  kind: "pglite" | "postgres";
  /** Human-readable location for logs: a directory, `memory`, or a URL without its password. */
  where: string;
  drizzle: Db;
  /** LISTEN on a channel (one connection for the process); returns the way to stop listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** Raw SQL inside one transaction (on one connection). */
  transaction<T>(fn: (tx: RawSql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
