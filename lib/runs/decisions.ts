import type { ModelMessage } from "ai";
import { z } from "zod";
import type { User } from "../auth";
import type { Database, RawSql } from "../db";
import { asUserThenService } from "../db/rls";
import { isUuid } from "../ids";
import { describeZodIssue } from "../plan/issues";
import { getToolDefinition } from "../tools/registry";
import { contentHash } from "./hash";
import { gateLoader } from "./gate-check";
import { gateProgress, mayDecide, type GateVote } from "./gate-rules";
import { DELIVERY_DECISIONS, transition } from "./machine";
import { commitStep, emit, lockRunAndStep, stepState, writeStep, type ApprovalRow, type StepData } from "./store";

export const decisionBody = z
  .object({
    // retry / mark_done / stop answer a side effect whose delivery is unknown; the others a gate.
    decision: z.enum(["approve", "edit", "reject", "retry", "mark_done", "stop"]),
    contentHash: z.string().regex(/^[0-9a-f]{64}$/, "must be the sha-256 hex of the content being decided on"),
    output: z.unknown().optional(),
    feedback: z.string().trim().max(4000).optional(),
  })
  .strict();
export type DecisionBody = z.infer<typeof decisionBody>;

/** Where a gate stands after a decision: passed (or stopped), or still waiting for more approvals. */
export interface DecisionProgress {
  final: boolean;
  approvals: number;
  needed: number;
  label: string;
}

export type DecisionResult =
  | { status: "accepted"; approval: ApprovalRow; revision: number; progress: DecisionProgress }
  | { status: "duplicate"; approval: ApprovalRow; revision: number; progress: DecisionProgress }
  | { status: "refused"; code: 403 | 409; rule: string; message: string }
  | { status: "not_found"; message: string }
  | { status: "conflict"; message: string; currentHash?: string | null; stepStatus?: string }
  | { status: "invalid"; message: string; issues: { path: string; message: string }[] };

/** Replaces a step's tool result in its history messages, so later steps read the edited output. */
export function withOutput(messages: ModelMessage[] | null, output: unknown): ModelMessage[] | null {
  if (!messages) return messages;
  return messages.map((m) =>
    m.role === "tool"
      ? { ...m, content: m.content.map((p) => (p.type === "tool-result" ? { ...p, output: { type: "json" as const, value: output as never } } : p)) }
      : m,
  );
}

/** Replaces a tool call's input in its messages: what a reviewer edited before the call ran. */
export function withCallInput(messages: ModelMessage[], toolCallId: string, input: unknown): ModelMessage[] {
  return messages.map((m) =>
    m.role === "assistant" && Array.isArray(m.content)
      ? { ...m, content: m.content.map((p) => (p.type === "tool-call" && p.toolCallId === toolCallId ? { ...p, input } : p)) }
      : m,
  ) as ModelMessage[];
}

const sameDecision = (a: ApprovalRow, b: DecisionBody) =>
  a.decision === b.decision &&
  a.content_hash === b.contentHash &&
  (b.decision !== "edit" || contentHash(a.output) === contentHash(b.output)) &&
  (a.comment ?? undefined) === (b.feedback || undefined);

/**
 * Records a reviewer's decision on the step revision awaiting approval. The decision is bound to
 * the content hash the reviewer saw: if the content changed since, it is refused as stale. The
 * same decision sent twice is accepted once; a different second decision is a conflict. The step's
 * gate rule decides who may decide (lib/runs/gate-rules.ts), checked here because the engine writes
 * as service role: an approval short of the rule's quorum is recorded as a vote and the gate keeps
 * waiting; the approval that reaches it, or one rejection, settles the gate.
 */
