// The facts a gate rule is checked against, read from the database: the rule of the step in the
// run's plan version (immutable, so a run keeps the rule it started with), who started the run, the
// votes on the step's current revision, and the members of the plan's workspace. Works in any
// transaction: as service role when recording a decision, as the user when showing a run or the
// inbox (RLS lets members read all of it).
import type { RawSql } from "../db";
import { ruleOf } from "../plan/approval-rule";
import type { Member, Role } from "../workspaces/roles";
import { describeRule, gateProgress, mayDecide, type GateContext, type GateVote } from "./gate-rules";
import { contentHash } from "./hash";
import { DELIVERY_DECISIONS } from "./machine";
import type { ApprovalRow, RunRow, RunStepRow } from "./store";

type RunFacts = Pick<RunRow, "id" | "plan_id" | "plan_version" | "started_by">;
type StepFacts = Pick<RunStepRow, "step_id" | "revision" | "content_hash">;

/** A recorded decision as a vote: an edit is an approval of the content it produced. */
export function voteOf(a: Pick<ApprovalRow, "decided_by" | "decision" | "content_hash" | "output">): GateVote | null {
  if (DELIVERY_DECISIONS.has(a.decision)) return null;
  const decision = a.decision as GateVote["decision"];
  return { userId: a.decided_by, decision, contentHash: decision === "edit" && a.output !== null ? contentHash(a.output) : a.content_hash };
}

/** Reads gate contexts, remembering what several gates of one page share (members, plan versions). */
export function gateLoader(tx: RawSql) {
  const members = new Map<string, Promise<{ workspaceId: string | null; members: Member[] }>>();
  const plans = new Map<string, Promise<{ steps?: { id?: string; approvalRule?: unknown }[] } | null>>();

  const membersOfPlan = (planId: string) => {
    let p = members.get(planId);
    if (!p) {
      p = tx
        .query<{ workspace_id: string; user_id: string; role: Role; approver: boolean; name: string | null }>(
          `select pl.workspace_id, m.user_id, m.role, m.approver, pr.display_name as name
             from public.plans pl
             join public.memberships m on m.workspace_id = pl.workspace_id
             left join public.profiles pr on pr.id = m.user_id
            where pl.id = $1
            order by m.created_at, m.user_id`,
          [planId],
        )
        .then((rows) => ({
          workspaceId: rows[0]?.workspace_id ?? null,
          members: rows.map((r) => ({ userId: r.user_id, role: r.role, approver: r.approver, ...(r.name ? { name: r.name } : {}) })),
        }));
      members.set(planId, p);
    }
    return p;
  };

  const planOf = (planId: string, version: number) => {
    const key = `${planId}@${version}`;
    let p = plans.get(key);
    if (!p) {
      p = tx
        .query<{ plan: { steps?: { id?: string; approvalRule?: unknown }[] } }>("select plan from public.plan_versions where plan_id = $1 and version = $2", [
          planId,
          version,
        ])
        .then((rows) => rows[0]?.plan ?? null);
      plans.set(key, p);
    }
    return p;
  };

  /** The context of one step's gate; `votes` may be passed when the caller has read them already. */
  async function context(run: RunFacts, step: StepFacts, votes?: readonly ApprovalRow[]): Promise<GateContext> {
    const [plan, { members: list }, rows] = await Promise.all([
      planOf(run.plan_id, run.plan_version),
      membersOfPlan(run.plan_id),
      votes ??
        tx.query<ApprovalRow & Record<string, unknown>>(
          "select * from public.approvals where run_id = $1 and step_id = $2 and revision = $3 order by decided_at, id",
          [run.id, step.step_id, step.revision],
        ),
    ]);
    const planStep = plan?.steps?.find((s) => s.id === step.step_id);
    return {
      rule: ruleOf(planStep ?? {}),
      initiatorId: run.started_by,
      contentHash: step.content_hash ?? "",
      votes: rows.map(voteOf).filter((v): v is GateVote => v !== null),
      members: list,
    };
  }

  return { context, members: membersOfPlan };
}

/** What the node and the inbox show about a waiting gate, for the person looking at it. */
export interface GateView {
  /** "any approver", "Ana or Ben", "editors, admins and owners" — and "not the person who started the run". */
  who: string;
  notInitiator: boolean;
  quorum: number;
  approvals: number;
  label: string;
  approvedBy: string[];
  mayStillDecide: string[];
  /** False when fewer members can approve than the quorum needs. */
  reachable: boolean;
  /** Whether the viewer may decide now, and if not, why. */
  you: { may: true } | { may: false; rule: string; reason: string };
}

const nameOf = (members: readonly Member[], id: string) => {
  const m = members.find((x) => x.userId === id);
  return m?.name || id;
};

export function gateView(ctx: GateContext, viewerId: string, opts: { delivery?: boolean } = {}): GateView {
  // A delivery decision (send again, mark done, stop) answers one question once: no quorum.
  const c = opts.delivery ? { ...ctx, rule: { ...ctx.rule, quorum: 1 } } : ctx;
  const progress = gateProgress(c);
  const verdict = mayDecide(c, viewerId, opts.delivery ? "reject" : "approve");
  return {
    who: describeRule(c.rule, c.members),
    notInitiator: c.rule.notInitiator,
    quorum: c.rule.quorum,
    approvals: progress.approvals,
    label: progress.label,
    approvedBy: progress.approvedBy.map((id) => nameOf(c.members, id)),
    mayStillDecide: progress.mayStillDecide.map((m) => m.name || m.userId),
    reachable: progress.reachable,
    you: verdict.ok ? { may: true } : { may: false, rule: verdict.rule, reason: verdict.message },
  };
}
