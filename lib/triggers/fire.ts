// What schedules and webhooks share: the plan or template they aim at, checking it when they are
// made, and starting a run of it when they fire — as the user who made the trigger, with that
// user's role checked then (a demoted or removed member's trigger starts nothing), at most once per
// idempotency key, and handed to the engine with the same event the Run button sends.
import { z } from "zod";
import { inngest } from "@/inngest/client";
import { runRequested } from "@/inngest/events";
import type { User } from "../auth";
import { asUser, type Database } from "../db";
import { asService } from "../db/rls";
import * as q from "../db/queries/plans";
import { plans } from "../db/schema";
import { eq, sql } from "drizzle-orm";
import { isUuid } from "../ids";
import type { Plan } from "../plan/schema";
import { runRequestedEventId, sendEvent } from "../runs/http";
import { failUnstartedRun, startRun } from "../runs/service";
import { canonical } from "../runs/store";
import { STARTERS } from "../templates/starters";
import { getTemplate, instantiateTemplate, TemplateError } from "../templates/store";
import { memberOf } from "../workspaces/members";
import { refusal } from "../workspaces/roles";

export type TriggerTarget =
  /** version null: the plan's latest version when the trigger fires. */
  | { kind: "plan"; planId: string; version: number | null }
  /** A workspace template's id or a starter's slug; version null: the latest published version. */
  | { kind: "template"; templateId: string; version: number | null };

const version = z.number().int().min(1).max(2_147_483_647).nullable().default(null);
export const triggerTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("plan"), planId: z.string().uuid("must be a plan id (uuid)"), version }).strict(),
  z
    .object({
      kind: z.literal("template"),
      templateId: z
        .string()
        .min(1)
        .max(64)
        .refine((id) => isUuid(id) || STARTERS.some((s) => s.slug === id), "must be a template id (uuid) or a starter template's slug"),
      version,
    })
    .strict(),
]);

type Issue = { path: string; message: string };
type Refused = { status: "invalid" | "forbidden" | "not_found"; message: string; issues: Issue[] };

export interface FireRequest {
  target: TriggerTarget;
  /** Template parameter values ({} for a plan target). */
  params: Record<string, unknown>;
  /** The run starts as this user: the trigger's creator. */
  ownerId: string;
  workspaceId: string;
  via: "schedule" | "webhook";
  /** The schedule's or webhook's id, recorded on the run. */
  triggerId: string;
  /** `${scheduleId}:${scheduledAt}` or `${webhookId}:${deliveryKey}`: the same key never starts two runs. */
  idempotencyKey: string;
}

export type FireResult = { status: "started"; runId: string; replayed: boolean } | Refused;

const ownerAs = (ownerId: string, workspaceId: string): User => ({ id: ownerId, name: "", chosenWorkspaceId: workspaceId });

const fromTemplateError = (e: unknown): Refused => {
  if (!(e instanceof TemplateError)) throw e;
  const status = e.status === 404 ? "not_found" : e.status === 403 ? "forbidden" : "invalid";
  return { status, message: e.message, issues: e.issues.length ? e.issues : [{ path: "target.version", message: e.message }] };
};

/** Why the owner may not run plans in the workspace now, or null. */
async function ownerRefusal(db: Database, ownerId: string, workspaceId: string): Promise<Refused | null> {
  const member = await memberOf(db, { id: ownerId }, workspaceId);
  const why = member ? refusal(member, "run_plans") : "its creator is no longer a member of this workspace";
  return why ? { status: "forbidden", message: `cannot start a run: ${why}`, issues: [{ path: "ownerId", message: why }] } : null;
}

/**
 * Checks a trigger when it is made or changed: the target exists in the workspace and `params` fit
 * its parameters (issues name `params.<name>`). A plan has no parameters.
 */