export async function recordDecision(db: Database, user: User, runId: string, stepId: string, body: DecisionBody): Promise<DecisionResult> {
  if (!isUuid(runId)) return { status: "not_found", message: `no run with id "${runId}"` };
  const notFound = { status: "not_found", message: `no run with id "${runId}"` } as const;
  const visible = async (tx: RawSql) => (await tx.query("select 1 from public.runs where id = $1", [runId])).length > 0;
  const result = await asUserThenService(db, user, visible, async (tx): Promise<DecisionResult> => {
    // The run's row first: the lock order of every writer (see lockStep).
    const { run, step } = await lockRunAndStep(tx, runId, stepId);
    if (!run || !step) return { status: "not_found", message: `run ${runId} has no step "${stepId}"` };
    const votes = await tx.query<ApprovalRow & Record<string, unknown>>(
      "select * from public.approvals where run_id = $1 and step_id = $2 and revision = $3 order by decided_at, id",
      [runId, stepId, step.revision],
    );
    const gates = gateLoader(tx);
    const progressNow = async (): Promise<DecisionProgress> => {
      const p = gateProgress(await gates.context(run, step, votes));
      return { final: votes.some((v) => v.final), approvals: p.approvals, needed: p.needed, label: p.label };
    };
    const repeat = votes.find((v) => v.decided_by === user.id && sameDecision(v, body));
    if (repeat) return { status: "duplicate", approval: repeat, revision: step.revision, progress: await progressNow() };
    const prior = votes.find((v) => v.final);
    if (prior) {
      return {
        status: "conflict",
        message: `step ${stepId} was already decided (${prior.decision}) at ${new Date(prior.decided_at).toISOString()}; the run goes on from that decision — reload the run to see it`,
        stepStatus: step.status,
      };
    }
    const decided = transition(stepState(step, run.status), { type: body.decision });
    if (!decided.ok && decided.refusal.code === "wrong_decision") {
      const message =
        step.delivery === "unknown"
          ? `step ${stepId} may or may not have been delivered: decide "retry" (send it again with the same idempotency key), "mark_done" or "stop"`
          : `"${body.decision}" only answers a step whose delivery is unknown; decide "approve", "edit" or "reject"`;
      return { status: "invalid", message, issues: [{ path: "decision", message }] };
    }
    if (!decided.ok) return { status: "conflict", message: `step ${stepId} is not awaiting approval (it is ${step.status})`, stepStatus: step.status };
    const delivery = DELIVERY_DECISIONS.has(body.decision);
    const gate = await gates.context(run, step, votes);
    // A delivery question (send again, mark done, stop) is answered once, by anyone the rule names.
    const ctx = delivery ? { ...gate, rule: { ...gate.rule, quorum: 1 } } : gate;
    const allowed = mayDecide(ctx, user.id, delivery ? "reject" : (body.decision as GateVote["decision"]));
    if (!allowed.ok) return { status: "refused", code: allowed.status, rule: allowed.rule, message: `${allowed.message} (step ${stepId})` };
    if (body.contentHash !== step.content_hash) {
      return {
        status: "conflict",
        message: `stale decision: the content of step ${stepId} changed since it was reviewed (hash ${body.contentHash.slice(0, 12)}…, current ${step.content_hash?.slice(0, 12)}…)`,
        currentHash: step.content_hash,
      };
    }

    let edited: unknown;
    if (body.decision === "edit") {
      if (body.output === undefined)
        return { status: "invalid", message: "an edit needs the edited output", issues: [{ path: "output", message: 'is required for decision "edit"' }] };
      const tool = getToolDefinition(step.tool_name);
      // Before a side effect the reviewer edits what will be sent (the input); after, the output.
      const schema = step.gate === "before" ? tool?.inputSchema : tool?.outputSchema;
      const parsed = schema ? schema.safeParse(body.output) : { success: true as const, data: body.output };
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => {
          const d = describeZodIssue(i, body.output);
          return { path: d.path === "(root)" ? "output" : `output.${d.path}`.replace(".[", "["), message: d.message };
        });
        return { status: "invalid", message: `the edited output does not fit ${step.tool_name}: ${issues[0]!.path}: ${issues[0]!.message}`, issues };
      }
      edited = parsed.data;
    }

    // An edit records the reviewer's output; a rejection of content records the content it rejected
    // (the content its hash is of), so the next revision can be compared with it (lib/runs/revisions.ts).
    const recorded = body.decision === "edit" ? edited : body.decision === "reject" && step.gate !== "before" ? step.output : undefined;
    // Does this decision settle the gate? A rejection or a delivery answer does; an approval (an
    // edit approves what it produced) when it makes the quorum.
    const newHash = body.decision === "edit" ? contentHash(edited) : body.contentHash;
    const after = gateProgress({
      ...ctx,
      contentHash: newHash,
      votes: [...ctx.votes, { userId: user.id, decision: body.decision as GateVote["decision"], contentHash: newHash }],
    });
    const final = delivery || body.decision === "reject" || after.outcome !== "waiting";
    const me = gate.members.find((m) => m.userId === user.id);
    const [approval] = await tx.query<ApprovalRow & Record<string, unknown>>(
      `insert into public.approvals (run_id, step_id, revision, decision, content_hash, output, comment, decided_by, final, decided_role, decided_approver)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11) returning *`,
      [
        runId,
        stepId,
        step.revision,
        body.decision,
        body.contentHash,
        recorded === undefined || recorded === null ? null : JSON.stringify(recorded),
        body.feedback || null,
        user.id,
        final,
        me?.role ?? null,
        me?.approver ?? null,
      ],
    );
    const progress: DecisionProgress = { final, approvals: after.approvals, needed: after.needed, label: after.label };
    if (!final) {
      // A vote toward the quorum: the gate keeps waiting. An edit changes the content waiting for
      // approval, so the approvals still needed are of the edited content.
      const data: StepData =
        body.decision !== "edit"
          ? {}
          : step.gate === "before"
            ? { input: edited, content_hash: newHash }
            : { output: edited, content_hash: newHash, messages: withOutput(step.messages, edited) };
      if (body.decision === "edit") await writeStep(tx, step, stepState(step, run.status), data);
      await emit(tx, runId, "step.vote", stepId, {
        status: step.status,
        decision: body.decision,
        decidedBy: user.id,
        revision: step.revision,
        ...(body.decision === "edit" ? { contentHash: newHash } : {}),
        approvals: after.approvals,
        needed: after.needed,
      });
      return { status: "accepted", approval: approval!, revision: step.revision, progress };
    }
    let data: StepData = {};
    if (decided.next.status === "rejected") {
      const why = body.decision === "stop" ? `stopped: ${step.error ?? "delivery unknown"}` : "rejected";
      data = { error: body.feedback ? `${why}: ${body.feedback}` : why };
    } else if (body.decision === "edit" && step.gate !== "before") {
      data = { output: edited, content_hash: contentHash(edited), messages: withOutput(step.messages, edited) };
    } else if (body.decision === "edit") {
      data = { input: edited };
    }
    await commitStep(tx, { run, step }, decided.next, decided.events, data, {
      decidedBy: user.id,
      contentHash: body.contentHash,
      ...(body.feedback ? { feedback: body.feedback } : {}),
      ...(edited !== undefined ? { output: edited } : {}),
    });
    return { status: "accepted", approval: approval!, revision: step.revision, progress };
  });
  return result ?? notFound;
}
