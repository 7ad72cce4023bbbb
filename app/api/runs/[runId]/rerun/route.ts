import { z } from "zod";
import { inngest } from "@/inngest/client";
import { runRequested } from "@/inngest/events";
import { parseId } from "@/lib/http/ids";
import { apiError, handle, json, parseBody } from "@/lib/http/json";
import { idempotencyKeyOf, dbAndUser, runRequestedEventId, sendEvent } from "@/lib/runs/http";
import { failUnstartedRun, rerunFrom } from "@/lib/runs/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const body = z.object({ fromStep: z.string().min(1), confirmSideEffects: z.array(z.string()).default([]) }).strict();

/**
 * Rerun from a step: a new run reusing the outputs before it. Steps with side effects that would
 * run again must be listed in `confirmSideEffects`, else 409 names them. An Idempotency-Key makes
 * a repeated request answer 200 with the rerun the first one started.
 */
export const POST = handle(async (req: Request, { params }: { params: Promise<{ runId: string }> }) => {
  const { runId } = await params;
  const key = idempotencyKeyOf(req);
  if (!key.ok) return key.response;
  const id = parseId("runId", "run", runId);
  if (!id.ok) return id.response;
  const shape = await parseBody(req, body, { maxBytes: 10_000 });
  if (!shape.ok) return shape.response;
  const { db, user } = await dbAndUser();
  const r = await rerunFrom(db, user, runId, shape.data.fromStep, shape.data.confirmSideEffects, { idempotencyKey: key.key });
  if (r.status === "not_found") return apiError(404, r.message);
  if (r.status === "forbidden") return apiError(403, r.message);
  if (r.status === "invalid") return apiError(400, r.message, r.issues);
  if (r.status === "key_reused") return apiError(422, r.message, r.issues);
  if (r.status === "needs_confirmation")
    return json(
      {
        error: r.message,
        sideEffects: r.sideEffects,
        issues: r.sideEffects.map((id) => ({ path: `confirmSideEffects`, message: `step "${id}" has side effects and would run again; list it to confirm` })),
      },
      409,
    );
  const failed = await sendEvent(() => inngest.send(runRequested.create({ runId: r.runId }, { id: runRequestedEventId(r.runId) })));
  if (r.replayed)
    return json({ runId: r.runId, reused: r.reused, rerun: r.rerun, replayed: true }, { status: 200, headers: { location: `/api/runs/${r.runId}` } });
  if (failed) {
    await failUnstartedRun(db, r.runId, `could not hand the run to Inngest: ${failed}`);
    return apiError(503, `the rerun could not be started: ${failed}`);
  }
  return json({ runId: r.runId, reused: r.reused, rerun: r.rerun }, { status: 201, headers: { location: `/api/runs/${r.runId}` } });
});
