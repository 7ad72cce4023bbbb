import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { Database, RawSql } from "./client";
import * as schema from "./schema";

const raw = (c: PGlite | Transaction): RawSql => ({
  async exec(sqlText) {
    await c.exec(sqlText);
  },
  async query(text, params = []) {
    return (await c.query(text, params)).rows as never;
  },
});

/**
 * Opens an embedded PostgreSQL (PGlite). `dataDir` undefined = in memory. PGlite has no lock on
 * its directory: exactly one process may open it (the app server, from instrumentation.ts).
 */
export async function openPglite(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<Database & { pglite: PGlite }> {
  if (dataDir) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const pglite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
  return {
    kind: "pglite",
    where: dataDir ? path.resolve(dataDir) : "memory",
    pglite,
    drizzle: drizzle({ client: pglite, schema }),
    ...raw(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(raw(tx))),
    async listen(channel, onNotify) {
      const stop = await pglite.listen(channel, onNotify);
      return () => stop();
    },
    close: () => pglite.close(),
  };
}
