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

/** One statement of a batch: text with $n parameters. */
export interface Statement {
  text: string;
  params?: unknown[];
}

/**
 * A session-level advisory lock (`pg_advisory_lock(key1, key2)`) held on a connection of its own
 * for as long as the holder lives: when its process dies, PostgreSQL ends the session and the lock
 * is free at once (see inngest/embedded/runner.ts, which derives runner liveness from it).
 */
export interface SessionLock {
  /** Resolves (never rejects) once the lock is no longer held: its connection closed or a check failed. Not on release(). */
  readonly lost: Promise<Error>;
  /** Confirms over the lock's connection that its session is alive; false (and `lost` resolves) if not, or after `timeoutMs`. */
  check(timeoutMs: number): Promise<boolean>;
  /** Unlocks and closes the lock's connection. */
  release(): Promise<void>;
}

/** One open database, whatever backs it. */
export interface Database extends RawSql {
  kind: "pglite" | "postgres";
  /** Human-readable location for logs: a directory, `memory`, or a URL without its password. */
  where: string;
  drizzle: Db;
  /** LISTEN on a channel (one connection for the process); returns the way to stop listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Takes a session-level advisory lock on a dedicated connection (PGlite: its single session, and
   * a key is held at most once per process); null when someone else holds it. Not through a
   * transaction pooler: session state does not survive there.
   */
  holdSessionLock(key: readonly [number, number]): Promise<SessionLock | null>;
  /** Raw SQL inside one transaction (on one connection). */
  transaction<T>(fn: (tx: RawSql) => Promise<T>): Promise<T>;
  /**
   * Statements that need no answer in between, in one transaction: on PostgreSQL BEGIN, the
   * statements and COMMIT are sent together (one round trip instead of one per statement), on
   * PGlite in one call into the backend. Each statement's rows, in order; if one fails, nothing is
   * committed and its error is thrown.
   */
  batch(statements: readonly Statement[]): Promise<Record<string, unknown>[][]>;
  close(): Promise<void>;
}
