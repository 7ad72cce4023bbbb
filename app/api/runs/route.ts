import { z } from "zod";
import { inngest } from "@/inngest/client";
import { runRequested } from "@/inngest/events";
import { isUuid, uuidSchema } from "@/lib/http/ids";
import { apiError, handle, json, parseBody, readQuery } from "@/lib/http/json";
import { idempotencyKeyOf, dbAndUser, runRequestedEventId, sendEvent } from "@/lib/runs/http";
import { failUnstartedRun, listRuns, startRun } from "@/lib/runs/service";
import { currentWorkspaceId } from "@/lib/workspaces/current";
import { planAccess } from "@/lib/workspaces/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const body = z.object({ planId: uuidSchema("must be a plan id (uuid)"), version: z.number().int().min(1).optional() }).strict();

/**
 * Starts a run of a saved plan (its latest version, or the one named). With an Idempotency-Key,
 * a repeated request (a double click, a client retry) answers 200 with the run the first one
 * started instead of starting another.
 */
export const POST = handle(async (req: Request) => {
  const key = idempotencyKeyOf(req);
  if (!key.ok) return key.response;
  const shape = await parseBody(req, body, { maxBytes: 10_000 });
  if (!shape.ok) return shape.response;
  const { db, user } = await dbAndUser();
  // An API token starts runs only of its own workspace's plans (startRun checks the role).
  if (user.tokenWorkspaceId && !(await planAccess(db, user, shape.data.planId, "read")).ok)
    return apiError(404, `no plan with id "${shape.data.planId}"`, [{ path: "planId", message: "no plan has this id" }]);
  const started = await startRun(db, user, shape.data.planId, shape.data.version, { idempotencyKey: key.key });
  if (started.status === "not_found") return apiError(404, started.message);
  if (started.status === "forbidden") return apiError(403, started.message);
  if (started.status === "invalid") return apiError(400, started.message, started.issues);
  if (started.status === "key_reused") return apiError(422, started.message, started.issues);
  // A replay sends the event again under the same id: harmless, and it recovers a first request
  // that stopped between creating the run and handing it over.
  const failed = await sendEvent(() => inngest.send(runRequested.create({ runId: started.runId }, { id: runRequestedEventId(started.runId) })));
  if (started.replayed) return json({ runId: started.runId, replayed: true }, { status: 200, headers: { location: `/api/runs/${started.runId}` } });
  if (failed) {
    await failUnstartedRun(db, started.runId, `could not hand the run to Inngest: ${failed}`);
    return apiError(503, `the run could not be started: ${failed}`);
  }
  return json({ runId: started.runId }, { status: 201, headers: { location: `/api/runs/${started.runId}` } });
});

/** Run history of the current workspace: `?planId=` for one plan's runs. */
export const GET = handle(async (req: Request) => {
  const query = readQuery(req);
  if (!query.ok) return query.response;
  // Empty parameters are absent; a malformed planId or limit is 400 naming it (never a bad cast).
  const planId = query.params.get("planId") || undefined;
  const rawLimit = query.params.get("limit") || "50";
  if (planId !== undefined && !isUuid(planId))
    return apiError(400, "invalid query: planId: must be a plan id (uuid)", [{ path: "planId", message: "must be a plan id (uuid)" }]);
  if (!/^\d{1,9}$/.test(rawLimit))
    return apiError(400, "invalid query: limit: must be a positive integer (at most 200 are listed)", [
      { path: "limit", message: "must be a positive integer" },
    ]);
  const limit = Number(rawLimit);
  const { db, user } = await dbAndUser();
  return json({ runs: await listRuns(db, user, { planId, limit, workspaceId: await currentWorkspaceId(db, user) }) });
});
