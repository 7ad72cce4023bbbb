import { handle, json, readJson } from "@/lib/http/json";
import { planSummaryJson, validatePlanRequest } from "@/lib/http/plans";
import { currentPlanStore, planStore } from "@/lib/plans";
import { dbAndUser } from "@/lib/runs/http";
import { checkPin } from "@/lib/templates/http";
import { getVersion } from "@/lib/templates/store";
import { workspaceFor } from "@/lib/workspaces/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The current workspace's plans. */
export const GET = handle(async () => {
  const store = await currentPlanStore();
  return json({ plans: (await store.list()).map(planSummaryJson) });
});

/**
 * Saves a new plan in the current workspace (editors and up). The body is the plan; a plan made from
 * a template also carries `template: {id, version, params}`.
 */
export const POST = handle(async (req: Request) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const { template, ...doc } = body.value && typeof body.value === "object" && !Array.isArray(body.value) ? (body.value as Record<string, unknown>) : {};
  const v = validatePlanRequest(template === undefined ? body.value : doc);
  if (!v.ok) return v.response;
  const { db, user } = await dbAndUser();
  const workspace = await workspaceFor(db, user, "edit_plans");
  if (!workspace.ok) return workspace.response;
  const pin = await checkPin(template, (id, version) => getVersion(db, user, id, version));
  if (!pin.ok) return pin.response;
  const created = await planStore(db, user, workspace.workspace.id).create(v.plan, pin.pin);
  return json(
    { ...created, warnings: v.warnings.map(({ path, message }) => ({ path, message })) },
    { status: 201, headers: { location: `/api/plans/${created.id}` } },
  );
});
