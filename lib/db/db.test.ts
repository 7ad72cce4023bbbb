import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_OWNER } from "../auth";
import { planStore } from "../plans";
import { validatePlan } from "../plan/validate";
import type { Database } from "./client";
import { migrate } from "./migrate";
import { openTestDatabase, testBackends } from "./testing";

const seed = {
  title: "LinkedIn AI Trends Carousel",
  steps: [
    { stepIndex: 0, toolName: "web_search", description: "Search for top 5 AI marketing trends in 2026", requiresApproval: false },
    { stepIndex: 1, toolName: "generate_outline", description: "Structure a 6-slide carousel outline from search results", requiresApproval: false },
  ],
};
const plan = (() => {
  const r = validatePlan(seed);
  if (!r.ok) throw new Error("seed must validate");
  return r.plan;
})();

const OTHER = { id: "00000000-0000-4000-8000-0000000000aa", name: "Someone else", email: "else@planvas.local" };

describe.each(testBackends)("database on %s", (backend) => {
  let db: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await db.query("insert into auth.users (id, email) values ($1, $2)", [OTHER.id, OTHER.email]);
    await db.query("insert into public.profiles (id, display_name) values ($1, $2)", [OTHER.id, OTHER.name]);
  });
  afterAll(() => db?.drop());

  it("records applied migrations and applies nothing twice", async () => {
    const rows = await db.query<{ version: string; name: string }>("select version, name from supabase_migrations.schema_migrations order by version");
    expect(rows.map((r) => r.name)).toContain("plans");
    expect(await migrate(db)).toEqual([]);
  });

  it("provides the Supabase compatibility layer", async () => {
    const roles = await db.query<{ rolname: string }>("select rolname from pg_roles where rolname in ('anon','authenticated','service_role') order by 1");
    expect(roles.map((r) => r.rolname)).toEqual(["anon", "authenticated", "service_role"]);
    const [uid] = await db.transaction((tx) =>
      tx.query<{ uid: string }>("select set_config('request.jwt.claims', $1, true), auth.uid()::text as uid", [JSON.stringify({ sub: LOCAL_OWNER.id })]),
    );
    expect(uid!.uid).toBe(LOCAL_OWNER.id);
    const pub = await db.query("select 1 from pg_publication where pubname = 'supabase_realtime'");
    expect(pub).toHaveLength(1);
  });

  it("enables row level security on every public table", async () => {
    const rows = await db.query<{ relname: string; relrowsecurity: boolean }>(
      "select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by 1",
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r, r.relname).toMatchObject({ relrowsecurity: true });
  });

  it("saves versions, lists them, and refuses a stale base version", async () => {
    const store = planStore(db, LOCAL_OWNER);
    const { id, version } = await store.create(plan);
    expect(version).toBe(1);
    const edited = { ...plan, title: "Edited" };
    expect(await store.save(id, edited, 1)).toEqual({ status: "saved", version: 2 });
    expect(await store.save(id, plan, 1)).toEqual({ status: "conflict", latestVersion: 2 });
    const got = await store.get(id);
    expect(got).toMatchObject({ id, version: 2, latestVersion: 2, title: "Edited", savedBy: { id: LOCAL_OWNER.id, name: LOCAL_OWNER.name } });
    expect(got!.plan).toEqual(edited);
    expect((await store.get(id, 1))!.plan).toEqual(plan);
    expect((await store.versions(id))!.map((v) => v.version)).toEqual([2, 1]);
    const listed = (await store.list()).find((p) => p.id === id);
    expect(listed).toMatchObject({ title: "Edited", version: 2, stepCount: 2 });
  });

  it("lets one of two concurrent saves on the same base win and the other conflict", async () => {
    const store = planStore(db, LOCAL_OWNER);
    const { id } = await store.create(plan);
    const results = await Promise.all([store.save(id, plan, 1), store.save(id, plan, 1)]);
    expect(results.map((r) => r.status).sort()).toEqual(["conflict", "saved"]);
  });

  it("keeps versions immutable", async () => {
    const { id } = await planStore(db, LOCAL_OWNER).create(plan);
    await expect(db.query("update public.plan_versions set title = 'x' where plan_id = $1", [id])).rejects.toThrow(/immutable/);
  });

  it("hides one user's plans from another (RLS)", async () => {
    const mine = await planStore(db, LOCAL_OWNER).create(plan);
    const theirs = planStore(db, OTHER);
    expect((await theirs.list()).map((p) => p.id)).not.toContain(mine.id);
    expect(await theirs.get(mine.id)).toBeNull();
    expect(await theirs.save(mine.id, plan, 1)).toEqual({ status: "not_found" });
    expect(await theirs.remove(mine.id)).toBe(false);
    expect(await planStore(db, LOCAL_OWNER).get(mine.id)).not.toBeNull();
  });

  it("answers not found for ids that are not uuids", async () => {
    const store = planStore(db, LOCAL_OWNER);
    expect(await store.get("nope")).toBeNull();
    expect(await store.versions("nope")).toBeNull();
  });
});

describe.each(testBackends)("drizzle schema on %s", (backend) => {
  it("matches the migrated tables column for column", async () => {
    const { getTableConfig } = await import("drizzle-orm/pg-core");
    const schema = await import("./schema");
    const db = await openTestDatabase(backend);
    try {
      for (const table of [schema.profiles, schema.plans, schema.planVersions, schema.authUsers, schema.assets, schema.workspaces, schema.memberships]) {
        const cfg = getTableConfig(table);
        const rows = await db.query<{ column_name: string; is_nullable: string }>(
          "select column_name, is_nullable from information_schema.columns where table_schema = $1 and table_name = $2",
          [cfg.schema ?? "public", cfg.name],
        );
        const actual = new Map(rows.map((r) => [r.column_name, r.is_nullable === "NO"]));
        for (const col of cfg.columns) {
          expect(actual.has(col.name), `${cfg.name}.${col.name} exists`).toBe(true);
          expect(actual.get(col.name), `${cfg.name}.${col.name} not null`).toBe(col.notNull);
        }
      }
    } finally {
      await db.drop();
    }
  });
});
