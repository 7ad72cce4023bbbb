import { z } from "zod";
import { inngest } from "@/inngest/client";
import { runRequested } from "@/inngest/events";
import { isUuid, uuidSchema } from "@/lib/http/ids";
import { apiError, handle, json, readJson, readQuery } from "@/lib/http/json";
import type { User } from "@/lib/auth";
import type { Database } from "@/lib/db";
import { describeZodIssue } from "@/lib/plan/issues";
import { planStore } from "@/lib/plans";
import { templateErrorResponse } from "@/lib/templates/http";
import { instantiateTemplate } from "@/lib/templates/store";
import { runOfKey } from "@/lib/runs/store";
import { idempotencyKeyOf, dbAndUser, runRequestedEventId, sendEvent } from "@/lib/runs/http";
import { failUnstartedRun, listRuns, startRun } from "@/lib/runs/service";
import { currentWorkspaceId } from "@/lib/workspaces/current";
import { planAccess, workspaceFor } from "@/lib/workspaces/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const body = z.object({ planId: uuidSchema("must be a plan id (uuid)"), version: z.number().int().min(1).optional() }).strict();
/** A run of a template version with these values: the plan it makes is saved, pinned to it, and run. */
const templateBody = z
  .object({
    templateId: z.string().min(1).max(64),
    version: z.number().int().min(1).optional(),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/** `{templateId, version?, params}` → the id of a new plan pinned to that version; or the answer why not. */
async function planForTemplate(db: Database, user: User, raw: unknown): Promise<{ ok: true; planId: string } | { ok: false; response: Response }> {
  const shape = templateBody.safeParse(raw);
  if (!shape.success) {
    const issues = shape.error.issues.map((i) => describeZodIssue(i, raw));
    return { ok: false, response: apiError(400, `invalid template run: ${issues[0]!.path}: ${issues[0]!.message}`, issues) };
  }
  const workspace = await workspaceFor(db, user, "run_plans");
  if (!workspace.ok) return workspace;
  try {
    const { templateId, version, params } = shape.data;
    const made = await instantiateTemplate(db, user, templateId, version, params);
    const { id } = await planStore(db, user, workspace.workspace.id).create(made.plan, { id: templateId, version: made.version, params: made.values });
    return { ok: true, planId: id };
  } catch (e) {
    return { ok: false, response: templateErrorResponse(e) };
  }
}

/**
 * Starts a run of a saved plan (its latest version, or the one named). With an Idempotency-Key,
 * a repeated request (a double click, a client retry) answers 200 with the run the first one
 * started instead of starting another.
 */
export const POST = handle(async (req: Request) => {
  const key = idempotencyKeyOf(req);
  if (!key.ok) return key.response;
  const raw = await readJson(req, 100_000);
  if (!raw.ok) return raw.response;
  const { db, user } = await dbAndUser();
  let shape: { data: z.infer<typeof body> };
  /** A template run: the request the key stands for, and the plan this request made for it. */
  let templateRun: { request: Record<string, unknown>; planId: string } | undefined;
  if (raw.value !== null && typeof raw.value === "object" && "templateId" in raw.value) {
    // A replayed Idempotency-Key answers with the first run before making another plan.
    const replay = key.key ? await runOfKey(db, user.id, key.key) : null;
    if (replay) return json({ runId: replay, replayed: true }, { status: 200, headers: { location: `/api/runs/${replay}` } });
    const made = await planForTemplate(db, user, raw.value);
    if (!made.ok) return made.response;
    shape = { data: { planId: made.planId } };
    templateRun = { request: raw.value as Record<string, unknown>, planId: made.planId };
  } else {
    const parsed = body.safeParse(raw.value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => describeZodIssue(i, raw.value));
      return apiError(400, `invalid request: ${issues[0]!.path}: ${issues[0]!.message}`, issues);
    }
    shape = parsed;
  }
  // An API token starts runs only of its own workspace's plans (startRun checks the role).
  if (user.tokenWorkspaceId && !(await planAccess(db, user, shape.data.planId, "read")).ok)
    return apiError(404, `no plan with id "${shape.data.planId}"`, [{ path: "planId", message: "no plan has this id" }]);
  const started = await startRun(db, user, shape.data.planId, shape.data.version, {
    idempotencyKey: key.key,
    ...(templateRun ? { request: templateRun.request } : {}),
  });
  // Two template runs raced on one key: the loser's plan is not needed (the winner's run is the answer).
  if (templateRun && started.status === "started" && started.replayed) await planStore(db, user).remove(templateRun.planId);
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
