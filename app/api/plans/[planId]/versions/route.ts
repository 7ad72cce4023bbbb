import { apiError, handle, json } from "@/lib/http/json";
import { versionJson } from "@/lib/http/plans";
import { currentPlanStore } from "@/lib/plans";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle(async (_req: Request, { params }: { params: Promise<{ planId: string }> }) => {
  const { planId } = await params;
  const versions = await (await currentPlanStore()).versions(planId);
  return versions ? json({ id: planId, versions: versions.map(versionJson) }) : apiError(404, `no plan with id "${planId}"`);
});
