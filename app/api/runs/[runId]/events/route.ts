import { notFound, parseId } from "@/lib/http/ids";
import { apiError, handle, readQuery } from "@/lib/http/json";
import { openRunEventStream } from "@/lib/realtime/run-events";
import { dbAndUser } from "@/lib/runs/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Server-Sent Events of one run: `id:` is the run's seq. Resume with `Last-Event-ID` (the browser's
 * EventSource sends it on reconnect) or `?after=<seq>` (the seq of the snapshot the client loaded).
 */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ runId: string }> }) => {
  const id = parseId("runId", "run", (await params).runId);
  if (!id.ok) return id.response;
  const runId = id.id;
  const query = readQuery(req);
  if (!query.ok) return query.response;
  const header = req.headers.get("last-event-id");
  const raw = header ?? query.params.get("after") ?? "0";
  if (!/^\d{1,15}$/.test(raw))
    return apiError(400, `Last-Event-ID / after must be a run event seq (got ${JSON.stringify(raw.slice(0, 40))})`, [
      { path: header === null ? "after" : "Last-Event-ID", message: "must be a non-negative integer" },
    ]);
  const { db, user } = await dbAndUser();
  const stream = await openRunEventStream(db, user, runId, Number(raw), req.signal);
  if (!stream) return notFound("runId", "run", runId);
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
