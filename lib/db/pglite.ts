import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { Database, RawSql } from "./client";
import { yieldIfLongTurn } from "./event-loop-turn";
import { pgliteClient, PgliteStatements } from "./pglite-statements";
import * as schema from "./schema";

/** Raw SQL on PGlite: queries as prepared statements (pglite-statements.ts), in or out of a transaction. */
function raw(c: PGlite | Transaction, statements: PgliteStatements, inTransaction: boolean): RawSql {
  return {
    async exec(sqlText) {
      await yieldIfLongTurn();
      await c.exec(sqlText);
      // DDL may change what a prepared statement returns (a `select *` after ALTER TABLE).
      statements.forgetAll();
    },
    async query(text, params = []) {
      await yieldIfLongTurn();
      return (await (inTransaction ? statements.inTransaction(text, params) : statements.query(text, params))) as never;
    },
  };
}

/**
 * Opens an embedded PostgreSQL (PGlite). `dataDir` undefined = in memory. PGlite has no lock on
 * its directory: exactly one process may open it (the app server, from instrumentation.ts).
 */
export async function openPglite(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<Database & { pglite: PGlite }> {
  if (dataDir) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const pglite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
  const heldKeys = new Set<string>();
  const statements = new PgliteStatements(pglite);
  return {
    kind: "pglite",
    where: dataDir ? path.resolve(dataDir) : "memory",
    pglite,
    drizzle: drizzle({ client: pgliteClient(pglite, statements), schema }),
    ...raw(pglite, statements, false),
    transaction: async (fn) => {
      await yieldIfLongTurn();
      return pglite.transaction((tx) => fn(raw(tx, statements, true)));
    },
    batch: async (batch) => {
      await yieldIfLongTurn();
      return statements.batch(batch);
    },
    async listen(channel, onNotify) {
      const stop = await pglite.listen(channel, onNotify);
      return () => stop();
    },
    async holdSessionLock([k1, k2]) {
      // One session for the whole process, where advisory locks are re-entrant: the set makes a
      // key exclusive between holders in this process. The lock still shows in pg_locks.
      const id = `${k1}:${k2}`;
      if (heldKeys.has(id)) return null;
      heldKeys.add(id);
      const [row] = (
        await pglite.query<{ ok: boolean }>("select pg_try_advisory_lock($1::int4, $2::int4) as ok", [k1, k2]).catch((e: unknown) => {
          heldKeys.delete(id);
          throw e;
        })
      ).rows;
      if (!row?.ok) {
        heldKeys.delete(id);
        return null;
      }
      return {
        lost: new Promise<Error>(() => {}), // the session ends only with the process (or close())
        check: async () => heldKeys.has(id) && !pglite.closed,
        async release() {
          if (!heldKeys.delete(id) || pglite.closed) return;
          await pglite.query("select pg_advisory_unlock($1::int4, $2::int4)", [k1, k2]);
        },
      };
    },
    close: () => pglite.close(),
  };
}
