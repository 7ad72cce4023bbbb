import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerEmbeddedRunner } from "@/inngest/client";
import type { Database } from "../db/client";
import { asService, asUserSql } from "../db/rls";
import { openTestDatabase, testBackends } from "../db/testing";
import { recordEngineEvents, seedTeam } from "./testing/team";
import { planStore } from "../plans";
import { validatePlan } from "../plan/validate";
import { claimDueFires, startFire, tickSchedules } from "./schedule-tick";
import { createSchedule, getSchedule, scheduleHistory, updateSchedule, type CreateSchedule } from "./schedules";

// The tick against a real database and the real fireTrigger; the engine is replaced by a recorder
// of the events sent (what is tested is which runs are created and what is recorded).
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const eda = { id: id(61), email: "eda@example.com", name: "Eda" };
const vik = { id: id(62), email: "vik@example.com", name: "Vik" };
const TEAM = id(250);
const sent: { id?: string; data: { runId: string } }[] = [];
const at = (s: string) => new Date(s);

describe.each(testBackends)("the schedule tick on %s", (backend) => {
  let db: Database & { drop(): Promise<void> };
  let planId = "";
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    recordEngineEvents(sent);
    await seedTeam(db, TEAM, eda, vik);
    const v = validatePlan({
      title: "Daily",
      steps: [{ stepIndex: 0, toolName: "summarize", description: "Sum", requiresApproval: false, input: { focus: "x" } }],
    });
    if (!v.ok) throw new Error("invalid fixture");
    planId = (await planStore(db, eda, TEAM).create(v.plan)).id;
  }, 60_000);
  afterAll(() => {
    registerEmbeddedRunner(undefined);
    return db?.drop();
  });

  const make = (over: Partial<CreateSchedule>, now: Date) =>
    createSchedule(
      db,
      eda,
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
        ...over,
      },
      now,
    );
  const history = async (sid: string) => (await scheduleHistory(db, eda, sid)).reverse().map((f) => [f.scheduledAt.toISOString().slice(11, 16), f.status]);
  const runsOf = (sid: string) =>
    asService(db, (tx) =>
      tx.query<{ id: string; status: string }>("select id, status from public.runs where trigger = 'schedule' and trigger_id = $1 order by created_at", [sid]),
    );
  const setRun = (runId: string, status: string) => asService(db, (tx) => tx.query("update public.runs set status = $2 where id = $1", [runId, status]));
  /** Only this schedule's fires (other tests' schedules are due at the same fake times). */
  const tick = async (sid: string, now: Date) => (await tickSchedules(db, now)).fires.filter((f) => f.scheduleId === sid);

  it("fires each due minute once, with the run recorded as the schedule's; a repeated tick or fire starts nothing", async () => {
    const s = await make({}, at("2026-12-02T10:00:30Z"));
    expect(s.nextFireAt?.toISOString()).toBe("2026-12-02T10:01:00.000Z");
    expect(await tick(s.id, at("2026-12-02T10:00:59Z"))).toEqual([]);
    expect(await tick(s.id, at("2026-12-02T10:01:02Z"))).toEqual([{ scheduleId: s.id, scheduledAt: "2026-12-02T10:01:00.000Z" }]);
    expect(await tick(s.id, at("2026-12-02T10:01:40Z"))).toEqual([]);
    // A retried step calls startFire again: the fire is already started, and no second run exists.
    expect(await startFire(db, { scheduleId: s.id, scheduledAt: "2026-12-02T10:01:00.000Z" })).toMatchObject({ status: "done" });
    const runs = await runsOf(s.id);
    expect(runs).toHaveLength(1);
    expect(sent.map((e) => e.data.runId)).toContain(runs[0]!.id);
    const [fire] = await scheduleHistory(db, eda, s.id);
    expect(fire).toMatchObject({ status: "started", runId: runs[0]!.id, runStatus: "pending" });
    expect((await getSchedule(db, eda, TEAM, s.id))?.nextFireAt?.toISOString()).toBe("2026-12-02T10:02:00.000Z");
  });

  it("recovers a fire left pending by a crash between the claim and the start: one run, not zero or two", async () => {
    const s = await make({}, at("2026-12-02T11:00:30Z"));
    // The claim committed (the fire is recorded pending, next_fire_at moved on) and the process died.
    const claimed = (await claimDueFires(db, at("2026-12-02T11:01:01Z"))).filter((f) => f.scheduleId === s.id);
    expect(claimed).toHaveLength(1);
    expect(await history(s.id)).toEqual([["11:01", "pending"]]);
    // The next tick starts it; two starts at once (a resumed tick and the next) make one run.
    const again = (await claimDueFires(db, at("2026-12-02T11:01:30Z"))).filter((f) => f.scheduleId === s.id);
    expect(again).toEqual(claimed);
    const outcomes = await Promise.all([startFire(db, again[0]!), startFire(db, again[0]!)]);
    expect(outcomes.filter((o) => o.status === "started")).not.toHaveLength(0);
    expect(await runsOf(s.id)).toHaveLength(1);
    expect(await history(s.id)).toEqual([["11:01", "started"]]);
  });

  it("applies the overlap policies: skip, queue one, allow", async () => {
    const skip = await make({ overlap: "skip" }, at("2026-12-02T12:00:30Z"));
    const queue = await make({ overlap: "queue" }, at("2026-12-02T12:00:30Z"));
    const allow = await make({ overlap: "allow" }, at("2026-12-02T12:00:30Z"));
    for (const m of ["01", "02", "03"]) await tickSchedules(db, at(`2026-12-02T12:${m}:05Z`));
    expect(await history(skip.id)).toEqual([
      ["12:01", "started"],
      ["12:02", "skipped"],
      ["12:03", "skipped"],
    ]);
    expect((await scheduleHistory(db, eda, skip.id))[0]!.reason).toMatch(/^previous run .* still running \(overlap: skip\)$/);
    expect(await history(queue.id)).toEqual([
      ["12:01", "started"],
      ["12:02", "queued"],
      ["12:03", "skipped"],
    ]);
    expect(await history(allow.id)).toEqual([
      ["12:01", "started"],
      ["12:02", "started"],
      ["12:03", "started"],
    ]);
    // The queued fire starts at the first tick after the previous run finished, under its own time.
    const [first] = await runsOf(queue.id);
    await setRun(first!.id, "succeeded");
    await tickSchedules(db, at("2026-12-02T12:03:40Z"));
    expect(await history(queue.id)).toEqual([
      ["12:01", "started"],
      ["12:02", "started"],
      ["12:03", "skipped"],
    ]);
    expect(await runsOf(queue.id)).toHaveLength(2);
  });

  it("pauses after N consecutive failed runs, says why, and counts afresh after a resume", async () => {
    const s = await make({ maxFailures: 2 }, at("2026-12-02T13:00:30Z"));
    await tickSchedules(db, at("2026-12-02T13:01:01Z"));
    await tickSchedules(db, at("2026-12-02T13:02:01Z"));
    const [r1, r2] = await runsOf(s.id);
    await setRun(r1!.id, "failed");
    await setRun(r2!.id, "succeeded");
    await tickSchedules(db, at("2026-12-02T13:03:01Z"));
    expect((await getSchedule(db, eda, TEAM, s.id))?.paused).toBe(false); // a success broke the streak
    const r3 = (await runsOf(s.id))[2]!;
    await setRun(r3.id, "failed");
    await tickSchedules(db, at("2026-12-02T13:04:01Z"));
    expect((await getSchedule(db, eda, TEAM, s.id))?.paused).toBe(false); // 13:03 failed, 13:04 started, not failed yet
    await setRun((await runsOf(s.id))[3]!.id, "failed");
    await tickSchedules(db, at("2026-12-02T13:05:01Z"));
    const paused = await getSchedule(db, eda, TEAM, s.id);
    expect(paused).toMatchObject({
      paused: true,
      nextFireAt: null,
      pausedReason: expect.stringMatching(/^paused after 2 consecutive failed runs \(last: run /),
    });
    expect((await history(s.id)).at(-1)).toEqual(["13:05", "skipped"]);
    expect(await tick(s.id, at("2026-12-02T13:06:01Z"))).toEqual([]);
    const resumed = await updateSchedule(db, eda, TEAM, s.id, { paused: false }, at("2026-12-02T13:06:30Z"));
    expect(resumed).toMatchObject({ paused: false, pausedReason: null });
    expect(resumed.nextFireAt?.toISOString()).toBe("2026-12-02T13:07:00.000Z");
    expect(await tick(s.id, at("2026-12-02T13:07:01Z"))).toHaveLength(1);
  });

  it("after downtime fires only the latest missed time within the catch-up window and records the rest as missed", async () => {
    const quarter = await make({ cron: "*/15 * * * *" }, at("2026-12-02T14:00:30Z"));
    // Down from 14:10 to 15:07: 14:15, 14:30, 14:45 missed; 15:00 (7 min ago) fires.
    await tickSchedules(db, at("2026-12-02T15:07:00Z"));
    expect(await history(quarter.id)).toEqual([
      ["14:15", "missed"],
      ["14:30", "missed"],
      ["14:45", "missed"],
      ["15:00", "started"],
    ]);
    expect((await getSchedule(db, eda, TEAM, quarter.id))?.nextFireAt?.toISOString()).toBe("2026-12-02T15:15:00.000Z");
    // A daily job whose only due time is 2 h old (past the 1 h window) does not fire late.
    const daily = await make({ cron: "0 9 * * *" }, at("2026-12-03T08:00:00Z"));
    await tickSchedules(db, at("2026-12-03T11:00:00Z"));
    expect(await history(daily.id)).toEqual([["09:00", "missed"]]);
    // Long downtime: at most 20 rows, the oldest saying how many more were missed.
    const minute = await make({}, at("2026-12-04T00:00:30Z"));
    await tickSchedules(db, at("2026-12-04T10:00:30Z"));
    const fires = await scheduleHistory(db, eda, minute.id, 100);
    expect(fires).toHaveLength(20);
    expect(fires[0]).toMatchObject({ status: "started", scheduledAt: at("2026-12-04T10:00:00Z") });
    expect(fires.at(-1)!.reason).toMatch(/; 580 earlier times were missed too$/);
  });

  it("refuses a bad cron, time zone or parameter value naming the field", async () => {
    await expect(make({ cron: "0 9 * *" }, new Date())).rejects.toMatchObject({ status: 400, issues: [{ path: "cron" }] });
    await expect(make({ timezone: "Mars/Olympus" }, new Date())).rejects.toMatchObject({ status: 400, issues: [{ path: "timezone" }] });
    await expect(make({ params: { topic: "x" } }, new Date())).rejects.toMatchObject({ status: 400, issues: [{ path: "params.topic" }] });
    await expect(
      make({ target: { kind: "template", templateId: "research-brief", version: null }, params: { sources: "many" } }, new Date()),
    ).rejects.toMatchObject({
      status: 400,
      issues: expect.arrayContaining([expect.objectContaining({ path: "params.question" })]),
    });
  });

  it("lets members read schedules and their fires, and only editors and up write them (RLS)", async () => {
    const s = await make({}, at("2026-12-05T10:00:30Z"));
    await tickSchedules(db, at("2026-12-05T10:01:01Z"));
    // A viewer reads the schedule and its history…
    expect(await getSchedule(db, vik, TEAM, s.id)).toMatchObject({ id: s.id });
    expect((await scheduleHistory(db, vik, s.id)).length).toBeGreaterThan(0);
    // …but cannot make one (their role cannot run plans, so the target check refuses first) nor change one.
    await expect(createScheduleAs(vik)).rejects.toMatchObject({ status: 403 });
    await expect(updateSchedule(db, vik, TEAM, s.id, { paused: true })).rejects.toMatchObject({ status: 403 });
    await expect(
      asUserSql(db, vik, (tx) =>
        tx.query(
          "insert into public.schedules (workspace_id, name, target, cron, timezone, created_by) values ($1, 'x', '{\"kind\":\"plan\"}', '* * * * *', 'UTC', $2)",
          [TEAM, vik.id],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      asUserSql(db, vik, (tx) => tx.query("insert into public.schedule_fires (schedule_id, scheduled_at, status) values ($1, now(), 'started')", [s.id])),
    ).rejects.toThrow(/permission denied/);
    expect(await asUserSql(db, vik, (tx) => tx.query("delete from public.schedules where id = $1 returning id", [s.id]))).toEqual([]);
    // A stranger sees nothing.
    expect(await getSchedule(db, { id: id(99) }, TEAM, s.id)).toBeNull();
  });

  const createScheduleAs = (user: { id: string }) =>
    createSchedule(
      db,
      user,
      TEAM,
      {
        name: "viewer's",
        target: { kind: "plan", planId, version: null },
        params: {},
        cron: "* * * * *",
        timezone: "UTC",
        overlap: "skip",
        maxFailures: 3,
        paused: false,
      },
      new Date(),
    );
});
