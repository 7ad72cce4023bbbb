import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerEmbeddedRunner } from "@/inngest/client";
import { main } from "@/lib/cli";
import { setDatabase } from "@/lib/db";
import { openTestDatabase, testBackends } from "@/lib/db/testing";
import { tickSchedules } from "@/lib/triggers/schedule-tick";
import * as one from "./[scheduleId]/route";
import * as collection from "./route";

// The real route handlers on a real (test) database as the local owner, and `planvas schedule …`
// with its fetch routed to them in-process. The engine is a recorder of the events sent.
const req = (method: string, body?: unknown, url = "http://planvas.test/api/schedules") =>
  new Request(url, {
    method,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
const ctx = (scheduleId: string) => ({ params: Promise.resolve({ scheduleId }) });
type Json = Record<string, unknown> & { id: string; issues?: { path: string; message: string }[] };

async function route(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const r = new Request(input, init);
  const path = new URL(r.url).pathname;
  if (path === "/api/schedules") return (collection as unknown as Record<string, (q: Request) => Promise<Response>>)[r.method]!(r);
  const m = /^\/api\/schedules\/([^/]+)$/.exec(path);
  if (m) return (one as unknown as Record<string, (q: Request, c: unknown) => Promise<Response>>)[r.method]!(r, ctx(decodeURIComponent(m[1]!)));
  return new Response("{}", { status: 404 });
}
function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: { log: (s: string) => lines.push(s), err: (s: string) => errors.push(s) }, lines, errors };
}

