import type { Database } from "../db";
import { asService } from "../db/rls";

/** The engine reads the immutable plan version a run executes (not the plan's latest). */
export async function getPlanVersionForEngine(db: Database, planId: string, version: number): Promise<unknown> {
  const [row] = await asService(db, (tx) =>
    tx.query<{ plan: unknown }>("select plan from public.plan_versions where plan_id = $1 and version = $2", [planId, version]),
  );
  if (!row) throw new Error(`plan ${planId} has no version ${version}`);
  return row.plan;
}
