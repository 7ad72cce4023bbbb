import { inngest } from "@/inngest/client";
import { runCancelRequested } from "@/inngest/events";
import { notFound, parseId } from "@/lib/http/ids";
import { apiError, handle, json } from "@/lib/http/json";
import { dbAndUser, sendEvent } from "@/lib/runs/http";
import { cancelRun } from "@/lib/runs/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = handle(async (_req: Request, { params }: { params: Promise<{ runId: string }> }) => {
  const id = parseId("runId", "run", (await params).runId);
  if (!id.ok) return id.response;
  const runId = id.id;
  const { db, user } = await dbAndUser();
  const result = await cancelRun(db, user, runId);
  if (result.status === "not_found") return notFound("runId", "run", runId);
  if (result.status === "forbidden") return apiError(403, result.message);
  if (result.status === "already_finished") return json({ runId, status: result.runStatus, cancelled: false }, 202);
  // The run is already recorded as cancelled; the event stops the engine's function.
  const failed = await sendEvent(() => inngest.send(runCancelRequested.create({ runId })));
  return json({ runId, status: "cancelled", cancelled: true, ...(failed ? { warning: `the engine was not notified: ${failed}` } : {}) }, 202);
});
