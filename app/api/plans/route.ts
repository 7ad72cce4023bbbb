import { handle, json, readJson } from "@/lib/http/json";
import { planSummaryJson, validatePlanRequest } from "@/lib/http/plans";
import { currentPlanStore } from "@/lib/plans";
import { dbAndUser } from "@/lib/runs/http";
import { checkPin } from "@/lib/templates/http";
import { getVersion } from "@/lib/templates/store";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  const store = await currentPlanStore();
  return json({ plans: (await store.list()).map(planSummaryJson) });
});

/** The body is the plan; a plan made from a template also carries `template: {id, version, params}`. */
export const POST = handle(async (req: Request) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const { template, ...doc } = body.value && typeof body.value === "object" && !Array.isArray(body.value) ? (body.value as Record<string, unknown>) : {};
  const v = validatePlanRequest(template === undefined ? body.value : doc);
  if (!v.ok) return v.response;
  const { db, user } = await dbAndUser();
  const pin = await checkPin(template, (id, version) => getVersion(db, user, id, version));
  if (!pin.ok) return pin.response;
  const store = await currentPlanStore();
  const created = await store.create(v.plan, pin.pin);
  return json(
    { ...created, warnings: v.warnings.map(({ path, message }) => ({ path, message })) },
    { status: 201, headers: { location: `/api/plans/${created.id}` } },
  );
});
