import { handle, json, readQuery } from "@/lib/http/json";
import { dbAndUser } from "@/lib/runs/http";
import { listAwaitingApproval } from "@/lib/runs/service";
import { currentWorkspaceId } from "@/lib/workspaces/current";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Every step awaiting a decision across the current workspace's runs, newest first (`?count=1`: only the number). */
export const GET = handle(async (req: Request) => {
  const query = readQuery(req);
  if (!query.ok) return query.response;
  const { db, user } = await dbAndUser();
  const items = await listAwaitingApproval(db, user, undefined, await currentWorkspaceId(db, user));
  if (query.params.get("count")) return json({ count: items.length });
  return json({ items, count: items.length });
});
