// One phase of the schedule tick in a process of its own, on a PGlite data directory, to be
// SIGKILLed mid-tick by schedule-crash.test.ts. Test support only. argv: <dataDir> <phase> <nowISO>
//   setup        migrate, make a user, workspace, plan and an every-minute schedule; report it
//   claim-hang   claim (commits the fires as pending), report, then hang until SIGKILL
//   fire-hang    claim, start the first fire's run, report — and hang before recording it
//   tick         a whole tick; report its fires, the schedule's runs and history
// The engine is a recorder (no runner here): the event it would start the run with is reported.
import { registerEmbeddedRunner } from "@/inngest/client";
import { migrate } from "@/lib/db/migrate";
import { openPglite } from "@/lib/db/pglite";
import { asService, asUserSql, ensureUser } from "@/lib/db/rls";
import { validatePlan } from "@/lib/plan/validate";
import { planStore } from "@/lib/plans";
import { fireTrigger } from "../fire";
import { claimDueFires, startFire, tickSchedules } from "../schedule-tick";
import { createSchedule, scheduleHistory } from "../schedules";

const say = (msg: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(msg)}\n`);
const hang = () => new Promise<never>(() => {});

const [dataDir, phase, nowIso] = process.argv.slice(2) as [string, string, string];
const now = new Date(nowIso);
const user = { id: "00000000-0000-4000-8000-000000000071", email: "ada@example.com", name: "Ada" };
const TEAM = "00000000-0000-4000-8000-000000000171";

registerEmbeddedRunner({ fetch: async (_u, init) => Response.json({ ids: [JSON.parse(String(init?.body))].flat().map(() => "x"), status: 200 }) });
const db = await openPglite(dataDir);
await migrate(db);

if (phase === "setup") {
  await ensureUser(db, user);
  await asUserSql(db, user, (tx) => tx.query("insert into public.workspaces (id, name) values ($1, 'Crash')", [TEAM]));
  const v = validatePlan({
    title: "Tick",
    steps: [{ stepIndex: 0, toolName: "summarize", description: "Sum", requiresApproval: false, input: { focus: "x" } }],
  });
  if (!v.ok) throw new Error("invalid fixture");
  const planId = (await planStore(db, user, TEAM).create(v.plan)).id;
  const s = await createSchedule(
    db,
    user,
    TEAM,
    {
      name: "every minute",
      target: { kind: "plan", planId, version: null },
      params: {},
      cron: "* * * * *",
      timezone: "UTC",
      overlap: "allow",
      maxFailures: 3,
      paused: false,
    },
    now,
  );
  say({ type: "setup", scheduleId: s.id });
  await db.close();
} else if (phase === "claim-hang") {
  say({ type: "claimed", fires: await claimDueFires(db, now) });
  await hang();
} else if (phase === "fire-hang") {
  const [f] = await claimDueFires(db, now);
  await startFire(db, f!, async (d, req) => {
    const r = await fireTrigger(d, req);
    say({ type: "fired", result: r });
    return hang(); // the run exists; the fire is not recorded as started
  });
} else if (phase === "tick") {
  const { fires } = await tickSchedules(db, now);
  const runs = await asService(db, (tx) =>
    tx.query<{ id: string; trigger_id: string }>("select id, trigger_id from public.runs where trigger = 'schedule' order by created_at"),
  );
  const [s] = await asService(db, (tx) => tx.query<{ id: string }>("select id from public.schedules"));
  const history = (await scheduleHistory(db, user, s!.id)).map((f) => ({ at: f.scheduledAt.toISOString(), status: f.status, runId: f.runId }));
  say({ type: "tick", fires, runs: runs.map((r) => r.id), history });
  await db.close();
}