export async function checkTarget(
  db: Database,
  ownerId: string,
  workspaceId: string,
  target: TriggerTarget,
  params: Record<string, unknown>,
): Promise<{ ok: true; paramNames: string[] } | ({ ok: false } & Refused)> {
  const refused = await ownerRefusal(db, ownerId, workspaceId);
  if (refused) return { ok: false, ...refused };
  const user = ownerAs(ownerId, workspaceId);
  if (target.kind === "plan") {
    const extra = Object.keys(params);
    if (extra.length)
      return {
        ok: false,
        status: "invalid",
        message: "a plan has no parameters",
        issues: extra.map((k) => ({ path: `params.${k}`, message: "a plan has no parameters (only templates do)" })),
      };
    const [row] = await asService(db, (tx) =>
      tx.query<{ workspace_id: string; latest_version: number }>("select workspace_id, latest_version from public.plans where id = $1", [target.planId]),
    );
    if (!row || row.workspace_id !== workspaceId)
      return {
        ok: false,
        status: "not_found",
        message: `no plan with id "${target.planId}" in this workspace`,
        issues: [{ path: "target.planId", message: "no plan has this id here" }],
      };
    if (target.version !== null && target.version > row.latest_version)
      return {
        ok: false,
        status: "not_found",
        message: `plan has no version ${target.version}`,
        issues: [{ path: "target.version", message: `the latest is ${row.latest_version}` }],
      };
    return { ok: true, paramNames: [] };
  }
  try {
    const starter = STARTERS.find((s) => s.slug === target.templateId);
    if (!starter) {
      const t = await getTemplate(db, user, target.templateId);
      if (t.workspaceId !== workspaceId) throw new TemplateError(404, `no template with id "${target.templateId}" in this workspace`);
    }
    const made = await instantiateTemplate(db, user, target.templateId, target.version ?? undefined, params);
    return { ok: true, paramNames: Object.keys(made.values) };
  } catch (e) {
    return { ok: false, ...fromTemplateError(e) };
  }
}

/** jsonb keeps no key order: compare with sorted keys. */
const sameJson = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * The trigger's own plan, at a version equal to `plan` pinned to `pin`: made on the first fire, a
 * new version only when the template or the values changed. Serialized per trigger (an advisory
 * lock on its id) so two deliveries at once make one plan.
 */
async function triggerPlan(db: Database, user: User, triggerId: string, plan: Plan, pin: q.TemplatePin): Promise<{ planId: string; version: number }> {
  return asUser(db, user, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`trigger-plan:${triggerId}`}, 0))`);
    const [row] = await tx.select({ id: plans.id, latest: plans.latestVersion }).from(plans).where(eq(plans.triggerId, triggerId));
    if (!row) {
      const made = await q.createPlan(tx, user.id, plan, pin, user.chosenWorkspaceId);
      await tx.update(plans).set({ triggerId }).where(eq(plans.id, made.id));
      return { planId: made.id, version: made.version };
    }
    const current = await q.getPlan(tx, row.id);
    if (current && sameJson(current.plan, plan) && sameJson(current.template, pin)) return { planId: row.id, version: current.version };
    const saved = await q.savePlanVersion(tx, user.id, row.id, plan, row.latest, pin);
    if (saved.status !== "saved") throw new Error(`could not save the trigger's plan ${row.id}: ${saved.status}`);
    return { planId: row.id, version: saved.version };
  });
}

/** Starts a run for a trigger (at most once per idempotency key) and hands it to the engine. */
export async function fireTrigger(db: Database, req: FireRequest): Promise<FireResult> {
  const refused = await ownerRefusal(db, req.ownerId, req.workspaceId);
  if (refused) return refused;
  const user = ownerAs(req.ownerId, req.workspaceId);
  let planId: string;
  let version: number | undefined;
  if (req.target.kind === "plan") {
    planId = req.target.planId;
    version = req.target.version ?? undefined;
  } else {
    try {
      const made = await instantiateTemplate(db, user, req.target.templateId, req.target.version ?? undefined, req.params);
      ({ planId, version } = await triggerPlan(db, user, req.triggerId, made.plan, { id: req.target.templateId, version: made.version, params: made.values }));
    } catch (e) {
      return fromTemplateError(e);
    }
  }
  const started = await startRun(db, user, planId, version, {
    // Namespaced, so a key a user sends to POST /api/runs never meets a trigger's.
    idempotencyKey: `trigger:${req.idempotencyKey}`,
    request: { via: req.via, triggerId: req.triggerId, target: req.target, params: req.params },
    trigger: { via: req.via, id: req.triggerId },
  });
  if (started.status === "key_reused") return { status: "invalid", message: started.message, issues: started.issues };
  if (started.status !== "started") return { ...started, issues: "issues" in started ? started.issues : [{ path: "target", message: started.message }] };
  // A replay sends the event again under the same id: harmless, and it recovers a fire that
  // stopped between creating the run and handing it over.
  const failed = await sendEvent(() => inngest.send(runRequested.create({ runId: started.runId }, { id: runRequestedEventId(started.runId) })));
  if (failed && !started.replayed) await failUnstartedRun(db, started.runId, `could not hand the run to Inngest: ${failed}`);
  return { status: "started", runId: started.runId, replayed: started.replayed };
}

/** The plan a template trigger runs, when it has fired once (for links from the trigger's page). */
export async function planOfTrigger(db: Database, user: Pick<User, "id">, triggerId: string): Promise<string | null> {
  return asUser(db, user, async (tx) => (await tx.select({ id: plans.id }).from(plans).where(eq(plans.triggerId, triggerId)))[0]?.id ?? null);
}
