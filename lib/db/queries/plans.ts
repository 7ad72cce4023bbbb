import { and, desc, eq } from "drizzle-orm";
import { isUuid, isVersionNumber } from "../../ids";
import type { Plan } from "../../plan/schema";
import type { Db } from "../client";
import { planVersions, plans, profiles } from "../schema";

export interface PlanSummary {
  id: string;
  title: string;
  version: number;
  stepCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The template version a plan was made from: a workspace template's uuid or a starter's slug, and the values used. */
export interface TemplatePin {
  id: string;
  version: number;
  params: Record<string, unknown>;
}

const pinColumns = (pin: TemplatePin | null) => ({
  templateId: pin && isUuid(pin.id) ? pin.id : null,
  templateStarter: pin && !isUuid(pin.id) ? pin.id : null,
  templateVersion: pin?.version ?? null,
  templateParams: pin?.params ?? null,
});

function pinOf(row: {
  templateId: string | null;
  templateStarter: string | null;
  templateVersion: number | null;
  templateParams: Record<string, unknown> | null;
}): TemplatePin | null {
  const id = row.templateId ?? row.templateStarter;
  // A deleted template leaves the version behind (on delete set null): the plan is no longer pinned.
  return id && row.templateVersion ? { id, version: row.templateVersion, params: row.templateParams ?? {} } : null;
}

export interface StoredPlan {
  id: string;
  version: number;
  latestVersion: number;
  title: string;
  plan: Plan;
  savedAt: Date;
  savedBy: { id: string; name: string };
  template: TemplatePin | null;
}

export interface VersionSummary {
  version: number;
  title: string;
  stepCount: number;
  createdAt: Date;
  createdBy: { id: string; name: string };
}

export type SaveResult = { status: "saved"; version: number } | { status: "conflict"; latestVersion: number } | { status: "not_found" };

/** A malformed id cannot name a plan: answer "not found" instead of letting Postgres reject the cast. */
export const isPlanId = (id: string) => isUuid(id);

/** The plans the user can see, most recently saved first: of one workspace when `workspaceId` is given. */
export async function listPlans(tx: Db, workspaceId?: string): Promise<PlanSummary[]> {
  const rows = await tx
    .select({
      id: plans.id,
      title: plans.title,
      version: plans.latestVersion,
      stepCount: plans.stepCount,
      createdAt: plans.createdAt,
      updatedAt: plans.updatedAt,
    })
    .from(plans)
    .where(workspaceId === undefined ? undefined : eq(plans.workspaceId, workspaceId))
    .orderBy(desc(plans.updatedAt), desc(plans.id));
  return rows;
}

/** A new plan at version 1, in `workspaceId` (without one, the owner's personal workspace: a trigger fills it). */
export async function createPlan(
  tx: Db,
  userId: string,
  plan: Plan,
  template: TemplatePin | null = null,
  workspaceId?: string,
): Promise<{ id: string; version: number }> {
  const [row] = await tx
    .insert(plans)
    .values({
      ownerId: userId,
      ...(workspaceId ? { workspaceId } : {}),
      title: plan.title,
      latestVersion: 1,
      stepCount: plan.steps.length,
      ...pinColumns(template),
    })
    .returning({ id: plans.id });
  await tx.insert(planVersions).values({ planId: row!.id, version: 1, title: plan.title, plan, stepCount: plan.steps.length, createdBy: userId });
  return { id: row!.id, version: 1 };
}

/**
 * Saves `plan` as the next version, but only when `baseVersion` is the latest one: the row lock
 * taken by `for update` serializes concurrent writers, so the second of two saves on the same base
 * gets a conflict instead of silently replacing the first.
 */
export async function savePlanVersion(
  tx: Db,
  userId: string,
  planId: string,
  plan: Plan,
  baseVersion: number,
  /** undefined keeps the pin; a pin re-pins (after an upgrade); null unpins. */
  template?: TemplatePin | null,
): Promise<SaveResult> {
  if (!isPlanId(planId)) return { status: "not_found" };
  const [current] = await tx.select({ latest: plans.latestVersion }).from(plans).where(eq(plans.id, planId)).for("update");
  if (!current) return { status: "not_found" };
  if (current.latest !== baseVersion) return { status: "conflict", latestVersion: current.latest };
  const version = current.latest + 1;
  await tx.insert(planVersions).values({ planId, version, title: plan.title, plan, stepCount: plan.steps.length, createdBy: userId });
  await tx
    .update(plans)
    .set({
      latestVersion: version,
      title: plan.title,
      stepCount: plan.steps.length,
      updatedAt: new Date(),
      ...(template === undefined ? {} : pinColumns(template)),
    })
    .where(eq(plans.id, planId));
  return { status: "saved", version };
}

export async function getPlan(tx: Db, planId: string, version?: number): Promise<StoredPlan | null> {
  // Nor can a version an integer column cannot hold (Postgres would refuse it: a 500).
  if (!isPlanId(planId) || (version !== undefined && !isVersionNumber(version))) return null;
  const [head] = await tx
    .select({
      latest: plans.latestVersion,
      templateId: plans.templateId,
      templateStarter: plans.templateStarter,
      templateVersion: plans.templateVersion,
      templateParams: plans.templateParams,
    })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!head) return null;
  const [row] = await tx
    .select({
      version: planVersions.version,
      title: planVersions.title,
      plan: planVersions.plan,
      createdAt: planVersions.createdAt,
      createdBy: planVersions.createdBy,
      name: profiles.displayName,
    })
    .from(planVersions)
    .leftJoin(profiles, eq(profiles.id, planVersions.createdBy))
    .where(and(eq(planVersions.planId, planId), eq(planVersions.version, version ?? head.latest)));
  if (!row) return null;
  return {
    id: planId,
    version: row.version,
    latestVersion: head.latest,
    title: row.title,
    plan: row.plan,
    savedAt: row.createdAt,
    savedBy: { id: row.createdBy, name: row.name ?? "" },
    template: pinOf(head),
  };
}

export async function listVersions(tx: Db, planId: string): Promise<VersionSummary[] | null> {
  if (!isPlanId(planId)) return null;
  const [head] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, planId));
  if (!head) return null;
  const rows = await tx
    .select({
      version: planVersions.version,
      title: planVersions.title,
      stepCount: planVersions.stepCount,
      createdAt: planVersions.createdAt,
      createdBy: planVersions.createdBy,
      name: profiles.displayName,
    })
    .from(planVersions)
    .leftJoin(profiles, eq(profiles.id, planVersions.createdBy))
    .where(eq(planVersions.planId, planId))
    .orderBy(desc(planVersions.version));
  return rows.map(({ createdBy, name, ...r }) => ({ ...r, createdBy: { id: createdBy, name: name ?? "" } }));
}

export async function deletePlan(tx: Db, planId: string): Promise<boolean> {
  if (!isPlanId(planId)) return false;
  const rows = await tx.delete(plans).where(eq(plans.id, planId)).returning({ id: plans.id });
  return rows.length > 0;
}
