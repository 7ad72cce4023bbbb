import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/client";
import { asService, asUserSql, ensureUser } from "../db/rls";
import { openTestDatabase, testBackends } from "../db/testing";
import { createTemplate, getVersion, listTemplates, planFromTemplate, publishVersion, TemplateError } from "./store";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const olga = { id: id(41), email: "olga@example.com", name: "Olga" };
const eli = { id: id(42), email: "eli@example.com", name: "Eli" };
const vic = { id: id(43), email: "vic@example.com", name: "Vic" };
const xan = { id: id(44), email: "xan@example.com", name: "Xan" };
const TEAM = id(140);

const carousel = JSON.parse(readFileSync("lib/plan/fixtures/carousel.json", "utf8")) as { title: string; steps: { toolName: string; id?: string }[] };
const outlineId = () => {
  const s = carousel.steps.find((x) => x.toolName === "generate_outline")!;
  return s.id ?? "generate_outline";
};
const params = () => [
  { name: "topic", label: "Topic" },
  { name: "slides", label: "Slides", bindings: [{ stepId: outlineId(), path: ["sections"] }], default: 6 },
];

describe.each(testBackends)("templates on %s", (backend) => {
  let db: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    for (const u of [olga, eli, vic, xan]) await ensureUser(db, u);
    await asUserSql(db, olga, (tx) => tx.query("insert into public.workspaces (id, name) values ($1, 'Growth team')", [TEAM]));
    await asService(db, (tx) =>
      tx.query("insert into public.memberships (workspace_id, user_id, role) values ($1, $2, 'editor'), ($1, $3, 'viewer')", [TEAM, eli.id, vic.id]),
    );
  }, 60_000);
  afterAll(() => db?.drop());

  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => "ok",
      (e: unknown) =>
        e instanceof TemplateError
          ? `${e.status} ${e.message}${e.issues.length ? `: ${e.issues.map((i) => `${i.path} ${i.message}`).join("; ")}` : ""}`
          : `unexpected: ${String(e)}`,
    );

  it("an editor publishes v1 and v2; members read every version, unchanged; outsiders see nothing", async () => {
    const t = await createTemplate(db, eli, { workspaceId: TEAM, name: "Carousel from research", plan: carousel, params: params() });
    expect(t.version).toBe(1);
    const v2plan = { ...carousel, title: "Carousel v2" };
    expect(await publishVersion(db, eli, t.id, { plan: v2plan, params: params(), changeNote: "New title", baseVersion: 1 })).toEqual({ version: 2 });
    expect((await getVersion(db, vic, t.id, 1)).plan.title).toBe(carousel.title);
    expect(await getVersion(db, vic, t.id)).toMatchObject({ version: 2, changeNote: "New title", plan: { title: "Carousel v2" } });
    expect((await listTemplates(db, vic, TEAM)).map((x) => [x.name, x.latestVersion])).toEqual([["Carousel from research", 2]]);
    expect(await listTemplates(db, xan)).toEqual([]);
    expect(await outcome(getVersion(db, xan, t.id))).toBe("404 no such template");
    expect(await outcome(getVersion(db, vic, t.id, 9))).toBe(`404 template ${t.id} has no version 9`);
    // Versions are immutable, for everyone, the service role included.
    const change = await outcome(asService(db, (tx) => tx.query("update public.template_versions set change_note = 'x' where template_id = $1", [t.id])));
    expect(change).toMatch(/template versions are immutable/);
  });

  it("a viewer may not publish; a stale base version is a 409, not an overwrite", async () => {
    expect(await outcome(createTemplate(db, vic, { workspaceId: TEAM, name: "Mine", plan: carousel, params: [] }))).toBe(
      "403 only editors, admins and owners of this workspace may publish templates",
    );
    const t = await createTemplate(db, olga, { workspaceId: TEAM, name: "Race", plan: carousel, params: [] });
    await publishVersion(db, eli, t.id, { plan: carousel, params: [], changeNote: "first", baseVersion: 1 });
    expect(await outcome(publishVersion(db, olga, t.id, { plan: carousel, params: [], changeNote: "second", baseVersion: 1 }))).toBe(
      "409 version 2 was published since version 1; start from it",
    );
    expect(await outcome(publishVersion(db, vic, t.id, { plan: carousel, params: [], changeNote: "x", baseVersion: 2 }))).toBe(
      "403 only editors, admins and owners of this workspace may publish templates",
    );
  });

  it("refuses to publish a binding that does not fit, naming the step path and the parameter", async () => {
    const bad = [{ name: "slides", label: "Slides", bindings: [{ stepId: outlineId(), path: ["slides"] }] }];
    const index = carousel.steps.findIndex((s) => s.toolName === "generate_outline");
    expect(await outcome(createTemplate(db, eli, { workspaceId: TEAM, name: "Bad", plan: carousel, params: bad }))).toBe(
      `400 the parameters do not fit the plan: steps[${index}].input.slides ← params.slides generate_outline has no input slides`,
    );
    expect(await outcome(createTemplate(db, eli, { workspaceId: TEAM, name: "Bad", plan: carousel, params: [{ name: "Bad Name", label: "x" }] }))).toMatch(
      /^400 the parameters do not fit the plan: params\[0\]\.name /,
    );
    expect(await outcome(createTemplate(db, eli, { workspaceId: TEAM, name: "Bad", plan: { title: "", steps: [] }, params: [] }))).toMatch(
      /^400 the plan is not valid: plan\.title/,
    );
  });

  it("makes a plan from a version with values, naming each value that does not fit", async () => {
    const t = await createTemplate(db, eli, { workspaceId: TEAM, name: "Use me", plan: carousel, params: params() });
    const made = await planFromTemplate(db, vic, t.id, 1, { topic: "remote work", slides: 8 });
    expect(made.values).toEqual({ topic: "remote work", slides: 8 });
    expect(made.plan.steps.find((s) => s.toolName === "generate_outline")!.input.sections).toBe(8);
    const refused = await outcome(planFromTemplate(db, vic, t.id, 1, { slides: 99, extra: 1 }));
    expect(refused).toMatch(/^400 the parameter values do not fit: /);
    for (const part of ["params.topic required: Topic", "params.slides Too big: expected number to be <=20", "params.extra the template has no such parameter"])
      expect(refused).toContain(part);
    expect(await outcome(planFromTemplate(db, vic, "not-a-uuid", 1, {}))).toBe("404 no such template");
  });
});
