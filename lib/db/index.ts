import { processSingleton, setProcessSingleton } from "../singleton";
import type { Database } from "./client";
import { databaseConfig } from "./config";
import { migrate } from "./migrate";
import { openPglite } from "./pglite";
import { openPostgres } from "./postgres";

export type { Database, Db, RawSql } from "./client";
export { asUser } from "./rls";

/** Opens the configured database and applies the migrations (lib/bootstrap.ts prepares its content). */
export async function openDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  const config = databaseConfig(env);
  const db = config.kind === "postgres" ? await openPostgres(config.url) : await openPglite(config.dataDir);
  try {
    await migrate(db, { log: (m) => console.log(`[planvas] ${m}`) });
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

/**
 * The process's database. The server's instrumentation.ts creates it with lib/bootstrap.ts (which
 * also prepares the workspace); anything else running first gets it opened and migrated.
 */
export function getDb(): Promise<Database> {
  return processSingleton("db", () => openDatabase());
}

/** Tests and scripts: use this database for the process (undefined forgets it). */
export function setDatabase(db: Database | undefined): void {
  setProcessSingleton("db", db ? Promise.resolve(db) : undefined);
}
