// Who may decide an approval gate, and when it has passed. A gate names its deciders (any approver,
// a set of members, or a role and above), may exclude the person who started the run (four-eyes),
// and may need N distinct approvals (quorum). Approvals count for the content they were given on:
// "edit & approve" changes the content, so earlier approvals of the old content no longer count.
// One rejection of the current content by someone who may decide stops the gate (a revision made
// from it is new content, decided afresh). Pure: the server checks a decision here
// before recording it, and the node and the inbox show the same answers.
import { approvalRuleSchema, DEFAULT_APPROVAL_RULE, type ApprovalRule } from "../plan/approval-rule";
import { atLeast, rolesFrom, type Member } from "../workspaces/roles";

export const gateRuleSchema = approvalRuleSchema;
export type GateRule = ApprovalRule;
export const DEFAULT_GATE_RULE: GateRule = DEFAULT_APPROVAL_RULE;

export interface GateVote {
  userId: string;
  decision: "approve" | "edit" | "reject";
  /** The content hash the decision was made on (for "edit": the edited content's). */
  contentHash: string;
}

export interface GateContext {
  rule: GateRule;
  /** Who started the run. */
  initiatorId: string;
  /** The hash of the content waiting for a decision now. */
  contentHash: string;
  votes: readonly GateVote[];
  members: readonly Member[];
}

export type Refusal = { ok: false; status: 403 | 409; rule: "membership" | "deciders" | "four_eyes" | "already_approved"; message: string };

const nameOf = (m: Pick<Member, "userId" | "name">) => m.name || m.userId;

/** Whether `member` is one of the gate's deciders at all (before four-eyes and repeats). */
function named(rule: GateRule, member: Member): boolean {
  switch (rule.deciders.kind) {
    case "approvers":
      return member.approver;
    case "members":
      return rule.deciders.userIds.includes(member.userId);
    case "role":
      return atLeast(member.role, rule.deciders.role);
  }
}

function decidersInWords(rule: GateRule, members: readonly Member[]): string {
  switch (rule.deciders.kind) {
    case "approvers":
      return "approvers of this workspace";
    case "members": {
      const ids = rule.deciders.userIds;
      const names = ids.map((id) => members.find((m) => m.userId === id)).map((m, i) => (m ? nameOf(m) : ids[i]!));
      return names.join(", ");
    }
    case "role":
      return rolesFrom(rule.deciders.role);
  }
}

/** The rule in words, for the node and the inspector: "any approver · not the person who started the run · 2 approvals". */
export function describeRule(rule: GateRule, members: readonly Member[]): string {
  const who = rule.deciders.kind === "approvers" ? "any approver" : decidersInWords(rule, members);
  return [who, ...(rule.notInitiator ? ["not the person who started the run"] : []), ...(rule.quorum > 1 ? [`${rule.quorum} approvals`] : [])].join(" · ");
}

/** Whether `userId` may decide the gate now; a refusal names the rule that stops them. */
export function mayDecide(ctx: GateContext, userId: string, decision: GateVote["decision"] = "approve"): { ok: true } | Refusal {
  const member = ctx.members.find((m) => m.userId === userId);
  if (!member) return { ok: false, status: 403, rule: "membership", message: "you are not a member of this run's workspace" };
  if (!named(ctx.rule, member))
    return { ok: false, status: 403, rule: "deciders", message: `only ${decidersInWords(ctx.rule, ctx.members)} may decide this gate` };
  if (ctx.rule.notInitiator && userId === ctx.initiatorId)
    return { ok: false, status: 403, rule: "four_eyes", message: "four-eyes: the person who started the run may not decide its gates; ask another member" };
  if (decision !== "reject" && approvalsOf(ctx).includes(userId)) {
    const { approvals, needed } = gateProgress(ctx);
    return {
      ok: false,
      status: 409,
      rule: "already_approved",
      message: `you already approved this content (${approvals} of ${needed} approvals); another member must approve it`,
    };
  }
  return { ok: true };
}

/** Distinct members whose approval counts toward the quorum: approvals of the current content, in order. */
function approvalsOf(ctx: GateContext): string[] {
  const out: string[] = [];
  for (const v of ctx.votes)
    if (v.decision !== "reject" && v.contentHash === ctx.contentHash && !out.includes(v.userId)) {
      const member = ctx.members.find((m) => m.userId === v.userId);
      // A vote counts if its author could cast it (members removed since then no longer count).
      if (member && named(ctx.rule, member) && !(ctx.rule.notInitiator && v.userId === ctx.initiatorId)) out.push(v.userId);
    }
  return out;
}

export interface GateProgress {
  outcome: "waiting" | "approved" | "rejected";
  approvals: number;
  needed: number;
  approvedBy: string[];
  /** Members who may still approve (deciders, not the initiator under four-eyes, not already counted). */
  mayStillDecide: Member[];
  /** False when fewer members can ever approve than the quorum needs: the gate would wait forever. */
  reachable: boolean;
  /** "2 of 3 approvals", for the node. */
  label: string;
}

export function gateProgress(ctx: GateContext): GateProgress {
  const approvedBy = approvalsOf(ctx);
  const needed = ctx.rule.quorum;
  const rejected = ctx.votes.some((v) => {
    const member = ctx.members.find((m) => m.userId === v.userId);
    return (
      v.decision === "reject" &&
      v.contentHash === ctx.contentHash &&
      member !== undefined &&
      named(ctx.rule, member) &&
      !(ctx.rule.notInitiator && v.userId === ctx.initiatorId)
    );
  });
  const eligible = ctx.members.filter((m) => named(ctx.rule, m) && !(ctx.rule.notInitiator && m.userId === ctx.initiatorId));
  const mayStillDecide = eligible.filter((m) => !approvedBy.includes(m.userId));
  const outcome = rejected ? "rejected" : approvedBy.length >= needed ? "approved" : "waiting";
  return {
    outcome,
    approvals: approvedBy.length,
    needed,
    approvedBy,
    mayStillDecide,
    reachable: eligible.length >= needed,
    label: `${approvedBy.length} of ${needed} approval${needed === 1 ? "" : "s"}`,
  };
}
