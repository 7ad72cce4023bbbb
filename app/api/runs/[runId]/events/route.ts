import { apiError, handle } from "@/lib/http/json";
import { openRunEventStream } from "@/lib/realtime/run-events";
import { runContext } from "@/lib/runs/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Server-Sent Events of one run: `id:` is the run's seq. Resume with `Last-Event-ID` (the browser's
 * EventSource sends it on reconnect) or `?after=<seq>` (the seq of the snapshot the client loaded).
 */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ runId: string }> }) => {
  const { runId } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(runId)) return apiError(404, `no run with id "${runId}"`);
  const url = new URL(req.url);
  const raw = req.headers.get("last-event-id") ?? url.searchParams.get("after") ?? "0";
  if (!/^\d{1,15}$/.test(raw)) return apiError(400, `Last-Event-ID / after must be a run event seq (got "${raw.slice(0, 40)}")`, [{ path: "after", message: "must be a non-negative integer" }]);
  const { db, user } = await runContext();
  const stream = await openRunEventStream(db, user, runId, Number(raw), req.signal);
  if (!stream) return apiError(404, `no run with id "${runId}"`);
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
