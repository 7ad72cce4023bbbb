import { readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "../db/client";

export const SEED_FILE = path.join(process.cwd(), "supabase", "seed.sql");
const MARKER = "sample_documents_seeded";

/**
 * Inserts the sample documents of supabase/seed.sql the first time it runs on a database, and
 * never again: a marker row in planvas_meta remembers it, so samples the user deleted stay deleted.
 * Returns whether it seeded. Runs as the connection's owner (the samples have no owner).
 */
export async function seedSamples(db: Database, file: string = SEED_FILE): Promise<boolean> {
  const seed = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  return db.transaction(async (tx) => {
    // The insert takes the marker's key lock first, so of two concurrent starts only one seeds.
    const claimed = await tx.query<{ key: string }>(
      "insert into public.planvas_meta (key, value) values ($1, jsonb_build_object('at', now())) on conflict (key) do nothing returning key",
      [MARKER],
    );
    if (claimed.length === 0) return false;
    await tx.exec(seed);
    return true;
  });
}
