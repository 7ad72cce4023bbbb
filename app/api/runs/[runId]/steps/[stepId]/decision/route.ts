import { inngest } from "@/inngest/client";
import { stepDecided } from "@/inngest/events";
import { parseId, parseStepId } from "@/lib/http/ids";
import { apiError, handle, json, parseBody } from "@/lib/http/json";
import { decisionBody, recordDecision } from "@/lib/runs/decisions";
import { dbAndUser, sendEvent } from "@/lib/runs/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Approve, edit-then-approve, or reject (with feedback to revise) the step awaiting approval.
 * The decision is bound to the content hash the reviewer saw.
 */
export const POST = handle(async (req: Request, { params }: { params: Promise<{ runId: string; stepId: string }> }) => {
  const { runId, stepId } = await params;
  const run = parseId("runId", "run", runId);
  if (!run.ok) return run.response;
  const step = parseStepId(stepId);
  if (!step.ok) return step.response;
  const shape = await parseBody(req, decisionBody, { what: "invalid decision" });
  if (!shape.ok) return shape.response;
  const { db, user } = await dbAndUser();
  const result = await recordDecision(db, user, runId, stepId, shape.data);
  switch (result.status) {
    case "not_found":
      return apiError(404, result.message);
    case "invalid":
      return apiError(400, result.message, result.issues);
    case "refused":
      // The gate's rule: who may decide, four-eyes, one approval per person.
      return json({ error: result.message, rule: result.rule, issues: [{ path: "decision", message: result.message }] }, result.code);
    case "conflict":
      return json(
        {
          error: result.message,
          issues: [{ path: result.currentHash ? "contentHash" : "decision", message: result.message }],
          ...(result.currentHash ? { currentHash: result.currentHash } : {}),
          ...(result.stepStatus ? { stepStatus: result.stepStatus } : {}),
        },
        409,
      );
    case "accepted":
    case "duplicate": {
      const a = result.approval;
      // Only a decision that settles the gate wakes the engine (a vote short of the quorum leaves it
      // waiting). Sent again for a duplicate too: harmless (the engine reads the recorded decision),
      // and it recovers the case where the first send failed.
      const failed = result.progress.final
        ? await sendEvent(() => inngest.send(stepDecided.create({ runId, stepId, revision: result.revision, decision: a.decision, approvalId: a.id })))
        : null;
      return json(
        {
          runId,
          stepId,
          revision: result.revision,
          decision: a.decision,
          approvalId: a.id,
          duplicate: result.status === "duplicate",
          // "1 of 2 approvals": a gate with a quorum waits until it is reached.
          gate: result.progress,
          ...(failed ? { warning: `recorded, but the engine was not notified: ${failed}` } : {}),
        },
        202,
      );
    }
  }
});
