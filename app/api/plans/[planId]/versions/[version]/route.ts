import { apiError, handle, json } from "@/lib/http/json";
import { storedPlanJson } from "@/lib/http/plans";
import { currentPlanStore } from "@/lib/plans";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle(async (_req: Request, { params }: { params: Promise<{ planId: string; version: string }> }) => {
  const { planId, version } = await params;
  if (!/^[1-9]\d{0,8}$/.test(version)) return apiError(400, `version must be a positive integer (got "${version}")`, [{ path: "version", message: "must be a positive integer" }]);
  const found = await (await currentPlanStore()).get(planId, Number(version));
  return found ? json(storedPlanJson(found)) : apiError(404, `no version ${version} of plan "${planId}"`);
});
