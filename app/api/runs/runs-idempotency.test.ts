import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerEmbeddedRunner } from "@/inngest/client";
import { LOCAL_OWNER } from "@/lib/auth";
import { setDatabase } from "@/lib/db";
import { openTestDatabase, testBackends } from "@/lib/db/testing";
import { planStore } from "@/lib/plans";
import { validatePlan } from "@/lib/plan/validate";
import * as rerunRoute from "./[runId]/rerun/route";
import * as runsRoute from "./route";

// POST /api/runs with an Idempotency-Key, on every backend: the same key gives one run, however
// the requests race. The engine is replaced by a recorder of the events the API sends (a unit-test
// double: what is tested here is the API and the database, not the engine).
const sent: { id?: string; name: string; data: { runId: string } }[] = [];

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request("http://planvas.test/api/runs", { method: "POST", body: JSON.stringify(body), headers });
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });
/** The same request twice at once. */
const both = async (send: () => Promise<Response>) => {
  const [a, b] = await Promise.all([send(), send()]);
  return [await answer(a!), await answer(b!)] as const;
};
const answer = async (res: Response) => ({
  status: res.status,
  body: (await res.json()) as { runId?: string; replayed?: boolean; error?: string; issues?: { path: string }[] },
});

describe.each(testBackends)("Idempotency-Key on POST /api/runs on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let planId = "";
  let otherPlanId = "";
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    setDatabase(db);
    registerEmbeddedRunner({
      fetch: async (_url, init) => {
        const events = [JSON.parse(String(init?.body))].flat() as typeof sent;
        sent.push(...events);
        return Response.json({ ids: events.map((e) => e.id ?? "generated"), status: 200 });
      },
    });
    const v = validatePlan({
      title: "Idempotent",
      steps: [{ stepIndex: 0, toolName: "summarize", description: "Summarize", requiresApproval: false, input: { focus: "x" } }],
    });
    if (!v.ok) throw new Error("invalid fixture");
    planId = (await planStore(db, LOCAL_OWNER).create(v.plan)).id;
    otherPlanId = (await planStore(db, LOCAL_OWNER).create(v.plan)).id;
  });
  afterAll(async () => {
    registerEmbeddedRunner(undefined);
    setDatabase(undefined);
    await db?.drop();
  });
  const runsWithKey = async (key: string) =>
    (await db.query<{ n: number }>("select count(*)::int as n from public.run_requests where key = $1 and run_id is not null", [key]))[0]!.n;
  const runCount = async () => (await db.query<{ n: number }>("select count(*)::int as n from public.runs"))[0]!.n;

  it("two concurrent requests with one key start one run (20 rounds)", async () => {
    for (let round = 0; round < 20; round++) {
      const key = `race-${backend}-${round}`;
      const before = await runCount();
      const [a, b] = await both(() => runsRoute.POST(post({ planId }, { "idempotency-key": key })));
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      expect(a.body.runId).toBe(b.body.runId);
      expect((a.status === 200 ? a : b).body.replayed).toBe(true);
      expect(await runCount()).toBe(before + 1);
      expect(await runsWithKey(key)).toBe(1);
      // The replay hands the run over again under the same event id: the engine ignores the copy.
      const ids = sent.filter((e) => e.data.runId === a.body.runId).map((e) => e.id);
      expect(new Set(ids)).toEqual(new Set([`plan-run-${a.body.runId}`]));
    }
  });

  it("without a key, or with another key, a request starts a new run", async () => {
    const first = await answer(await runsRoute.POST(post({ planId })));
    const second = await answer(await runsRoute.POST(post({ planId })));
    const third = await answer(await runsRoute.POST(post({ planId }, { "idempotency-key": "another" })));
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    expect(new Set([first.body.runId, second.body.runId, third.body.runId]).size).toBe(3);
  });

  it("a key reused for a different request is refused, naming the header", async () => {
    expect((await runsRoute.POST(post({ planId }, { "idempotency-key": "reused" }))).status).toBe(201);
    const other = await answer(await runsRoute.POST(post({ planId: otherPlanId }, { "idempotency-key": "reused" })));
    expect(other.status).toBe(422);
    expect(other.body.issues?.[0]?.path).toBe("headers.Idempotency-Key");
  });

  it("refuses a malformed key with 400", async () => {
    for (const key of ["has space", "x".repeat(256), "tab\tkey"]) {
      const r = await answer(await runsRoute.POST(post({ planId }, { "idempotency-key": key })));
      expect(r.status).toBe(400);
      expect(r.body.issues?.[0]?.path).toBe("headers.Idempotency-Key");
    }
  });

  it("forgets a key after 24 hours", async () => {
    const first = await answer(await runsRoute.POST(post({ planId }, { "idempotency-key": "old" })));
    await db.query("update public.run_requests set created_at = now() - interval '25 hours' where key = 'old'");
    const later = await answer(await runsRoute.POST(post({ planId }, { "idempotency-key": "old" })));
    expect(later.status).toBe(201);
    expect(later.body.runId).not.toBe(first.body.runId);
  });

  it("a rerun with the same key starts one rerun", async () => {
    const { body } = await answer(await runsRoute.POST(post({ planId })));
    await db.query("update public.run_steps set status = 'succeeded', output = '{}'::jsonb where run_id = $1", [body.runId]);
    await db.query("update public.runs set status = 'succeeded' where id = $1", [body.runId]);
    const rerun = () => rerunRoute.POST(post({ fromStep: "summarize" }, { "idempotency-key": "rerun-1" }), ctx({ runId: body.runId! }));
    const [a, b] = await both(rerun);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.runId).toBe(b.body.runId);
  });

  it("runs a template version with values: a plan pinned to it is made and run, once per key; bad values are 400 naming them", async () => {
    const key = `template-${backend}`;
    const request = { templateId: "research-brief", params: { question: "What changed in remote work?" } };
    const [a, b] = await both(() => runsRoute.POST(post(request, { "idempotency-key": key })));
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.runId).toBe(b.body.runId);
    const made = await db.query<{ n: number }>("select count(*)::int as n from public.plans where template_starter = 'research-brief'");
    expect(made[0]!.n).toBe(1);
    const [plan] = await db.query<{ template_params: unknown; title: string }>(
      "select p.template_params, v.title from public.runs r join public.plans p on p.id = r.plan_id join public.plan_versions v on v.plan_id = r.plan_id and v.version = r.plan_version where r.id = $1",
      [a.body.runId],
    );
    expect(plan).toMatchObject({ template_params: { question: "What changed in remote work?" }, title: "Brief: What changed in remote work?" });

    const bad = await answer(await runsRoute.POST(post({ templateId: "research-brief", params: { words: "many" } })));
    expect(bad.status).toBe(400);
    expect(bad.body.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(["params.words"]));
    const unknown = await answer(await runsRoute.POST(post({ templateId: "no-such-template", params: {} })));
    expect(unknown.status).toBe(404);
    const both2 = await answer(await runsRoute.POST(post({ templateId: "research-brief", planId })));
    expect(both2.status).toBe(400);
  });
});
