import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_OWNER } from "@/lib/auth";
import { setDatabase } from "@/lib/db";
import { startRun } from "@/lib/runs/service";
import { openTestDatabase, testBackends } from "@/lib/db/testing";
import * as oneRun from "../runs/[runId]/route";
import * as templates from "../templates/route";
import * as one from "./[planId]/route";
import * as collection from "./route";

// Plans pinned to the template version they were made from: the real handlers on a test database.
const carousel = JSON.parse(readFileSync("lib/plan/fixtures/carousel.json", "utf8")) as Record<string, unknown>;
const req = (method: string, body?: unknown) =>
  new Request("http://planvas.test/api/plans", {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
const ctx = (planId: string) => ({ params: Promise.resolve({ planId }) });
const get = async (id: string) => (await (await one.GET(req("GET"), ctx(id))).json()) as { version: number; template: unknown; plan: Record<string, unknown> };

describe.each(testBackends)("plans pinned to templates on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let templateId: string;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    setDatabase(db);
    const made = await templates.POST(req("POST", { name: "Carousel", plan: carousel, params: [{ name: "topic", label: "Topic" }] }));
    templateId = ((await made.json()) as { id: string }).id;
  });
  afterAll(async () => {
    setDatabase(undefined);
    await db?.drop();
  });

  it("keeps the plain body working, unpinned", async () => {
    const res = await collection.POST(req("POST", carousel));
    expect(res.status).toBe(201);
    expect((await get(((await res.json()) as { id: string }).id)).template).toBeNull();
  });

  it("records a workspace template's version and values, and re-pins on save", async () => {
    const template = { id: templateId, version: 1, params: { topic: "remote work" } };
    const res = await collection.POST(req("POST", { ...carousel, template }));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const first = await get(id);
    expect(first.template).toEqual(template);
    expect(first.plan).not.toHaveProperty("template");

    // A save without `template` keeps the pin; one with it re-pins (an upgrade).
    expect((await one.PUT(req("PUT", { plan: first.plan, baseVersion: 1 }), ctx(id))).status).toBe(200);
    expect((await get(id)).template).toEqual(template);
    const bad = await one.PUT(req("PUT", { plan: first.plan, baseVersion: 2, template: { ...template, version: 7 } }), ctx(id));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ path: "template", message: `no template ${templateId} version 7` }] });
  });

  it("a run of a pinned plan records the template, version and values it was made with", async () => {
    const template = { id: templateId, version: 1, params: { topic: "four-day week" } };
    const { id } = (await (await collection.POST(req("POST", { ...carousel, template }))).json()) as { id: string };
    // Recorded as the engine is asked to start it (no engine runs in this test).
    const started = await startRun(db, LOCAL_OWNER, id);
    if (started.status !== "started") throw new Error(started.status);
    const { runId } = started;
    const view = async () => (await (await oneRun.GET(req("GET"), { params: Promise.resolve({ runId }) })).json()) as { template: unknown };
    expect((await view()).template).toEqual({ id: templateId, starter: null, name: "Carousel", version: 1, params: { topic: "four-day week" } });
    // Re-pinning the plan later does not rewrite what the run was made with.
    const plan = (await get(id)).plan;
    await one.PUT(req("PUT", { plan, baseVersion: 1, template: { ...template, params: { topic: "something else" } } }), ctx(id));
    expect((await view()).template).toMatchObject({ params: { topic: "four-day week" } });
  });

  it("pins to a starter by slug and refuses unknown templates and malformed pins, naming template.*", async () => {
    const starter = await collection.POST(req("POST", { ...carousel, template: { id: "research-brief", version: 1, params: { question: "why" } } }));
    expect(starter.status).toBe(201);
    expect((await get(((await starter.json()) as { id: string }).id)).template).toMatchObject({ id: "research-brief", version: 1 });

    const missing = await collection.POST(req("POST", { ...carousel, template: { id: "00000000-0000-4000-8000-000000000999", version: 1 } }));
    expect(missing.status).toBe(400);
    const malformed = await collection.POST(req("POST", { ...carousel, template: { id: templateId, version: "one" } }));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ issues: [{ path: "template.version" }] });
  });

  it("unpins a plan when its template is deleted", async () => {
    const made = await templates.POST(req("POST", { name: "Doomed", plan: carousel, params: [] }));
    const doomed = ((await made.json()) as { id: string }).id;
    const res = await collection.POST(req("POST", { ...carousel, template: { id: doomed, version: 1, params: {} } }));
    const { id } = (await res.json()) as { id: string };
    await db.query("delete from public.templates where id = $1", [doomed]);
    expect((await get(id)).template).toBeNull();
  });
});
