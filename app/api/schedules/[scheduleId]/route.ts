import { handle, json, parseBody } from "@/lib/http/json";
import { notFound, parseId } from "@/lib/http/ids";
import { dbAndUser } from "@/lib/runs/http";
import { deleteSchedule, fireJson, getSchedule, scheduleHistory, scheduleJson, updateScheduleBody, updateSchedule } from "@/lib/triggers/schedules";
import { scheduleErrorResponse } from "@/lib/triggers/schedules-http";
import { workspaceFor } from "@/lib/workspaces/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ scheduleId: string }> };

const idOf = async (ctx: Ctx) => parseId("scheduleId", "schedule", (await ctx.params).scheduleId);

/** The schedule with its history: the latest 50 fires, newest first, each with its run's status. */
export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const id = await idOf(ctx);
  if (!id.ok) return id.response;
  const { db, user } = await dbAndUser();
  const ws = await workspaceFor(db, user, "read");
  if (!ws.ok) return ws.response;
  const s = await getSchedule(db, user, ws.workspace.id, id.id);
  if (!s) return notFound("scheduleId", "schedule", id.id);
  const fires = await scheduleHistory(db, user, s.id);
  return json({ ...scheduleJson(s), fires: fires.map(fireJson) });
});

/** Edits, pauses (`{"paused": true}`) or resumes (`{"paused": false}`) a schedule. */
export const PATCH = handle(async (req: Request, ctx: Ctx) => {
  const id = await idOf(ctx);
  if (!id.ok) return id.response;
  const body = await parseBody(req, updateScheduleBody, { what: "invalid schedule" });
  if (!body.ok) return body.response;
  const { db, user } = await dbAndUser();
  const ws = await workspaceFor(db, user, "edit_plans");
  if (!ws.ok) return ws.response;
  try {
    return json(scheduleJson(await updateSchedule(db, user, ws.workspace.id, id.id, body.data)));
  } catch (e) {
    return scheduleErrorResponse(e);
  }
});

export const DELETE = handle(async (_req: Request, ctx: Ctx) => {
  const id = await idOf(ctx);
  if (!id.ok) return id.response;
  const { db, user } = await dbAndUser();
  const ws = await workspaceFor(db, user, "edit_plans");
  if (!ws.ok) return ws.response;
  try {
    await deleteSchedule(db, user, ws.workspace.id, id.id);
    return new Response(null, { status: 204 });
  } catch (e) {
    return scheduleErrorResponse(e);
  }
});
