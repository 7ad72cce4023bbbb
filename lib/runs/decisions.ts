import type { ModelMessage } from "ai";
import { z } from "zod";
import type { User } from "../auth";
import type { Database } from "../db";
import { asService, asUserSql } from "../db/rls";
import { isUuid } from "../ids";
import { describeZodIssue } from "../plan/issues";
import { getToolDefinition } from "../tools/registry";
import { contentHash } from "./hash";
import { transition } from "./machine";
import { commitStep, getRunRow, getStepRow, stepState, type ApprovalRow, type StepData } from "./store";

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

export type DecisionResult =
  | { status: "accepted"; approval: ApprovalRow; revision: number }
  | { status: "duplicate"; approval: ApprovalRow; revision: number }
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
 * same decision sent twice is accepted once; a different second decision is a conflict.
 */
export async function recordDecision(db: Database, user: User, runId: string, stepId: string, body: DecisionBody): Promise<DecisionResult> {
  if (!isUuid(runId)) return { status: "not_found", message: `no run with id "${runId}"` };
  const visible = await asUserSql(db, user, (tx) => tx.query("select 1 from public.runs where id = $1", [runId]));
  if (!visible.length) return { status: "not_found", message: `no run with id "${runId}"` };
  return asService(db, async (tx) => {
    // The run's row first: the lock order of every writer (see lockStep).
    const run = await getRunRow(tx, runId, true);
    const step = run && (await getStepRow(tx, runId, stepId, true));
    if (!run || !step) return { status: "not_found", message: `run ${runId} has no step "${stepId}"` };
    const [prior] = await tx.query<ApprovalRow & Record<string, unknown>>(
      "select * from public.approvals where run_id = $1 and step_id = $2 and revision = $3",
      [runId, stepId, step.revision],
    );
    if (prior) {
      if (sameDecision(prior, body)) return { status: "duplicate", approval: prior, revision: step.revision };
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
    const [approval] = await tx.query<ApprovalRow & Record<string, unknown>>(
      "insert into public.approvals (run_id, step_id, revision, decision, content_hash, output, comment, decided_by) values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) returning *",
      [
        runId,
        stepId,
        step.revision,
        body.decision,
        body.contentHash,
        recorded === undefined || recorded === null ? null : JSON.stringify(recorded),
        body.feedback || null,
        user.id,
      ],
    );
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
    return { status: "accepted", approval: approval!, revision: step.revision };
  });
}
