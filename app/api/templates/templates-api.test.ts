import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "@/lib/db";
import { openTestDatabase, testBackends } from "@/lib/db/testing";
import * as one from "./[templateId]/route";
import * as exportRoute from "./[templateId]/export/route";
import * as importRoute from "./import/route";
import * as instantiate from "./[templateId]/instantiate/route";
import * as version from "./[templateId]/versions/[version]/route";
import * as versions from "./[templateId]/versions/route";
import * as collection from "./route";

// The real route handlers, called as Next calls them, on a real (test) database, as the local owner.
const carousel = JSON.parse(readFileSync("lib/plan/fixtures/carousel.json", "utf8")) as { steps: { toolName: string }[] };
const req = (method: string, body?: unknown) =>
  new Request("http://planvas.test/api/templates", {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });
const params = [
  { name: "topic", label: "Topic" },
  { name: "slides", label: "Slides", default: 6, bindings: [{ stepId: "generate_outline", path: ["sections"] }] },
];

describe.each(testBackends)("templates API on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    setDatabase(db);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await db?.drop();
  });

  it("lists the starter templates from the start", async () => {
    const list = (await (await collection.GET()).json()) as { templates: { id: string; starter: boolean }[] };
    expect(list.templates.filter((t) => t.starter).length).toBeGreaterThanOrEqual(8);
  });

  it("publishes, versions, reads, and makes plans from a template", async () => {
    const created = await collection.POST(req("POST", { name: "Carousel from research", plan: carousel, params }));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(created.headers.get("location")).toBe(`/api/templates/${id}`);

    const v2 = await versions.POST(
      req("POST", { plan: { ...carousel, title: "Carousel v2" }, params, changeNote: "New title", baseVersion: 1 }),
      ctx({ templateId: id }),
    );
    expect(v2.status).toBe(201);
    expect(await v2.json()).toEqual({ version: 2 });
    const stale = await versions.POST(req("POST", { plan: carousel, params, changeNote: "Again", baseVersion: 1 }), ctx({ templateId: id }));
    expect(stale.status).toBe(409);

    expect(await (await one.GET(req("GET"), ctx({ templateId: id }))).json()).toMatchObject({
      version: 2,
      changeNote: "New title",
      plan: { title: "Carousel v2" },
    });
    expect(await (await version.GET(req("GET"), ctx({ templateId: id, version: "1" }))).json()).toMatchObject({
      version: 1,
      plan: { title: "LinkedIn AI Trends Carousel" },
    });

    const made = await instantiate.POST(req("POST", { version: 1, params: { topic: "remote work", slides: 8 } }), ctx({ templateId: id }));
    expect(made.status).toBe(200);
    const body = (await made.json()) as { version: number; values: unknown; plan: { steps: { toolName: string; input: Record<string, unknown> }[] } };
    expect(body).toMatchObject({ version: 1, values: { topic: "remote work", slides: 8 } });
    expect(body.plan.steps.find((s) => s.toolName === "generate_outline")!.input.sections).toBe(8);

    const list = (await (await collection.GET()).json()) as { templates: { id: string; latestVersion: number; starter: boolean }[] };
    expect(list.templates[0]).toMatchObject({ id, latestVersion: 2, starter: false });
  });

  it("says what is wrong: bindings that do not fit, values that do not fit, unknown templates and versions", async () => {
    const bad = await collection.POST(
      req("POST", { name: "Bad", plan: carousel, params: [{ name: "slides", label: "Slides", bindings: [{ stepId: "generate_outline", path: ["slides"] }] }] }),
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ path: "steps[1].input.slides ← params.slides", message: "generate_outline has no input slides" }] });

    const { id } = (await (await collection.POST(req("POST", { name: "Ok", plan: carousel, params }))).json()) as { id: string };
    const values = await instantiate.POST(req("POST", { params: { slides: 50, colour: "red" } }), ctx({ templateId: id }));
    expect(values.status).toBe(400);
    const issues = ((await values.json()) as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
    expect(issues).toEqual(["params.colour", "params.slides", "params.topic"]);

    expect((await one.GET(req("GET"), ctx({ templateId: "00000000-0000-4000-8000-000000000999" }))).status).toBe(404);
    expect((await one.GET(req("GET"), ctx({ templateId: "no-such-starter" }))).status).toBe(404);
    expect((await version.GET(req("GET"), ctx({ templateId: id, version: "0" }))).status).toBe(400);
    expect((await version.GET(req("GET"), ctx({ templateId: id, version: "7" }))).status).toBe(404);
    expect((await collection.POST(req("POST", { name: "", plan: carousel }))).status).toBe(400);
  });

  it("uses a starter template with values, and refuses to change one", async () => {
    const made = await instantiate.POST(req("POST", { params: { topic: "remote work", slides: 8 } }), ctx({ templateId: "linkedin-carousel-from-research" }));
    expect(made.status).toBe(200);
    expect(await made.json()).toMatchObject({ version: 1, plan: { title: "LinkedIn carousel: remote work" } });
    const publish = await versions.POST(
      req("POST", { plan: carousel, params: [], changeNote: "Mine now", baseVersion: 1 }),
      ctx({ templateId: "linkedin-carousel-from-research" }),
    );
    expect(publish.status).toBe(403);
    expect((await version.GET(req("GET"), ctx({ templateId: "research-brief", version: "2" }))).status).toBe(404);
  });

  it("exports a version as a file without this workspace's people or secrets, and imports it as a new template", async () => {
    const plan = structuredClone(carousel) as unknown as { steps: Record<string, unknown>[] };
    plan.steps.push({
      stepIndex: 4,
      toolName: "http_request",
      description: "Tell the team",
      requiresApproval: true,
      input: { method: "POST", url: "https://hooks.example.com/planvas", headers: { Authorization: "Bearer s3cret", "X-Source": "planvas" } },
      approvalRule: { deciders: { kind: "members", userIds: ["00000000-0000-4000-8000-000000000001"] }, quorum: 1 },
    });
    const made = (await (await collection.POST(req("POST", { name: "Team post", plan, params }))).json()) as { id: string };
    const res = await exportRoute.GET(new Request(`http://planvas.test/api/templates/${made.id}/export?version=1`), ctx({ templateId: made.id }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="team-post-v1.planvas-template.json"');
    const file = (await res.json()) as { plan: { steps: { input: Record<string, unknown>; approvalRule?: unknown }[] }; notes: string[] };
    const text = JSON.stringify(file);
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain(made.id);
    expect(text).not.toContain("00000000-0000-4000-8000-000000000001");
    expect(file.plan.steps[4]!.input.headers).toEqual({ Authorization: "", "X-Source": "planvas" });
    expect(file.notes).toEqual([
      expect.stringMatching(/^steps\[4\]\.approvalRule: /),
      expect.stringMatching(/^steps\[4\]\.input\.headers\.Authorization: a credential/),
    ]);

    const imported = await importRoute.POST(req("POST", file));
    expect(imported.status).toBe(201);
    const { id } = (await imported.json()) as { id: string };
    expect(id).not.toBe(made.id);
    const back = (await (await one.GET(req("GET"), ctx({ templateId: id }))).json()) as { version: number; changeNote: string; params: unknown[] };
    expect(back).toMatchObject({
      version: 1,
      changeNote: "Imported from a file (exported version 1)",
      params: expect.arrayContaining([expect.objectContaining({ name: "slides" })]),
    });

    // A starter exports too.
    const starter = await exportRoute.GET(new Request("http://planvas.test/api/templates/research-brief/export"), ctx({ templateId: "research-brief" }));
    expect(((await starter.json()) as { kind: string }).kind).toBe("planvas.template");
  });

  it("refuses a file that is not a template, naming what is wrong in it", async () => {
    const notOurs = await importRoute.POST(req("POST", { schemaVersion: 2, kind: "n8n.workflow", name: "x", plan: {} }));
    expect(notOurs.status).toBe(400);
    const paths = ((await notOurs.json()) as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["schemaVersion", "kind"]));
    const badPlan = await importRoute.POST(
      req("POST", {
        schemaVersion: 1,
        kind: "planvas.template",
        name: "Broken",
        params: [],
        plan: { title: "T", steps: [{ stepIndex: 0, toolName: "web_serch", description: "d", requiresApproval: false }] },
      }),
    );
    expect(badPlan.status).toBe(400);
    expect(await badPlan.json()).toMatchObject({ issues: [{ path: expect.stringMatching(/^plan\.steps\[0\]\.toolName/) }] });
  });
});
