// Server start-up, in one place: open and migrate the database, make sure the local owner exists,
// and give the offline demo its sample documents. instrumentation.ts calls it before the server
// takes requests; everything else gets the same handle from getDb().
import { LOCAL_OWNER } from "./auth/user";
import { openDatabase, type Database } from "./db";
import { ensureUser } from "./db/rls";
import { seedSamples } from "./knowledge/seed";
import { processSingleton } from "./singleton";

/** Opens the database `env` configures, ready for requests (scripts open their own with it). */
export async function openWorkspace(env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  const db = await openDatabase(env);
  try {
    // The single owner of an embedded workspace (with Supabase Auth, users come from auth.users).
    await ensureUser(db, LOCAL_OWNER);
    if (db.kind === "pglite") await seedSamples(db); // the offline demo's sample documents, once
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

/** The process's database, ready for requests (the same handle getDb() returns afterwards). */
export function bootstrap(): Promise<Database> {
  return processSingleton("db", () => openWorkspace());
}
