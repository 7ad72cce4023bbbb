import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "@/lib/db";
import { openTestDatabase, testBackends } from "@/lib/db/testing";
import * as one from "./[planId]/route";
import * as versionsRoute from "./[planId]/versions/route";
import * as versionRoute from "./[planId]/versions/[version]/route";
import * as collection from "./route";

// The real route handlers, called as Next calls them, on a real (test) database.
const carousel = readFileSync("lib/plan/fixtures/carousel.json", "utf8");
const req = (method: string, body?: string, headers: Record<string, string> = {}) => new Request("http://planvas.test/api/plans", { method, body, headers });
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

describe.each(testBackends)("plans API on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    setDatabase(db);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await db?.drop();
  });

  async function create(): Promise<string> {
    const res = await collection.POST(req("POST", carousel));
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  it("creates, reads, lists, versions", async () => {
    const res = await collection.POST(req("POST", carousel));
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; version: number };
    expect(created.version).toBe(1);
    expect(res.headers.get("location")).toBe(`/api/plans/${created.id}`);

    const got = await one.GET(req("GET"), ctx({ planId: created.id }));
    const doc = (await got.json()) as { id: string; version: number; plan: { title: string; steps: { id: string }[] } };
    expect(doc).toMatchObject({ id: created.id, version: 1, plan: { title: "LinkedIn AI Trends Carousel" } });
    expect(doc.plan.steps.map((s) => s.id)).toEqual(["web_search", "generate_outline", "format_post", "generate_image"]);
    expect(Object.keys(doc.plan.steps[0]!).slice(0, 4)).toEqual(["stepIndex", "toolName", "description", "requiresApproval"]);

    const list = (await (await collection.GET()).json()) as { plans: { id: string; stepCount: number }[] };
    expect(list.plans.find((p) => p.id === created.id)).toMatchObject({ stepCount: 4 });

    const put = await one.PUT(req("PUT", JSON.stringify({ plan: { ...doc.plan, title: "Renamed" }, baseVersion: 1 })), ctx({ planId: created.id }));
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ version: 2 });

    const versions = (await (await versionsRoute.GET(req("GET"), ctx({ planId: created.id }))).json()) as {
      versions: { version: number; createdBy: { name: string } }[];
    };
    expect(versions.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions.versions[0]!.createdBy.name).toBe("Local owner");

    const v1 = (await (await versionRoute.GET(req("GET"), ctx({ planId: created.id, version: "1" }))).json()) as { plan: { title: string } };
    expect(v1.plan.title).toBe("LinkedIn AI Trends Carousel");
  });

  it("refuses a save on a stale base version with 409", async () => {
    const id = await create();
    const plan = JSON.parse(carousel) as unknown;
    expect((await one.PUT(req("PUT", JSON.stringify({ plan, baseVersion: 1 })), ctx({ planId: id }))).status).toBe(200);
    const stale = await one.PUT(req("PUT", JSON.stringify({ plan, baseVersion: 1 })), ctx({ planId: id }));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ latestVersion: 2, issues: [{ path: "baseVersion" }] });
  });

  it("answers bad input with 400 naming the path and the value", async () => {
    const bad = carousel.replace('"web_search"', '"web_serch"').replace('"requiresApproval":false', '"requiresApproval":"no"');
    const res = await collection.POST(req("POST", bad));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(body.issues).toContainEqual({ path: "steps[0].toolName", message: 'unknown tool "web_serch" (did you mean "web_search"?)' });
    expect(body.issues).toContainEqual({ path: "steps[0].requiresApproval", message: expect.stringContaining('(got "no")') });
    expect(body.error).toMatch(/^invalid plan: /);
  });

  it("nests plan paths under `plan` for PUT", async () => {
    const id = await create();
    const res = await one.PUT(req("PUT", JSON.stringify({ plan: { title: "", steps: [] }, baseVersion: 1 })), ctx({ planId: id }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe("plan.title");
    const missing = await one.PUT(req("PUT", JSON.stringify({ baseVersion: 1 })), ctx({ planId: id }));
    expect(await missing.json()).toMatchObject({ issues: [{ path: "plan", message: "is required" }] });
  });

  it("answers malformed JSON and empty bodies with 400", async () => {
    const res = await collection.POST(req("POST", '{"title":'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^malformed JSON/);
    expect((await collection.POST(req("POST", ""))).status).toBe(400);
  });

  it("answers 413 for bodies over 1 MB and plans over 500 steps", async () => {
    const huge = JSON.stringify({ title: "x", steps: [], pad: "x".repeat(1_000_001) });
    expect((await collection.POST(req("POST", huge))).status).toBe(413);
    const steps = Array.from({ length: 501 }, (_, i) => ({ stepIndex: i, toolName: "summarize", description: "s", requiresApproval: false }));
    const many = await collection.POST(req("POST", JSON.stringify({ title: "x", steps })));
    expect(many.status).toBe(413);
    expect(await many.json()).toMatchObject({ issues: [{ path: "steps" }] });
  });

  it("answers 404 for unknown and malformed ids", async () => {
    expect((await one.GET(req("GET"), ctx({ planId: "00000000-0000-4000-8000-00000000dead" }))).status).toBe(404);
    expect((await one.GET(req("GET"), ctx({ planId: "not-a-uuid" }))).status).toBe(404);
    expect((await one.PUT(req("PUT", JSON.stringify({ plan: JSON.parse(carousel), baseVersion: 1 })), ctx({ planId: "not-a-uuid" }))).status).toBe(404);
    expect((await versionsRoute.GET(req("GET"), ctx({ planId: "not-a-uuid" }))).status).toBe(404);
    expect((await versionRoute.GET(req("GET"), ctx({ planId: "not-a-uuid", version: "1" }))).status).toBe(404);
    expect((await versionRoute.GET(req("GET"), ctx({ planId: "not-a-uuid", version: "x" }))).status).toBe(400);
  });

  it("deletes a plan and its versions", async () => {
    const id = await create();
    expect((await one.DELETE(req("DELETE"), ctx({ planId: id }))).status).toBe(204);
    expect((await one.GET(req("GET"), ctx({ planId: id }))).status).toBe(404);
    expect(await db.query("select 1 from public.plan_versions where plan_id = $1", [id])).toHaveLength(0);
  });
});

describe("plans API checks static inputs against the tools", () => {
  it("names the input path and the reason; missing inputs are fine", async () => {
    const db = await openTestDatabase("pglite");
    setDatabase(db);
    try {
      const plan = {
        title: "Inputs",
        steps: [
          { stepIndex: 0, toolName: "format_post", description: "post", requiresApproval: true, input: { platform: "myspace", format: "post" } },
          { stepIndex: 1, toolName: "web_search", description: "search", requiresApproval: false, input: { query: "AI trends", colour: "red" } },
          { stepIndex: 2, toolName: "summarize", description: "sum", requiresApproval: false, input: {} },
        ],
      };
      const res = await collection.POST(req("POST", JSON.stringify(plan)));
      expect(res.status).toBe(400);
      const body = (await res.json()) as { issues: { path: string; message: string }[] };
      expect(body.issues.map((i) => i.path)).toEqual(["steps[0].input.platform", "steps[1].input.colour"]);
      expect(body.issues[1]!.message).toBe('web_search has no input "colour"');
    } finally {
      setDatabase(undefined);
      await db.drop();
    }
  });
});
