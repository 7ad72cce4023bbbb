// Who may start, cancel and rerun runs: editors and up of the plan's workspace. The engine writes
// runs as service role, so this is checked here before anything is recorded (RLS alone would let
// any member who can read a plan start it).
import type { User } from "../auth";
import type { Database } from "../db";
import { asService } from "../db/rls";
import { holderOf } from "../workspaces/access";
import { refusal, type Capability } from "../workspaces/roles";

/** Why `user` may not do `capability` on the plan's runs, or null when they may (or the plan is not theirs to see: a 404 follows). */
export async function refusalOnPlan(db: Database, user: Pick<User, "id">, planId: string, capability: Capability): Promise<string | null> {
  const row = await holderOf(db, user, "plan", planId);
  if (!row?.role) return null;
  return refusal({ role: row.role, approver: row.approver ?? false }, capability);
}

/** The same for a run, through its plan. */
export async function refusalOnRun(db: Database, user: Pick<User, "id">, runId: string, capability: Capability): Promise<string | null> {
  const [row] = await asService(db, (tx) => tx.query<{ plan_id: string }>("select plan_id from public.runs where id = $1", [runId]));
  return row ? refusalOnPlan(db, user, row.plan_id, capability) : null;
}
