import { notFound, parseId } from "@/lib/http/ids";
import { handle, json } from "@/lib/http/json";
import { versionJson } from "@/lib/http/plans";
import { currentPlanStore } from "@/lib/plans";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle(async (_req: Request, { params }: { params: Promise<{ planId: string }> }) => {
  const id = parseId("planId", "plan", (await params).planId);
  if (!id.ok) return id.response;
  const versions = await (await currentPlanStore()).versions(id.id);
  return versions ? json({ id: id.id, versions: versions.map(versionJson) }) : notFound("planId", "plan", id.id);
});
