import { z } from "zod";
import { handle, json, parseBody } from "@/lib/http/json";
import { dbAndUser } from "@/lib/runs/http";
import { currentWorkspaceId } from "@/lib/workspaces/current";
import { sessionOnly } from "@/lib/workspaces/http";
import { createWorkspace, listMyWorkspaces, WORKSPACE_NAME_MAX } from "@/lib/workspaces/mine";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const createBody = z
  .object({ name: z.string().trim().min(1, "must not be empty").max(WORKSPACE_NAME_MAX, `at most ${WORKSPACE_NAME_MAX} characters`) })
  .strict();

/** The user's workspaces with their role, and which one is current (an API token sees only its own). */
export const GET = handle(async () => {
  const { db, user } = await dbAndUser();
  const [all, current] = await Promise.all([listMyWorkspaces(db, user), currentWorkspaceId(db, user)]);
  const workspaces = user.tokenWorkspaceId ? all.filter((w) => w.id === user.tokenWorkspaceId) : all;
  return json({ workspaces: workspaces.map((w) => ({ ...w, current: w.id === current })), currentId: current });
});

/** Creates a team workspace; its creator becomes its owner (and an approver). */
export const POST = handle(async (req: Request) => {
  const body = await parseBody(req, createBody, { what: "invalid workspace", maxBytes: 10_000 });
  if (!body.ok) return body.response;
  const { db, user } = await dbAndUser();
  const refused = sessionOnly(user, "create workspaces");
  if (refused) return refused;
  const made = await createWorkspace(db, user, body.data.name);
  return json({ workspace: made }, { status: 201 });
});
