import { apiError, handle, json } from "@/lib/http/json";
import { runContext } from "@/lib/runs/http";
import { getRunView } from "@/lib/runs/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle(async (_req: Request, { params }: { params: Promise<{ runId: string }> }) => {
  const { runId } = await params;
  const { db, user } = await runContext();
  const view = await getRunView(db, user, runId);
  return view ? json(view) : apiError(404, `no run with id "${runId}"`);
});
