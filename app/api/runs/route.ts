import { z } from "zod";
import { inngest } from "@/inngest/client";
import { runRequested } from "@/inngest/events";
import { apiError, handle, json, readJson } from "@/lib/http/json";
import { describeZodIssue } from "@/lib/plan/issues";
import { runContext, sendEvent } from "@/lib/runs/http";
import { failUnstartedRun, listRuns, startRun } from "@/lib/runs/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const body = z.object({ planId: z.string().uuid("must be a plan id (uuid)"), version: z.number().int().min(1).optional() }).strict();

/** Starts a run of a saved plan (its latest version, or the one named). */
export const POST = handle(async (req: Request) => {
  const parsed = await readJson(req, 10_000);
  if (!parsed.ok) return parsed.response;
  const shape = body.safeParse(parsed.value);
  if (!shape.success) {
    const issues = shape.error.issues.map((i) => describeZodIssue(i, parsed.value));
    return apiError(400, `invalid request: ${issues[0]!.path}: ${issues[0]!.message}`, issues);
  }
  const { db, user } = await runContext();
  const started = await startRun(db, user, shape.data.planId, shape.data.version);
  if (started.status === "not_found") return apiError(404, started.message);
  if (started.status === "invalid") return apiError(400, started.message, started.issues);
  const failed = await sendEvent(() => inngest.send(runRequested.create({ runId: started.runId })));
  if (failed) {
    await failUnstartedRun(db, started.runId, `could not hand the run to Inngest: ${failed}`);
    return apiError(503, `the run could not be started: ${failed}`);
  }
  return json({ runId: started.runId }, { status: 201, headers: { location: `/api/runs/${started.runId}` } });
});

/** Run history: `?planId=` for one plan's runs. */
export const GET = handle(async (req: Request) => {
  const url = new URL(req.url);
  const planId = url.searchParams.get("planId") ?? undefined;
  const limit = Number(url.searchParams.get("limit") ?? 50) || 50;
  const { db, user } = await runContext();
  return json({ runs: await listRuns(db, user, { planId, limit }) });
});
