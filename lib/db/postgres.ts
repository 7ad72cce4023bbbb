import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database, RawSql, SessionLock, Statement } from "./client";
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

// Prepared (named, cached per connection): an unprepared query with parameters costs postgres.js
// two round trips (Parse/Describe, then Bind/Execute) and the server a parse and plan each time.
// Named statements need a session per client — a direct connection or a session pooler, as the
// README asks — not a transaction pooler.
const send = (sql: postgres.Sql | postgres.ReservedSql, text: string, params: unknown[]) =>
  sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: params.length > 0 });

const raw = (sql: postgres.Sql | postgres.ReservedSql): RawSql => ({
  async exec(sqlText) {
    await sql.unsafe(sqlText).simple(); // simple protocol: several statements in one call
  },
  async query(text, params = []) {
    return (await send(sql, text, params)) as never;
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
  const locks = new Set<SessionLock>();
  return {
    kind: "postgres",
    where: redactUrl(url),
    drizzle: drizzle({ client: sql, schema }),
    ...raw(sql),
    transaction: (fn) => transaction(sql, fn),
    batch: (statements) => batch(sql, statements),
    async listen(channel, onNotify) {
      // postgres.js keeps one dedicated connection for all listeners and re-listens after reconnects.
      const req = await sql.listen(channel, onNotify);
      return () => req.unlisten();
    },
    holdSessionLock: (key) => holdSessionLock(url, key, locks),
    async close() {
      await Promise.allSettled([...locks].map((l) => l.release()));
      await sql.end({ timeout: 5 });
    },
  };
}

/**
 * A transaction on one reserved connection, with BEGIN sent together with the first statement
 * instead of waiting for its answer first (as postgres.js's sql.begin does): one round trip less
 * per transaction. The connection runs its statements in order, so everything still runs inside
 * it; if BEGIN fails, so does what follows, and the whole is rolled back.
 */
async function transaction<T>(sql: postgres.Sql, fn: (tx: RawSql) => Promise<T>): Promise<T> {
  const c = await sql.reserve();
  try {
    const begin = c.unsafe("begin").execute();
    const [, out] = await Promise.all([begin, fn(raw(c))]);
    await c.unsafe("commit");
    return out;
  } catch (e) {
    await c.unsafe("rollback").catch(() => {}); // a dead connection has nothing to roll back
    throw e;
  } finally {
    c.release();
  }
}

/**
 * BEGIN, the statements and COMMIT written to one reserved connection without waiting in between:
 * the server runs them in order, so a failed statement aborts the transaction and the COMMIT
 * after it rolls back. Every answer is awaited before the connection goes back to the pool.
 */
async function batch(sql: postgres.Sql, statements: readonly Statement[]): Promise<Record<string, unknown>[][]> {
  const c = await sql.reserve();
  try {
    const sent = [c.unsafe("begin").execute(), ...statements.map((s) => send(c, s.text, s.params ?? []).execute()), c.unsafe("commit").execute()];
    const settled = await Promise.allSettled(sent);
    // The first failure is the cause; the statements after it only report the aborted transaction.
    const failed = settled.find((r) => r.status === "rejected");
    if (failed) {
      await c.unsafe("rollback").catch(() => {}); // no-op after the COMMIT that rolled back; ends a half-sent one
      throw failed.reason;
    }
    return settled.slice(1, -1).map((r) => (r as PromiseFulfilledResult<Record<string, unknown>[]>).value);
  } finally {
    c.release();
  }
}

/**
 * A session-level advisory lock on a client of its own (one connection, never recycled: no
 * max_lifetime or idle timeout, which would end the session and free the lock). A pooled
 * connection from `sql.reserve()` would be closed by the pool's max_lifetime (30-60 min).
 */
async function holdSessionLock(url: string, [k1, k2]: readonly [number, number], locks: Set<SessionLock>): Promise<SessionLock | null> {
  let released = false;
  let onLost!: (e: Error) => void;
  const lost = new Promise<Error>((resolve) => (onLost = resolve));
  let isLost = false;
  const markLost = (e: Error) => {
    if (released || isLost) return;
    isLost = true;
    onLost(e);
    void conn.end({ timeout: 0 }).catch(() => {});
  };
  const conn = postgres(url, {
    max: 1,
    max_lifetime: null,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: "planvas runner lock" },
    onclose: () => markLost(new Error("the lock's database connection closed")),
  });
  let pid: number;
  try {
    const [row] = await conn<{ ok: boolean; pid: number }[]>`select pg_try_advisory_lock(${k1}::int4, ${k2}::int4) as ok, pg_backend_pid() as pid`;
    if (!row?.ok) {
      released = true;
      await conn.end({ timeout: 1 });
      return null;
    }
    pid = row.pid;
  } catch (e) {
    released = true;
    await conn.end({ timeout: 0 }).catch(() => {});
    throw e;
  }
  const lock: SessionLock = {
    lost,
    async check(timeoutMs) {
      if (released || isLost) return false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the lock's connection did not answer within ${timeoutMs} ms`)), timeoutMs);
        });
        const [row] = await Promise.race([conn<{ pid: number }[]>`select pg_backend_pid() as pid`, timeout]);
        // Another backend answering means the session (and the lock) is gone: a reconnect, or a
        // transaction pooler handing out server connections per transaction.
        if (row?.pid !== pid) throw new Error(`the lock's session ended (backend ${pid}, now ${row?.pid})`);
        return true;
      } catch (e) {
        markLost(e as Error);
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async release() {
      if (released) return;
      released = true;
      locks.delete(lock);
      if (!isLost) await conn`select pg_advisory_unlock(${k1}::int4, ${k2}::int4)`.catch(() => {}); // a session pooler may keep the session
      await conn.end({ timeout: 1 }).catch(() => {});
    },
  };
  locks.add(lock);
  return lock;
}
