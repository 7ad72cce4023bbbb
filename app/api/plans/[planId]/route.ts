import { z } from "zod";
import { notFound, parseId } from "@/lib/http/ids";
import { apiError, handle, json, readJson } from "@/lib/http/json";
import { storedPlanJson, validatePlanRequest } from "@/lib/http/plans";
import { describeZodIssue } from "@/lib/plan/issues";
import { inngest } from "@/inngest/client";
import { runCancelRequested } from "@/inngest/events";
import { currentPlanStore } from "@/lib/plans";
import { dbAndUser, sendEvent } from "@/lib/runs/http";
import { activeRunIds, cancelRun } from "@/lib/runs/service";
import { checkPin, type TemplatePinBody } from "@/lib/templates/http";
import { getVersion } from "@/lib/templates/store";
import { planAccess } from "@/lib/workspaces/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ planId: string }> };

// `plan` is checked by the plan validator afterwards; here only that it is there.
// `template` (optional) re-pins the plan, after an upgrade to a newer template version; null unpins.
const putBody = z.object({ plan: z.unknown().refine((v) => v !== undefined), baseVersion: z.number().int().min(1), template: z.unknown().optional() }).strict();

export const GET = handle(async (_req: Request, { params }: Ctx) => {
  const id = parseId("planId", "plan", (await params).planId);
  if (!id.ok) return id.response;
  const { db, user } = await dbAndUser();
  // An API token reads only its own workspace's plans (a session reads any of the user's workspaces').
  if (user.tokenWorkspaceId && !(await planAccess(db, user, id.id, "read")).ok) return notFound("planId", "plan", id.id);
  const found = await (await currentPlanStore()).get(id.id);
  return found ? json(storedPlanJson(found)) : notFound("planId", "plan", id.id);
});

export const PUT = handle(async (req: Request, { params }: Ctx) => {
  const id = parseId("planId", "plan", (await params).planId);
  if (!id.ok) return id.response;
  const planId = id.id;
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const shape = putBody.safeParse(body.value);
  if (!shape.success) {
    const issues = shape.error.issues.map((i) => describeZodIssue(i, body.value));
    return apiError(400, `expected {"plan", "baseVersion"}: ${issues[0]!.path}: ${issues[0]!.message}`, issues);
  }
  const v = validatePlanRequest(shape.data.plan, "plan");
  if (!v.ok) return v.response;
  const { db, user } = await dbAndUser();
  // Saving needs the editor role in the plan's workspace: a viewer is told so, not "not found".
  const access = await planAccess(db, user, planId, "edit_plans");
  if (!access.ok) return access.response ?? notFound("planId", "plan", planId);
  let template: TemplatePinBody | null | undefined;
  if (shape.data.template !== undefined) {
    const pin = await checkPin(shape.data.template, (tid, version) => getVersion(db, user, tid, version));
    if (!pin.ok) return pin.response;
    template = pin.pin;
  }
  const result = await (await currentPlanStore()).save(planId, v.plan, shape.data.baseVersion, template);
  switch (result.status) {
    case "saved":
      return json({ id: planId, version: result.version, warnings: v.warnings.map(({ path, message }) => ({ path, message })) });
    case "conflict":
      return json(
        {
          error: `version ${shape.data.baseVersion} is not the latest (latest is ${result.latestVersion}); reload or save as a copy`,
          latestVersion: result.latestVersion,
          issues: [{ path: "baseVersion", message: `expected ${result.latestVersion}, got ${shape.data.baseVersion}` }],
        },
        409,
      );
    case "not_found":
      return notFound("planId", "plan", planId);
  }
});

export const DELETE = handle(async (_req: Request, { params }: Ctx) => {
  const id = parseId("planId", "plan", (await params).planId);
  if (!id.ok) return id.response;
  const planId = id.id;
  const { db, user } = await dbAndUser();
  // Deleting needs the editor role in the plan's workspace (checked before any run is cancelled).
  const access = await planAccess(db, user, planId, "edit_plans");
  if (!access.ok) return access.response ?? notFound("planId", "plan", planId);
  // Stop the engine's work on the plan's unfinished runs first: their rows go with the plan.
  for (const runId of await activeRunIds(db, user, planId)) {
    await cancelRun(db, user, runId);
    await sendEvent(() => inngest.send(runCancelRequested.create({ runId })));
  }
  const removed = await (await currentPlanStore()).remove(planId);
  return removed ? new Response(null, { status: 204 }) : notFound("planId", "plan", planId);
});
