import { parseId } from "@/lib/http/ids";
import { apiError, handle, json } from "@/lib/http/json";
import { preview } from "@/lib/plan/path";
import { storedPlanJson } from "@/lib/http/plans";
import { currentPlanStore } from "@/lib/plans";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle(async (_req: Request, { params }: { params: Promise<{ planId: string; version: string }> }) => {
  const { planId, version } = await params;
  if (!/^[1-9]\d{0,8}$/.test(version))
    return apiError(400, `version must be a positive integer (got ${preview(version)})`, [{ path: "version", message: "must be a positive integer" }]);
  const id = parseId("planId", "plan", planId);
  if (!id.ok) return id.response;
  const found = await (await currentPlanStore()).get(id.id, Number(version));
  return found
    ? json(storedPlanJson(found))
    : apiError(404, `no version ${version} of plan "${id.id}"`, [{ path: "version", message: "no such version of this plan" }]);
});