describe.each(testBackends)("schedules API on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    setDatabase(db);
    registerEmbeddedRunner({ fetch: async (_u, init) => Response.json({ ids: [JSON.parse(String(init?.body))].flat().map(() => "x"), status: 200 }) });
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    registerEmbeddedRunner(undefined);
    setDatabase(undefined);
    await db?.drop();
  });

  const good = {
    name: "Monday brief",
    target: { kind: "template", templateId: "research-brief", version: null },
    params: { question: "What changed in durable execution this week?" },
    cron: "0 9 * * 1",
    timezone: "Europe/Lisbon",
  };

  it("answers bad input with 400 naming the field, and creates nothing", async () => {
    const cases: [unknown, string][] = [
      [{ ...good, cron: "0 9 * *" }, "cron"],
      [{ ...good, cron: "0 24 * * *" }, "cron"],
      [{ ...good, timezone: "Europe/Atlantis" }, "timezone"],
      [{ ...good, params: { question: 42 } }, "params.question"],
      [{ ...good, params: {} }, "params.question"],
      [{ ...good, overlap: "sometimes" }, "overlap"],
      [{ ...good, maxFailures: -1 }, "maxFailures"],
      [{ ...good, target: { kind: "plan", planId: "nope", version: null } }, "target.planId"],
      [{ ...good, extra: 1 }, "(root)"],
    ];
    for (const [body, path] of cases) {
      const res = await collection.POST(req("POST", body));
      const json = (await res.json()) as Json;
      expect([res.status, json.issues?.map((i) => i.path)], JSON.stringify(json)).toEqual([400, expect.arrayContaining([path])]);
    }
    expect((await collection.POST(req("POST", "{not json"))).status).toBe(400);
    const unknownPlan = await collection.POST(
      req("POST", { ...good, params: {}, target: { kind: "plan", planId: "00000000-0000-4000-8000-000000000999", version: null } }),
    );
    expect(unknownPlan.status).toBe(404);
    expect(((await (await collection.GET(req("GET"))).json()) as { schedules: unknown[] }).schedules).toEqual([]);
  });

  it("creates, lists, reads with history, pauses, resumes and deletes", async () => {
    const res = await collection.POST(req("POST", good));
    expect(res.status).toBe(201);
    const s = (await res.json()) as Json;
    expect(s).toMatchObject({ name: "Monday brief", overlap: "skip", maxFailures: 3, paused: false, description: "every Monday at 09:00 Europe/Lisbon" });
    expect(res.headers.get("location")).toBe(`/api/schedules/${s.id}`);
    expect(s.upcoming).toHaveLength(3);
    expect(new Date(String(s.nextFireAt)).getUTCDay()).toBe(1);

    const list = (await (await collection.GET(req("GET", undefined, "http://planvas.test/api/schedules?templateId=research-brief"))).json()) as {
      schedules: Json[];
    };
    expect(list.schedules.map((x) => x.id)).toEqual([s.id]);
    const none = (await (await collection.GET(req("GET", undefined, "http://planvas.test/api/schedules?templateId=other"))).json()) as { schedules: Json[] };
    expect(none.schedules).toEqual([]);

    // One tick at the fire time: the history shows the run it started.
    await tickSchedules(db, new Date(String(s.nextFireAt)));
    const read = (await (await one.GET(req("GET"), ctx(s.id))).json()) as Json & { fires: { status: string; runId: string | null; scheduledAt: string }[] };
    expect(read.fires).toEqual([expect.objectContaining({ status: "started", scheduledAt: s.nextFireAt, runId: expect.any(String) })]);

    const bad = await one.PATCH(req("PATCH", { timezone: "Nowhere/Land" }), ctx(s.id));
    expect([bad.status, ((await bad.json()) as Json).issues?.[0]?.path]).toEqual([400, "timezone"]);
    const paused = (await (await one.PATCH(req("PATCH", { paused: true }), ctx(s.id))).json()) as Json;
    expect(paused).toMatchObject({ paused: true, nextFireAt: null, upcoming: [] });
    const resumed = (await (await one.PATCH(req("PATCH", { paused: false, cron: "*/5 * * * *" }), ctx(s.id))).json()) as Json;
    expect(resumed).toMatchObject({ paused: false, cron: "*/5 * * * *", description: "every 5 minutes Europe/Lisbon" });

    expect((await one.GET(req("GET"), ctx("not-a-uuid"))).status).toBe(404);
    expect((await one.GET(req("GET"), ctx("00000000-0000-4000-8000-000000000999"))).status).toBe(404);
    expect((await one.DELETE(req("DELETE"), ctx(s.id))).status).toBe(204);
    expect((await one.GET(req("GET"), ctx(s.id))).status).toBe(404);
  });

  it("planvas schedule create|list|pause|resume", async () => {
    vi.stubGlobal("fetch", route);
    const url = ["--url", "http://planvas.test"];
    const made = capture();
    const code = await main(
      [
        "schedule",
        "create",
        "--template",
        "research-brief",
        "--cron",
        "30 8 * * 1-5",
        "--tz",
        "America/New_York",
        "--param",
        "question=Why cron?",
        "--name",
        "Weekday brief",
        ...url,
      ],
      made.out,
    );
    expect([code, made.errors]).toEqual([0, []]);
    expect(made.lines[0]).toMatch(/^created schedule [0-9a-f-]{36}: at 08:30 on weekdays America\/New_York; next 20/);
    const id = /schedule ([0-9a-f-]{36})/.exec(made.lines[0]!)![1]!;
    const listed = capture();
    expect(await main(["schedule", "list", ...url], listed.out)).toBe(0);
    expect(listed.lines.find((l) => l.startsWith(id))).toMatch(
      /Weekday brief {2}at 08:30 on weekdays America\/New_York {2}template research-brief \(latest published\) {2}\[next /,
    );
    const p = capture();
    expect(await main(["schedule", "pause", id, ...url], p.out)).toBe(0);
    expect(p.lines).toEqual([`paused schedule ${id}`]);
    const r = capture();
    expect(await main(["schedule", "resume", id, ...url], r.out)).toBe(0);
    expect(r.lines[0]).toMatch(new RegExp(`^resumed schedule ${id}; next 20`));
    const bad = capture();
    expect(
      await main(["schedule", "create", "--template", "research-brief", "--cron", "0 9 * * 1", "--tz", "Mars/Base", "--param", "question=x", ...url], bad.out),
    ).toBe(1);
    expect(bad.errors).toEqual([
      expect.stringMatching(/^planvas: could not create the schedule: invalid schedule: timezone: /),
      expect.stringMatching(/^ {2}timezone: unknown time zone/),
    ]);
    const usage = capture();
    expect(await main(["schedule", "create", "--cron", "0 9 * * 1", ...url], usage.out)).toBe(2);
    expect(usage.errors[0]).toMatch(/needs one of --plan <planId> or --template <templateId>/);
  });
});
