import { handle, json, parseBody, readQuery } from "@/lib/http/json";
import { parseId } from "@/lib/http/ids";
import { dbAndUser } from "@/lib/runs/http";
import { createScheduleBody, createSchedule, listSchedules, scheduleJson } from "@/lib/triggers/schedules";
import { scheduleErrorResponse } from "@/lib/triggers/schedules-http";
import { workspaceFor } from "@/lib/workspaces/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The current workspace's schedules, newest first; `?planId=` or `?templateId=` narrows to one target. */
export const GET = handle(async (req: Request) => {
  const q = readQuery(req);
  if (!q.ok) return q.response;
  const planId = q.params.get("planId");
  if (planId !== null) {
    const p = parseId("planId", "plan", planId);
    if (!p.ok) return p.response;
  }
  const templateId = q.params.get("templateId") ?? undefined;
  const { db, user } = await dbAndUser();
  const ws = await workspaceFor(db, user, "read");
  if (!ws.ok) return ws.response;
  const rows = await listSchedules(db, user, ws.workspace.id, { ...(planId ? { planId } : {}), ...(templateId ? { templateId } : {}) });
  const now = new Date();
  return json({ schedules: rows.map((s) => scheduleJson(s, now)) });
});

/** Creates a schedule (editors and up); it runs as its creator. */
export const POST = handle(async (req: Request) => {
  const body = await parseBody(req, createScheduleBody, { what: "invalid schedule" });
  if (!body.ok) return body.response;
  const { db, user } = await dbAndUser();
  const ws = await workspaceFor(db, user, "edit_plans");
  if (!ws.ok) return ws.response;
  try {
    const s = await createSchedule(db, user, ws.workspace.id, body.data);
    return json(scheduleJson(s), { status: 201, headers: { location: `/api/schedules/${s.id}` } });
  } catch (e) {
    return scheduleErrorResponse(e);
  }
});
