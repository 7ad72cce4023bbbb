// What the API does with runs: start (a snapshot of a plan version), read, list, cancel, decide.
import type { User } from "../auth";
import type { Database } from "../db";
import { isUuid } from "../ids";
import { asService, asUserSql } from "../db/rls";
import { planStore } from "../plans";
import { stepPublishes } from "../tools/catalog";
import { getToolDefinition } from "../tools/registry";
import { validatePlan } from "../plan/validate";
import { STARTERS } from "../templates/starters";
import { gatesOf } from "./gate";
import { refusalOnPlan, refusalOnRun } from "./permissions";
import { can, type Role } from "../workspaces/roles";
import { gateLoader, gateView, type GateView } from "./gate-check";
import { previousRevision } from "./revisions";
import { finishRunTx } from "./lifecycle";
import type { Gate } from "./machine";
import { DONE_OK, TERMINAL } from "./status";
import {
  emit,
  getRunRow,
  getStepRows,
  insertRun,
  insertRunOnce,
  IDEMPOTENCY_WINDOW_HOURS,
  type ApprovalRow,
  type NewRun,
  type RunRow,
  type RunStepRow,
  type RunTemplateRow,
} from "./store";

type Issues = { path: string; message: string }[];

export type StartResult =
  | { status: "started"; runId: string; replayed: boolean }
  | { status: "not_found"; message: string }
  | { status: "forbidden"; message: string }
  | { status: "invalid"; message: string; issues: Issues }
  /** The Idempotency-Key was already used for a different request. */
  | { status: "key_reused"; message: string; issues: Issues };

/** Inserts the run, at most once per Idempotency-Key (when one is given). */
async function createRun(
  db: Database,
  run: NewRun,
  idempotencyKey: string | undefined,
  request: Record<string, unknown>,
): Promise<{ runId: string; replayed: boolean } | { reusedFor: unknown }> {
  if (!idempotencyKey) return { runId: await insertRun(db, run), replayed: false };
  const r = await insertRunOnce(db, run, idempotencyKey, request);
  return r.kind === "mismatch" ? { reusedFor: r.request } : { runId: r.runId, replayed: r.kind === "replayed" };
}

const keyReused = (request: unknown) => {
  const message = `this Idempotency-Key was used within the last ${IDEMPOTENCY_WINDOW_HOURS} hours for a different request (${JSON.stringify(request)}); send a new key for a new request`;
  return { status: "key_reused" as const, message, issues: [{ path: "headers.Idempotency-Key", message }] };
};

/**
 * Creates a run of a plan version (the latest when none is given). The run executes that immutable
 * version: editing the plan afterwards never changes it.
 */
export async function startRun(
  db: Database,
  user: User,
  planId: string,
  version?: number,
  /** `request`: what the Idempotency-Key stands for, when it is not this plan (a template run). */
  opts: { idempotencyKey?: string; request?: Record<string, unknown>; trigger?: NewRun["trigger"] } = {},
): Promise<StartResult> {
  // Both reads at once (two connections on PostgreSQL); a plan the user cannot see is still "not found".
  const [stored, refused] = await Promise.all([planStore(db, user).get(planId, version), refusalOnPlan(db, user, planId, "run_plans")]);
  if (!stored) return { status: "not_found", message: version ? `no version ${version} of plan "${planId}"` : `no plan with id "${planId}"` };
  if (refused) return { status: "forbidden", message: `cannot start a run: ${refused}` };
  const checked = validatePlan(stored.plan);
  if (!checked.ok)
    return { status: "invalid", message: "the plan is not valid", issues: checked.issues.map(({ path, message }) => ({ path: `plan.${path}`, message })) };
  if (checked.plan.steps.length === 0)
    return { status: "invalid", message: "the plan has no steps to run", issues: [{ path: "plan.steps", message: "must contain at least one step" }] };
  const made = await createRun(
    db,
    { planId, version: stored.version, plan: checked.plan, startedBy: user.id, gates: gatesOf(checked.plan.steps), trigger: opts.trigger },
    opts.idempotencyKey,
    opts.request ?? { planId, version: version ?? null },
  );
  if ("reusedFor" in made) return keyReused(made.reusedFor);
  return { status: "started", ...made };
}

