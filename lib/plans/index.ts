import { getCurrentUser, type User } from "../auth";
import { asUser, getDb, type Database } from "../db";
import * as q from "../db/queries/plans";
import type { TemplatePin } from "../db/queries/plans";
import type { Plan } from "../plan/schema";
import { currentWorkspaceId } from "../workspaces/current";

export type { PlanSummary, SaveResult, StoredPlan, TemplatePin, VersionSummary } from "../db/queries/plans";

/**
 * The plan store as the app uses it: every call runs as the current user, under RLS. With a
 * `workspaceId`, the list is that workspace's plans and new plans are created there; plans are read
 * and saved by id in any workspace the user belongs to.
 */
export function planStore(db: Database, user: User, workspaceId?: string) {
  const run = <T>(fn: (tx: Parameters<Parameters<typeof asUser>[2]>[0]) => Promise<T>) => asUser(db, user, fn);
  return {
    list: () => run((tx) => q.listPlans(tx, workspaceId)),
    create: (plan: Plan, template?: TemplatePin | null) => run((tx) => q.createPlan(tx, user.id, plan, template ?? null, workspaceId)),
    save: (planId: string, plan: Plan, baseVersion: number, template?: TemplatePin | null) =>
      run((tx) => q.savePlanVersion(tx, user.id, planId, plan, baseVersion, template)),
    get: (planId: string, version?: number) => run((tx) => q.getPlan(tx, planId, version)),
    versions: (planId: string) => run((tx) => q.listVersions(tx, planId)),
    remove: (planId: string) => run((tx) => q.deletePlan(tx, planId)),
  };
}

export type PlanStore = ReturnType<typeof planStore>;

/** The store for the current request's user, in their current workspace, on the app's database. */
export async function currentPlanStore(): Promise<PlanStore> {
  const [db, user] = await Promise.all([getDb(), getCurrentUser()]);
  return planStore(db, user, await currentWorkspaceId(db, user));
}
