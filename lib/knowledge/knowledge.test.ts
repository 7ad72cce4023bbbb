import { getTableConfig } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_OWNER } from "../auth";
import { documents, planvasMeta } from "../db/schema-documents";
import { openTestDatabase, testBackends } from "../db/testing";
import type { KnowledgeBase } from "../tools/types";
import { knowledgeBase } from ".";
import { seedSamples } from "./seed";

const OTHER = { id: "00000000-0000-4000-8000-0000000000bb", name: "Someone else", email: "else@planvas.local" };
const AI_SAMPLE = "5a3b1e00-0000-4000-8000-000000000001";

describe.each(testBackends)("knowledge base on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const mine = () => knowledgeBase(db, LOCAL_OWNER);
  const theirs = () => knowledgeBase(db, OTHER);

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await db.query("insert into auth.users (id, email) values ($1, $2)", [OTHER.id, OTHER.email]);
    expect(await seedSamples(db)).toBe(true);
  });
  afterAll(() => db?.drop());

  it("matches the Drizzle schema column for column", async () => {
    for (const table of [documents, planvasMeta]) {
      const cfg = getTableConfig(table);
      const rows = await db.query<{ column_name: string; is_nullable: string }>(
        "select column_name, is_nullable from information_schema.columns where table_schema = 'public' and table_name = $1",
        [cfg.name],
      );
      const actual = new Map(rows.map((r) => [r.column_name, r.is_nullable === "NO"]));
      expect([...actual.keys()].sort(), cfg.name).toEqual(cfg.columns.map((c) => c.name).sort());
      for (const col of cfg.columns) expect(actual.get(col.name), `${cfg.name}.${col.name} not null`).toBe(col.notNull);
    }
  });

  it("ships 10–14 sample documents of 150–400 words, once", async () => {
    const samples = await db.query<{ id: string; content: string; source_url: string; owner_id: string | null }>(
      "select id, content, source_url, owner_id from public.documents where is_sample",
    );
    expect(samples.length).toBeGreaterThanOrEqual(10);
    expect(samples.length).toBeLessThanOrEqual(14);
    for (const s of samples) {
      const words = s.content.match(/\w+/g)!.length;
      expect(words, s.id).toBeGreaterThanOrEqual(150);
      expect(words, s.id).toBeLessThanOrEqual(400);
      expect(s.source_url).toMatch(/^https:\/\/example\.com\//);
      expect(s.owner_id).toBeNull();
    }
    expect(await mine().remove(AI_SAMPLE)).toBe(true);
    expect(await seedSamples(db)).toBe(false);
    expect(await mine().get(AI_SAMPLE)).toBeNull(); // a deleted sample stays deleted
    await db.exec("delete from public.planvas_meta");
    await seedSamples(db); // put it back for the search tests below
    expect(await mine().get(AI_SAMPLE)).not.toBeNull();
  });

  it("ranks title matches above body matches and returns tool results", async () => {
    const kb = mine();
    const body = await kb.add({ title: "Harbour logistics notes", content: "Shipping a zeppelin is mostly paperwork and patience.", format: "text" });
    const titled = await kb.add({
      title: "Zeppelin maintenance handbook",
      content: "Check the gas cells every week; a zeppelin envelope needs care.",
      format: "markdown",
      sourceUrl: "https://example.org/zeppelin",
    });
    const results = await (kb as KnowledgeBase).search("zeppelin", 10);
    expect(results.map((r) => r.title)).toEqual(["Zeppelin maintenance handbook", "Harbour logistics notes"]);
    expect(results[0]).toMatchObject({ url: "https://example.org/zeppelin", source: "knowledge" });
    expect(results[1]!.url).toBe(`/knowledge#${body.id}`);
    expect(results[0]!.snippet).toContain("zeppelin envelope");
    expect(results[0]!.snippet).not.toMatch(/[«»<>]/);
    expect((await kb.search("zeppelin", 1)).length).toBe(1);
    expect(await kb.search("   ", 5)).toEqual([]);
    expect(titled.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("marks hits in plain-text snippets when listing with a query", async () => {
    const kb = mine();
    await kb.add({
      title: "Bakery opening checklist",
      content: "# Opening\n\nOrder **sourdough** flour early. <b>Bold</b> claims aside, the [sourdough starter](https://x.test) needs a week.",
      format: "markdown",
    });
    const [hit] = await kb.list({ q: "sourdough" });
    expect(hit).toMatchObject({ title: "Bakery opening checklist", format: "markdown", isSample: false });
    expect(hit!.snippet).toContain("«sourdough»");
    expect(hit!.snippet).not.toMatch(/<\/?b>|\*\*|\]\(/);
    expect(hit!.chars).toBeGreaterThan(50);
  });

  it("falls back to any of the words when all of them match nothing", async () => {
    const results = await mine().search("AI marketing trends 2026 quasar", 5);
    expect(results[0]?.title).toBe("AI marketing trends in 2026");
    expect(await mine().search("quasar", 5)).toEqual([]);
    // websearch syntax still works when it matches
    const phrase = await mine().search('"four-day work week" -remote', 5);
    expect(phrase.map((r) => r.title)).toContain("The four-day work week debate");
  });

  it("lists newest first, pages, and reads one document", async () => {
    const kb = mine();
    const { id } = await kb.add({ title: "Newest", content: "Fresh text.", format: "text" });
    const [first] = await kb.list({ limit: 1 });
    expect(first).toMatchObject({ id, title: "Newest", chars: 11, isSample: false, sourceUrl: null });
    expect(first!.createdAt).toBeInstanceOf(Date);
    expect(first).not.toHaveProperty("snippet");
    const [second] = await kb.list({ limit: 1, offset: 1 });
    expect(second!.id).not.toBe(id);
    expect(await kb.get(id)).toMatchObject({ id, content: "Fresh text.", ownerId: LOCAL_OWNER.id });
    expect(await kb.get("nope")).toBeNull();
    expect(await kb.remove("nope")).toBe(false);
  });

  it("hides one user's documents from another but shares the samples (RLS)", async () => {
    const { id } = await mine().add({ title: "Private salary bands", content: "Confidential compensation table.", format: "text" });
    const other = theirs();
    expect((await other.list({ limit: 200 })).map((d) => d.id)).not.toContain(id);
    expect(await other.get(id)).toBeNull();
    expect(await other.search("salary compensation", 5)).toEqual([]);
    expect(await other.remove(id)).toBe(false);
    expect(await mine().get(id)).not.toBeNull();

    const samples = (await other.list({ limit: 200 })).filter((d) => d.isSample);
    expect(samples.length).toBeGreaterThanOrEqual(10);
    expect((await other.search("LinkedIn carousel", 3))[0]?.title).toBe("LinkedIn carousel best practices");
    // A single workspace: anyone signed in may delete a sample.
    expect(await other.remove(samples[0]!.id)).toBe(true);
  });

  it("refuses documents posing as samples or as someone else's", async () => {
    const as = (sqlText: string) =>
      db.transaction(async (tx) => {
        await tx.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [
          JSON.stringify({ sub: OTHER.id, role: "authenticated" }),
        ]);
        await tx.query(sqlText);
      });
    await expect(as("insert into public.documents (title, content, is_sample) values ('x', 'y', true)")).rejects.toThrow(/row-level security/);
    await expect(as(`insert into public.documents (owner_id, title, content) values ('${LOCAL_OWNER.id}', 'x', 'y')`)).rejects.toThrow(/row-level security/);
    await expect(as("select * from public.planvas_meta")).rejects.toThrow(/permission denied/);
    await expect(as("insert into public.planvas_meta (key) values ('x')")).rejects.toThrow(/permission denied|row-level security/);
  });
});
