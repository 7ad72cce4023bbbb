import { PGlite } from "@electric-sql/pglite";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteClient, PgliteStatements } from "./pglite-statements";

// The prepared-statement path must answer exactly as PGlite's own query() does, lock as it does,
// and recover from the ways a prepared statement goes stale.
describe("PGlite prepared statements", () => {
  let pg: PGlite;
  let st: PgliteStatements;
  beforeAll(async () => {
    pg = await PGlite.create();
    st = new PgliteStatements(pg, 3);
    await pg.exec(`create table t (id int primary key, name text, doc jsonb, tags text[], big int8, amount numeric, at timestamptz, ok boolean, ref uuid)`);
  });
  afterAll(() => pg.close());

  it("returns what PGlite's query() returns, for every kind of value", async () => {
    const insert = "insert into t values ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9) returning *";
    const a = [
      1,
      "ä 'quoted' \\ text",
      JSON.stringify({ a: [1, { b: null }] }),
      ["x", "y,z", 'q"'],
      "9007199254740993",
      "12.50",
      new Date("2026-12-02T10:00:00Z"),
      true,
      "7d444840-9dc0-11d1-b245-5ffdce74fad2",
    ];
    const b = [2, null, { plain: "object" }, [], 5, 0.5, "2026-12-02T10:00:00+01:00", false, null];
    const mine = await st.query(insert, a);
    await pg.query("delete from t where id = 1");
    expect(mine).toEqual(await viaQuery(insert, a));
    const mineB = await st.query(insert, b);
    await pg.query("delete from t where id = 2");
    expect(mineB).toEqual(await viaQuery(insert, b));
    expect(mine[0]).toMatchObject({ name: a[1], doc: { a: [1, { b: null }] }, big: 9007199254740993n, ok: true });
    expect(await st.query("select id, tags from t where tags && $1::text[] order by id", [["y,z"]])).toEqual([{ id: 1, tags: ["x", "y,z", 'q"'] }]);
    expect(await st.query("select count(*)::int as n from t where ref = any($1::uuid[])", [["7d444840-9dc0-11d1-b245-5ffdce74fad2"]])).toEqual([{ n: 1 }]);
  });

  async function viaQuery(text: string, params: unknown[]) {
    return (await pg.query(text, params)).rows;
  }

  it("throws PostgreSQL's error with its code and the statement, and goes on afterwards", async () => {
    const err = (await st.query("insert into t (id) values ($1)", [1]).then(
      () => null,
      (e: unknown) => e,
    )) as { code: string; query: string; message: string } | null;
    expect(err).toMatchObject({ code: "23505", query: "insert into t (id) values ($1)" });
    expect(String(err?.message)).toMatch(/duplicate key/);
    expect(await st.query("select count(*)::int as n from t", [])).toEqual([{ n: 2 }]);
  });

  /** Another caller's transaction: resolves once it holds an uncommitted row `id`, which it rolls back 50 ms later. */
  async function uncommittedRow(id: number): Promise<{ rolledBack: Promise<string> }> {
    let inside!: () => void;
    const began = new Promise<void>((r) => (inside = r));
    const rolledBack = pg
      .transaction(async () => {
        await st.inTransaction("insert into t (id) values ($1)", [id]);
        inside();
        await new Promise((r) => setTimeout(r, 50));
        throw new Error("roll back");
      })
      .catch(() => "rolled back");
    await began;
    return { rolledBack };
  }

  it("never runs inside another caller's transaction: it waits for it, as query() does", async () => {
    const tx = await uncommittedRow(50);
    // Issued while the transaction holds its uncommitted row: it must not see it.
    const seen = await st.query("select count(*)::int as n from t where id = $1", [50]);
    expect(await tx.rolledBack).toBe("rolled back");
    expect(seen).toEqual([{ n: 0 }]);
  });

  it("prepares a statement again when its result columns changed, or when it was deallocated", async () => {
    const all = "select * from t where id = $1";
    expect(Object.keys((await st.query(all, [1]))[0]!)).not.toContain("extra");
    await pg.query("alter table t add column extra text default 'new'");
    expect((await st.query(all, [1]))[0]).toMatchObject({ id: 1, extra: "new" });
    await pg.query("deallocate all");
    expect((await st.query(all, [1]))[0]).toMatchObject({ id: 1 });
  });

  it("keeps at most its capacity prepared, closing the least recently used", async () => {
    for (let i = 0; i < 6; i++) await st.query(`select ${i} as n, $1::int as m`, [i]);
    expect(st.size).toBe(3);
    // The evicted ones are closed with the next message.
    await st.query("select 1 as n", []);
    const { rows } = await pg.query<{ n: number }>("select count(*)::int as n from pg_prepared_statements where name like 'planvas_%'");
    expect(rows[0]!.n).toBe(3);
    expect(await st.query("select 0 as n, $1::int as m", [9])).toEqual([{ n: 0, m: 9 }]);
  });

  it("runs a batch as one transaction: answers in order, all or nothing, the failing statement named", async () => {
    const [inserted, counted, none] = await st.batch([
      { text: "insert into t (id, name) values ($1, $2) returning id, name", params: [60, "batched"] },
      { text: "select count(*)::int as n from t where id = any($1::int[])", params: [[60]] },
      { text: "update t set name = name where id = -1" },
    ]);
    expect([inserted, counted, none]).toEqual([[{ id: 60, name: "batched" }], [{ n: 1 }], []]);
    const err = (await st
      .batch([
        { text: "update t set name = 'half' where id = $1", params: [60] },
        { text: "insert into t (id) values ($1)", params: [60] },
        { text: "update t set name = 'after' where id = $1", params: [60] },
      ])
      .then(
        () => null,
        (e: unknown) => e,
      )) as { code: string; query: string; params: unknown[] } | null;
    expect(err).toMatchObject({ code: "23505", query: "insert into t (id) values ($1)", params: [60] });
    // Rolled back, and the session is not left inside the failed transaction.
    expect(pg.isInTransaction()).toBe(false);
    expect(await st.query("select name from t where id = $1", [60])).toEqual([{ name: "batched" }]);
  });

  it("runs a batch only between other callers' transactions, and prepares a stale statement in it again", async () => {
    const tx = await uncommittedRow(61);
    const [seen] = await st.batch([{ text: "select count(*)::int as n from t where id = $1", params: [61] }]);
    expect(await tx.rolledBack).toBe("rolled back");
    expect(seen).toEqual([{ n: 0 }]);
    const all = "select * from t where id = $1";
    await st.batch([{ text: all, params: [60] }]);
    await pg.query("alter table t add column later text default 'later'");
    const [rows] = await st.batch([{ text: all, params: [60] }]);
    expect(rows![0]).toMatchObject({ id: 60, later: "later" });
  });

  it("delivers notifications raised by its statements", async () => {
    const got: string[] = [];
    const stop = await pg.listen("pglite_statements_test", (p) => got.push(p));
    await st.query("select pg_notify('pglite_statements_test', $1)", ["hello"]);
    await st.batch([{ text: "select pg_notify('pglite_statements_test', $1)", params: ["from a batch"] }]);
    await new Promise((r) => setTimeout(r, 10));
    await stop();
    expect(got).toEqual(["hello", "from a batch"]);
  });

  it("serves drizzle: its row shapes and parsers, in and out of transactions", async () => {
    const items = pgTable("items", { id: integer("id").primaryKey(), label: text("label"), at: timestamp("at", { withTimezone: true, mode: "string" }) });
    await pg.exec("create table items (id int primary key, label text, at timestamptz)");
    const client = pgliteClient(pg, st);
    // PGlite's getters and methods still work through the proxy (they use private fields).
    expect(client.closed).toBe(false);
    await client.waitReady;
    const d = drizzle({ client });
    await d.insert(items).values({ id: 1, label: "one", at: "2026-12-02 10:00:00+00" });
    await d.transaction(async (tx) => {
      await tx.insert(items).values({ id: 2, label: "two" });
      await tx.update(items).set({ label: "uno" }).where(eq(items.id, 1));
    });
    const rows = await d.select().from(items).orderBy(items.id);
    // drizzle's own parser keeps timestamps as PostgreSQL's text (mode "string").
    expect(rows).toEqual([
      { id: 1, label: "uno", at: "2026-12-02 10:00:00+00" },
      { id: 2, label: "two", at: null },
    ]);
    const { rows: prepared } = await pg.query<{ n: number }>("select count(*)::int as n from pg_prepared_statements where statement like '%\"items\"%'");
    expect(prepared[0]!.n).toBeGreaterThan(0);
    expect((await d.execute(sql`select count(*)::int as n from items`)).rows).toEqual([{ n: 2 }]);
  });
});
