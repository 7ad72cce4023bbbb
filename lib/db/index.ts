import { LOCAL_OWNER } from "../auth/user";
import type { Database } from "./client";
import { databaseConfig } from "./config";
import { migrate } from "./migrate";
import { openPglite } from "./pglite";
import { openPostgres } from "./postgres";
import { ensureUser } from "./rls";

export type { Database, Db, RawSql } from "./client";
export { asUser } from "./rls";

/** Opens the configured database, applies migrations and makes sure the local owner exists. */
export async function openDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  const config = databaseConfig(env);
  const db = config.kind === "postgres" ? await openPostgres(config.url) : await openPglite(config.dataDir);
  try {
    await migrate(db, { log: (m) => console.log(`[planvas] ${m}`) });
    await ensureUser(db, LOCAL_OWNER);
    if (db.kind === "pglite") await (await import("../knowledge/seed")).seedSamples(db); // the offline demo's sample documents, once
  } catch (e) {
    await db.close();
    throw e;
  }
  console.log(`[planvas] database: ${db.kind} (${db.where})`);
  const socketPort = Number(env.PLANVAS_PGLITE_PORT ?? 0);
  if (db.kind === "pglite" && socketPort > 0) {
    const { servePgliteSocket } = await import("./socket");
    await servePgliteSocket((db as Database & { pglite: import("@electric-sql/pglite").PGlite }).pglite, socketPort);
    console.log(`[planvas] embedded database served at postgres://postgres@127.0.0.1:${socketPort}/postgres`);
  }
  return db;
}

// Route handlers and instrumentation.ts are separate bundles and `next dev` re-evaluates modules,
// so the one handle per process lives on globalThis: the PGlite directory is opened exactly once.
const slot = globalThis as typeof globalThis & { __planvasDb?: Promise<Database> };

export function getDb(): Promise<Database> {
  slot.__planvasDb ??= openDatabase().catch((e) => {
    slot.__planvasDb = undefined; // let the next request retry instead of caching the failure
    throw e;
  });
  return slot.__planvasDb;
}
