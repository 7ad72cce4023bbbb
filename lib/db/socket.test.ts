import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { servePgliteSocket } from "./socket";
import { openTestDatabase } from "./testing";

describe("the embedded database over the wire protocol", () => {
  it("answers a PostgreSQL client (postgres.js) on 127.0.0.1", async () => {
    const db = await openTestDatabase("pglite");
    const pglite = (db as unknown as { pglite: import("@electric-sql/pglite").PGlite }).pglite;
    const port = 56_000 + Math.floor(Math.random() * 1000);
    const server = await servePgliteSocket(pglite, port);
    const sql = postgres(`postgres://postgres@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql`select count(*)::int as n from supabase_migrations.schema_migrations`;
      expect(rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await sql.end({ timeout: 1 });
      await server.stop();
      await db.drop();
    }
  });
});