/** Marks a run that could not be handed to the engine as failed, with the reason. */
export async function failUnstartedRun(db: Database, runId: string, error: string): Promise<void> {
  await asService(db, (tx) => finishRunTx(tx, runId, "failed", error));
}

export type CancelResult = { status: "cancelled" | "already_finished"; runStatus: string } | { status: "not_found" } | { status: "forbidden"; message: string };

/** Cancels a run: its unfinished steps end cancelled now; the engine stops on the cancel event. */
export async function cancelRun(db: Database, user: User, runId: string): Promise<CancelResult> {
  if (!isUuid(runId)) return { status: "not_found" };
  const visible = await asUserSql(db, user, (tx) => tx.query("select 1 from public.runs where id = $1", [runId]));
  if (!visible.length) return { status: "not_found" };
  const refused = await refusalOnRun(db, user, runId, "run_plans");
  if (refused) return { status: "forbidden", message: `cannot cancel this run: ${refused}` };
  return asService(db, async (tx) => {
    const run = await getRunRow(tx, runId, true);
    if (!run) return { status: "not_found" };
    await emit(tx, runId, "run.cancel_requested", null, { by: user.id });
    const changed = await finishRunTx(tx, runId, "cancelled", `cancelled by ${user.name || user.id}`);
    return changed ? { status: "cancelled", runStatus: "cancelled" } : { status: "already_finished", runStatus: run.status };
  });
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function stepJson(s: RunStepRow, approvals: ApprovalRow[] = []) {
  const previous = previousRevision(s, approvals);
  return {
    id: s.step_id,
    stepIndex: s.step_index,
    toolName: s.tool_name,
    status: s.status,
    requiresApproval: s.requires_approval,
    gate: s.gate,
    publishes: stepPublishes(s.tool_name, s.input),
    revision: s.revision,
    input: s.input,
    output: s.output,
    contentHash: s.content_hash,
    attempts: s.attempts,
    error: s.error,
    logs: s.logs,
    reused: s.reused,
    delivery: s.delivery,
    idempotencyKey: s.idempotency_key,
    startedAt: iso(s.started_at),
    finishedAt: iso(s.finished_at),
    /** The revision a reviewer rejected before this one, to compare with (absent at revision 0). */
    ...(previous ? { previous } : {}),
  };
}

export function runJson(r: RunRow & RunTemplateRow & { plan_title?: string; started_by_name?: string | null; trigger_name?: string | null }) {
  return {
    id: r.id,
    status: r.status,
    planId: r.plan_id,
    version: r.plan_version,
    planTitle: r.plan_title ?? null,
    seq: Number(r.seq),
    startedBy: { id: r.started_by, name: r.started_by_name ?? "" },
    createdAt: iso(r.created_at),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    error: r.error,
    rerunOf: r.rerun_of,
    rerunFrom: r.rerun_from,
    /** How it started: by hand, as a rerun, or fired by a schedule or a webhook (`triggerId`). */
    trigger: r.trigger ?? (r.rerun_of ? "rerun" : "manual"),
    triggerId: r.trigger_id ?? null,
    /** The schedule's or webhook's name (null once it is deleted). */
    triggerName: r.trigger_name ?? null,
    /** The template version and values the plan was made from, when it was. */
    template:
      r.template_version && (r.template_id || r.template_starter)
        ? {
            id: r.template_id ?? null,
            starter: r.template_starter ?? null,
            name:
              r.template_name ??
              (r.template_starter ? (STARTERS.find((s) => s.slug === r.template_starter)?.name ?? r.template_starter) : "a deleted template"),
            version: r.template_version,
            params: r.template_params ?? {},
          }
        : null,
  };
}

export function approvalJson(a: ApprovalRow & { decided_by_name?: string | null }) {
  return {
    id: a.id,
    stepId: a.step_id,
    revision: a.revision,
    decision: a.decision,
    contentHash: a.content_hash,
    comment: a.comment,
    output: a.output,
    decidedBy: { id: a.decided_by, name: a.decided_by_name ?? "", role: a.decided_role, approver: a.decided_approver },
    /** False for an approval that counted toward a quorum without settling the gate. */
    final: a.final,
    decidedAt: iso(a.decided_at),
  };
}

export type RunView = ReturnType<typeof runJson> & {
  you: { role: Role | null; mayRun: boolean };
  /** `approval`: a waiting gate's rule and progress for the person looking (null when not waiting). */
  steps: (ReturnType<typeof stepJson> & { approval: GateView | null })[];
  approvals: ReturnType<typeof approvalJson>[];
};

/** The run as the API and the canvas see it, read under RLS (null when not visible). */
export async function getRunView(db: Database, user: User, runId: string): Promise<RunView | null> {
  if (!isUuid(runId)) return null;
  return asUserSql(db, user, async (tx) => {
    const [run] = await tx.query<RunRow & RunTemplateRow & { plan_title: string; started_by_name: string | null } & Record<string, unknown>>(
      `select r.id, r.plan_id, r.plan_version, r.status, r.started_by, r.created_at, r.started_at, r.finished_at, r.error, r.seq::int as seq, r.rerun_of, r.rerun_from, r.trigger, r.trigger_id,
              (case r.trigger when 'schedule' then (select sc.name from public.schedules sc where sc.id = r.trigger_id)
                              when 'webhook' then (select wh.name from public.webhooks wh where wh.id = r.trigger_id) end) as trigger_name,
              r.template_id, r.template_starter, r.template_version, r.template_params, t.name as template_name,
              v.title as plan_title, p.display_name as started_by_name
         from public.runs r
         join public.plan_versions v on v.plan_id = r.plan_id and v.version = r.plan_version
         left join public.profiles p on p.id = r.started_by
         left join public.templates t on t.id = r.template_id
        where r.id = $1`,
      [runId],
    );
    if (!run) return null;
    const steps = await getStepRows(tx, runId);
    const approvals = await tx.query<ApprovalRow & { decided_by_name: string | null } & Record<string, unknown>>(
      "select a.*, p.display_name as decided_by_name from public.approvals a left join public.profiles p on p.id = a.decided_by where a.run_id = $1 order by a.decided_at, a.id",
      [runId],
    );
    const gates = gateLoader(tx);
    const waiting = await Promise.all(
      steps.map(async (s) =>
        s.status === "awaiting_approval"
          ? gateView(
              await gates.context(
                run,
                s,
                approvals.filter((a) => a.step_id === s.step_id && a.revision === s.revision),
              ),
              user.id,
              { delivery: s.delivery === "unknown" },
            )
          : null,
      ),
    );
    const [me] = await tx.query<{ role: Role }>(
      "select m.role from public.plans p join public.memberships m on m.workspace_id = p.workspace_id and m.user_id = $2 where p.id = $1",
      [run.plan_id, user.id],
    );
    return {
      ...runJson(run),
      /** What the person looking may do with the run itself (a viewer reads; editors and up start, cancel, rerun). */
      you: { role: me?.role ?? null, mayRun: can(me ? { role: me.role, approver: false } : null, "run_plans") },
      steps: steps.map((s, i) => ({ ...stepJson(s, approvals), approval: waiting[i] ?? null })),
      approvals: approvals.map(approvalJson),
    };
  });
}

/** Runs, newest first: of one plan, or all the user can see (of one workspace, with `workspaceId`). */
export async function listRuns(db: Database, user: User, filter: { planId?: string; limit?: number; workspaceId?: string } = {}) {
  if (filter.planId !== undefined && !isUuid(filter.planId)) return [];
  return asUserSql(db, user, async (tx) => {
    const rows = await tx.query<RunRow & { plan_title: string; started_by_name: string | null; step_count: number; waiting: number } & Record<string, unknown>>(
      `select r.id, r.plan_id, r.plan_version, r.status, r.started_by, r.created_at, r.started_at, r.finished_at, r.error, r.seq::int as seq, r.rerun_of, r.rerun_from, r.trigger, r.trigger_id,
              (case r.trigger when 'schedule' then (select sc.name from public.schedules sc where sc.id = r.trigger_id)
                              when 'webhook' then (select wh.name from public.webhooks wh where wh.id = r.trigger_id) end) as trigger_name,
              v.title as plan_title, p.display_name as started_by_name,
              (select count(*)::int from public.run_steps s where s.run_id = r.id) as step_count,
              (select count(*)::int from public.run_steps s where s.run_id = r.id and s.status = 'awaiting_approval') as waiting
         from public.runs r
         join public.plan_versions v on v.plan_id = r.plan_id and v.version = r.plan_version
         left join public.profiles p on p.id = r.started_by
        where ($1::uuid is null or r.plan_id = $1::uuid)
          and ($3::uuid is null or exists (select 1 from public.plans pl where pl.id = r.plan_id and pl.workspace_id = $3::uuid))
        order by r.created_at desc, r.id
        limit $2`,
      [filter.planId ?? null, Math.min(Math.max(filter.limit ?? 50, 1), 200), filter.workspaceId ?? null],
    );
    return rows.map((r) => ({ ...runJson(r), stepCount: r.step_count, awaitingApproval: r.waiting }));
  });
}

/** A step waiting for a decision, as the inbox reads it. */
interface InboxRow {
  run_id: string;
  plan_id: string;
  plan_version: number;
  started_by: string;
  plan_title: string;
  step_id: string;
  step_index: number;
  tool_name: string;
  gate: Gate;
  delivery: "sending" | "unknown" | null;
  revision: number;
  content_hash: string | null;
  input: Record<string, unknown>;
  output: unknown;
  updated_at: Date;
}

/**
 * Every step waiting for a decision that the user may make, across the runs they can see (of one
 * workspace, with `workspaceId`), newest first, each with its gate ("1 of 2 approvals", who else may
 * decide). Gates the user may not decide (not named by the rule, four-eyes, already approved) are left out.
 */
export async function listAwaitingApproval(db: Database, user: User, limit = 100, workspaceId?: string) {
  return asUserSql(db, user, async (tx) => {
    const rows = await tx.query<InboxRow & Record<string, unknown>>(
      `select s.run_id, r.plan_id, r.plan_version, r.started_by, v.title as plan_title, s.step_id, s.step_index, s.tool_name, s.gate, s.delivery, s.revision, s.content_hash, s.input, s.output, s.updated_at
         from public.run_steps s
         join public.runs r on r.id = s.run_id
         join public.plan_versions v on v.plan_id = r.plan_id and v.version = r.plan_version
        where s.status = 'awaiting_approval'
          and ($2::uuid is null or exists (select 1 from public.plans pl where pl.id = r.plan_id and pl.workspace_id = $2::uuid))
        order by s.updated_at desc, s.run_id, s.step_id
        limit $1`,
      [Math.min(Math.max(limit, 1), 500), workspaceId ?? null],
    );
    // Every waiting step's votes in one read (the inbox count is polled), then each gate from memory.
    const votes = rows.length
      ? await tx.query<ApprovalRow & Record<string, unknown>>(
          `select a.* from public.approvals a
             join unnest($1::uuid[], $2::text[], $3::int[]) as w(run_id, step_id, revision)
               on a.run_id = w.run_id and a.step_id = w.step_id and a.revision = w.revision
            order by a.decided_at, a.id`,
          [rows.map((r) => r.run_id), rows.map((r) => r.step_id), rows.map((r) => r.revision)],
        )
      : [];
    const gates = gateLoader(tx);
    const views = await Promise.all(
      rows.map(async (r) => {
        const mine = votes.filter((v) => v.run_id === r.run_id && v.step_id === r.step_id && v.revision === r.revision);
        const ctx = await gates.context({ id: r.run_id, plan_id: r.plan_id, plan_version: r.plan_version, started_by: r.started_by }, r, mine);
        return gateView(ctx, user.id, { delivery: r.delivery === "unknown" });
      }),
    );
    return rows.flatMap((r, i) => (views[i]!.you.may ? [{ ...itemJson(r), approval: views[i]! }] : []));
  });
}

function itemJson(r: InboxRow) {
  return {
    runId: r.run_id,
    planId: r.plan_id,
    planTitle: r.plan_title,
    stepId: r.step_id,
    stepIndex: r.step_index,
    toolName: r.tool_name,
    gate: r.gate,
    delivery: r.delivery,
    revision: r.revision,
    contentHash: r.content_hash,
    input: r.input,
    output: r.output,
    waitingSince: new Date(r.updated_at).toISOString(),
  };
}

export type RerunResult =
  | { status: "started"; runId: string; reused: string[]; rerun: string[]; replayed: boolean }
  | { status: "key_reused"; message: string; issues: Issues }
  | { status: "not_found"; message: string }
  | { status: "forbidden"; message: string }
  | { status: "invalid"; message: string; issues: { path: string; message: string }[] }
  | { status: "needs_confirmation"; message: string; sideEffects: string[] };

/** The step and everything that depends on it, directly or not. */
export function downstreamOf(steps: { id: string; dependsOn: string[] }[], from: string): Set<string> {
  const out = new Set([from]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of steps) if (!out.has(s.id) && s.dependsOn.some((d) => out.has(d))) grew = out.add(s.id) !== undefined;
  }
  return out;
}

