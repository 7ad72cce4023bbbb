import { getDb } from "@/lib/db";
import { json } from "@/lib/http/json";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Liveness and readiness: answers 200 once the database is open and migrated. */
export async function GET() {
  try {
    const db = await getDb();
    await db.query("select 1");
    return json({ ok: true, database: db.kind });
  } catch (e) {
    return json({ ok: false, error: (e as Error).message }, 503);
  }
}
