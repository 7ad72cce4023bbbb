import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * Serves the embedded database over the PostgreSQL wire protocol on 127.0.0.1, so psql, the
 * Supabase CLI (`supabase db push --db-url`) or a SQL client can reach it while the app owns the
 * data directory (PGlite has no lock: a second process must never open the directory itself).
 * All socket clients share one session; keep their transactions short.
 */
export async function servePgliteSocket(pglite: PGlite, port: number): Promise<PGLiteSocketServer> {
  const server = new PGLiteSocketServer({ db: pglite, port, host: "127.0.0.1", maxConnections: 8 });
  await server.start();
  return server;
}