/**
 * A new run of the same plan version that reuses the outputs of the steps before `fromStep` and
 * executes `fromStep` and everything after it again. Steps with side effects that would execute
 * again must each be confirmed: they are never replayed silently.
 */
export async function rerunFrom(
  db: Database,
  user: User,
  runId: string,
  fromStep: string,
  confirmed: readonly string[],
  opts: { idempotencyKey?: string } = {},
): Promise<RerunResult> {
  const original = await getRunView(db, user, runId);
  if (!original) return { status: "not_found", message: `no run with id "${runId}"` };
  const refused = await refusalOnPlan(db, user, original.planId, "run_plans");
  if (refused) return { status: "forbidden", message: `cannot rerun: ${refused}` };
  const stored = await planStore(db, user).get(original.planId, original.version);
  if (!stored) return { status: "not_found", message: `the plan version of run ${runId} no longer exists` };
  const plan = stored.plan;
  if (!plan.steps.some((s) => s.id === fromStep))
    return { status: "invalid", message: `the plan has no step "${fromStep}"`, issues: [{ path: "fromStep", message: `unknown step id "${fromStep}"` }] };
  const again = downstreamOf(plan.steps, fromStep);
  const byId = new Map(original.steps.map((s) => [s.id, s]));
  const reusable = plan.steps.filter((s) => !again.has(s.id));
  const missing = reusable.filter((s) => !DONE_OK.has(byId.get(s.id)?.status ?? "pending"));
  if (missing.length) {
    return {
      status: "invalid",
      message: `cannot rerun from ${fromStep}: earlier steps did not complete (${missing.map((s) => s.id).join(", ")}); rerun from the first of them`,
      issues: missing.map((s) => ({ path: `steps.${s.id}`, message: `is ${byId.get(s.id)?.status ?? "missing"}` })),
    };
  }
  const sideEffects = plan.steps.filter((s) => again.has(s.id) && getToolDefinition(s.toolName)?.sideEffectsBeforeRun?.(s.input as never)).map((s) => s.id);
  const unconfirmed = sideEffects.filter((id) => !confirmed.includes(id));
  if (unconfirmed.length)
    return {
      status: "needs_confirmation",
      message: `these steps have side effects and would run again: ${unconfirmed.join(", ")}; confirm each to rerun`,
      sideEffects: unconfirmed,
    };

  const messages = await asService(db, (tx) =>
    tx.query<{ step_id: string; messages: unknown }>("select step_id, messages from public.run_steps where run_id = $1", [runId]),
  );
  const messagesOf = new Map(messages.map((m) => [m.step_id, m.messages]));
  const reused = Object.fromEntries(
    reusable.map((s) => [s.id, { output: byId.get(s.id)!.output, messages: messagesOf.get(s.id), contentHash: byId.get(s.id)!.contentHash }]),
  );
  const made = await createRun(
    db,
    { planId: original.planId, version: original.version, plan, startedBy: user.id, gates: gatesOf(plan.steps), rerunOf: runId, rerunFrom: fromStep, reused },
    opts.idempotencyKey,
    {
      rerunOf: runId,
      fromStep,
      confirm: [...confirmed].sort(),
    },
  );
  if ("reusedFor" in made) return keyReused(made.reusedFor);
  return { status: "started", runId: made.runId, replayed: made.replayed, reused: reusable.map((s) => s.id), rerun: [...again] };
}

/** Ids of the plan's runs that have not finished (visible to the user). */
export async function activeRunIds(db: Database, user: User, planId: string): Promise<string[]> {
  if (!isUuid(planId)) return [];
  const rows = await asUserSql(db, user, (tx) =>
    tx.query<{ id: string }>("select id from public.runs where plan_id = $1 and status <> all($2::text[])", [planId, [...TERMINAL]]),
  );
  return rows.map((r) => r.id);
}
