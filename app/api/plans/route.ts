import { handle, json, readJson } from "@/lib/http/json";
import { planSummaryJson, validatePlanRequest } from "@/lib/http/plans";
import { currentPlanStore } from "@/lib/plans";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  const store = await currentPlanStore();
  return json({ plans: (await store.list()).map(planSummaryJson) });
});

export const POST = handle(async (req: Request) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const v = validatePlanRequest(body.value);
  if (!v.ok) return v.response;
  const store = await currentPlanStore();
  const created = await store.create(v.plan);
  return json(
    { ...created, warnings: v.warnings.map(({ path, message }) => ({ path, message })) },
    { status: 201, headers: { location: `/api/plans/${created.id}` } },
  );
});
