import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "./client";

export const MIGRATIONS_DIR = path.join(process.cwd(), "supabase", "migrations");
const COMPAT_FILE = path.join(process.cwd(), "lib", "db", "compat.sql");
const NAME = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

/** Reads `supabase/migrations/<YYYYMMDDHHMMSS>_<name>.sql` in order; anything else is an error. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((file) => {
      const m = NAME.exec(file);
      if (!m) throw new Error(`supabase/migrations/${file}: migration files are named <YYYYMMDDHHMMSS>_<name>.sql`);
      return { version: m[1]!, name: m[2]!, sql: readFileSync(path.join(/*turbopackIgnore: true*/ dir, file), "utf8") };
    });
}

/**
 * Applies the compatibility script, then every migration not yet recorded in
 * supabase_migrations.schema_migrations — the table the Supabase CLI keeps itself, so
 * `supabase db push` and Planvas agree on what has been applied. All in one transaction behind an
 * advisory lock: two servers starting at once apply each migration once, and a failing migration
 * leaves the database as it was.
 */
export async function migrate(db: Database, opts: { dir?: string; log?: (msg: string) => void } = {}): Promise<string[]> {
  const pending = readMigrations(opts.dir);
  const compat = readFileSync(/*turbopackIgnore: true*/ COMPAT_FILE, "utf8");
  return db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock(7234001)");
    await tx.exec(compat);
    const done = new Set((await tx.query<{ version: string }>("select version from supabase_migrations.schema_migrations")).map((r) => r.version));
    const applied: string[] = [];
    for (const m of pending) {
      if (done.has(m.version)) continue;
      try {
        await tx.exec(m.sql);
      } catch (e) {
        throw new Error(`supabase/migrations/${m.version}_${m.name}.sql: ${(e as Error).message}`, { cause: e });
      }
      await tx.query("insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)", [m.version, m.name, [m.sql]]);
      applied.push(m.version);
      opts.log?.(`applied migration ${m.version}_${m.name}`);
    }
    return applied;
  });
}
