import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerEmbeddedRunner } from "@/inngest/client";
import type { Database } from "../db/client";
import { asService } from "../db/rls";
import { openTestDatabase, testBackends } from "../db/testing";
import { recordEngineEvents, seedTeam } from "./testing/team";
import { planStore } from "../plans";
import { validatePlan } from "../plan/validate";
import { checkTarget, fireTrigger, planOfTrigger, type FireRequest } from "./fire";

// What schedules and webhooks share, on every backend. The engine is replaced by a recorder of the
// events sent (a unit-test double: what is tested is the run records and the plan reuse).
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const eda = { id: id(51), email: "eda@example.com", name: "Eda" };
const vik = { id: id(52), email: "vik@example.com", name: "Vik" };
const TEAM = id(150);
const SCHEDULE = id(160);
const sent: { id?: string; data: { runId: string } }[] = [];

describe.each(testBackends)("firing a trigger on %s", (backend) => {
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

  const runRow = async (runId: string) =>
    (
      await asService(db, (tx) =>
        tx.query<{ trigger: string; trigger_id: string; plan_id: string; plan_version: number; template_params: unknown; started_by: string }>(
          "select trigger, trigger_id, plan_id, plan_version, template_params, started_by from public.runs where id = $1",
          [runId],
        ),
      )
    )[0]!;
  const request = (over: Partial<FireRequest>): FireRequest => ({
    target: { kind: "plan", planId, version: null },
    params: {},
    ownerId: eda.id,
    workspaceId: TEAM,
    via: "schedule",
    triggerId: SCHEDULE,
    idempotencyKey: `${SCHEDULE}:2026-12-07T09:00:00.000Z`,
    ...over,
  });

  it("starts a plan's run once per key, recorded as the trigger's, and hands it to the engine", async () => {
    const [a, b] = await Promise.all([fireTrigger(db, request({})), fireTrigger(db, request({}))]);
    expect(a.status).toBe("started");
    if (a.status !== "started" || b.status !== "started") throw new Error("not started");
    expect(b.runId).toBe(a.runId);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await runRow(a.runId)).toMatchObject({ trigger: "schedule", trigger_id: SCHEDULE, plan_id: planId, plan_version: 1, started_by: eda.id });
    expect(sent.filter((e) => e.data.runId === a.runId).map((e) => e.id)).toContain(`plan-run-${a.runId}`);
    const next = await fireTrigger(db, request({ idempotencyKey: `${SCHEDULE}:2026-12-08T09:00:00.000Z` }));
    expect(next.status === "started" && next.runId !== a.runId).toBe(true);
  });

  it("runs one plan per template trigger, versioned only when the values change", async () => {
    const hook = id(170);
    const target = { kind: "template" as const, templateId: "research-brief", version: null };
    const fire = (question: string, key: string) =>
      fireTrigger(db, request({ target, params: { question }, via: "webhook", triggerId: hook, idempotencyKey: `${hook}:${key}` }));
    const r1 = await fire("What is durable execution?", "d1");
    const r2 = await fire("What is durable execution?", "d2");
    const r3 = await fire("Who uses Inngest?", "d3");
    if (r1.status !== "started" || r2.status !== "started" || r3.status !== "started") throw new Error(JSON.stringify([r1, r2, r3]));
    const [x, y, z] = await Promise.all([r1, r2, r3].map((r) => runRow(r.runId)));
    const plan = await planOfTrigger(db, eda, hook);
    expect([x!.plan_id, y!.plan_id, z!.plan_id]).toEqual([plan, plan, plan]);
    expect([x!.plan_version, y!.plan_version, z!.plan_version]).toEqual([1, 1, 2]);
    expect(x).toMatchObject({ trigger: "webhook", template_params: { question: "What is durable execution?" } });
    expect(z).toMatchObject({ template_params: { question: "Who uses Inngest?" } });
  });

  it("names what does not fit, and starts nothing for a viewer's or a stranger's trigger", async () => {
    const template = { kind: "template" as const, templateId: "research-brief", version: null };
    const bad = await checkTarget(db, eda.id, TEAM, template, { sources: "many" });
    expect(bad).toMatchObject({ ok: false, status: "invalid" });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["params.question", "params.sources"]));
    expect(await checkTarget(db, eda.id, TEAM, template, { question: "Why?" })).toEqual({ ok: true, paramNames: ["question", "sources", "words"] });
    expect(await checkTarget(db, eda.id, TEAM, { kind: "plan", planId, version: 9 }, {})).toMatchObject({ ok: false, status: "not_found" });
    expect(await checkTarget(db, eda.id, TEAM, { kind: "plan", planId, version: null }, { topic: "x" })).toMatchObject({
      ok: false,
      issues: [{ path: "params.topic" }],
    });
    expect(await checkTarget(db, vik.id, TEAM, { kind: "plan", planId, version: null }, {})).toMatchObject({ ok: false, status: "forbidden" });
    const before = sent.length;
    expect(await fireTrigger(db, request({ ownerId: vik.id, idempotencyKey: "viewer" }))).toMatchObject({ status: "forbidden" });
    expect(await fireTrigger(db, request({ ownerId: id(99), idempotencyKey: "stranger" }))).toMatchObject({ status: "forbidden" });
    expect(sent.length).toBe(before);
  });
});
