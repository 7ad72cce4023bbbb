import { z } from "zod";
import { uuidSchema } from "@/lib/http/ids";
import { apiError, handle, json, parseBody } from "@/lib/http/json";
import { dbAndUser } from "@/lib/runs/http";
import { workspaceCookie } from "@/lib/workspaces/cookie";
import { currentWorkspace } from "@/lib/workspaces/current";
import { sessionOnly } from "@/lib/workspaces/http";
import { listMyWorkspaces } from "@/lib/workspaces/mine";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const switchBody = z.object({ workspaceId: uuidSchema("must be a workspace id (uuid)") }).strict();

/** The workspace this request acts in, with the user's role there. */
export const GET = handle(async () => {
  const { db, user } = await dbAndUser();
  return json({ workspace: await currentWorkspace(db, user) });
});

/** Switches to one of the user's workspaces (the `planvas.workspace` cookie); 404 for any other. */
export const POST = handle(async (req: Request) => {
  const body = await parseBody(req, switchBody, { what: "invalid workspace switch", maxBytes: 10_000 });
  if (!body.ok) return body.response;
  const { db, user } = await dbAndUser();
  const refused = sessionOnly(user, "switch workspaces");
  if (refused) return refused;
  // Not a member (or no such workspace) is one answer: the id says nothing about workspaces one cannot see.
  const target = (await listMyWorkspaces(db, user)).find((w) => w.id === body.data.workspaceId.toLowerCase());
  if (!target) return apiError(404, "you are not a member of that workspace", [{ path: "workspaceId", message: "not one of your workspaces" }]);
  const secure = new URL(req.url).protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
  return json({ workspace: target }, { headers: { "set-cookie": workspaceCookie(target.id, secure) } });
});
