import { notFound, parseId } from "@/lib/http/ids";
import { handle, json } from "@/lib/http/json";
import { dbAndUser } from "@/lib/runs/http";
import { getRunView } from "@/lib/runs/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle(async (_req: Request, { params }: { params: Promise<{ runId: string }> }) => {
  const id = parseId("runId", "run", (await params).runId);
  if (!id.ok) return id.response;
  const { db, user } = await dbAndUser();
  const view = await getRunView(db, user, id.id);
  return view ? json(view) : notFound("runId", "run", id.id);
});
