// The runner's store keeps memoized steps as rows (one insert per step, never a rewrite of the
// run), and reads runs stored before that, whose steps are in the run's own columns.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testBackends } from "@/lib/db/testing";
import { memo } from "./transitions";
import * as store from "./store";

describe.each(testBackends)("embedded store on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const OWNER = "runner-test";
  const data = (v: unknown) => ({ type: "data" as const, data: v });
  let n = 0;
  async function newRun(): Promise<string> {
    const id = `run-${backend}-${++n}`;
    const now = Date.now();
    await db.transaction(async (tx) => {
      await store.insertRun(tx, {
        id,
        fnId: "app-fn",
        eventId: null,
        event: { id: "e", name: "test/e", data: {}, ts: now },
        events: [],
        discoverAt: now,
        createdAt: now,
      });
    });
    expect((await store.claimRun(db, id, OWNER, now, now + 60_000)).claimed).toBe(true);
    return id;
  }
  const columns = async (id: string) =>
    (await db.query<{ steps: unknown; stack: string[] }>("select steps, stack from inngest_embedded.runs where id = $1", [id]))[0]!;
  const memoRows = (id: string) => db.query<{ step_id: string }>("select step_id from inngest_embedded.step_memos where run_id = $1 order by pos", [id]);

  it("appends each checkpoint as rows, in order, first result kept; the run's own columns are not rewritten", async () => {
    const id = await newRun();
    expect(await store.appendSteps(db, id, OWNER, [["a", data(1)]], Date.now())).toBe(true);
    expect(
      await store.appendSteps(
        db,
        id,
        OWNER,
        [
          ["b", data(2)],
          ["a", data("again")],
          ["c", data(3)],
        ],
        Date.now(),
      ),
    ).toBe(true);
    expect(await store.getRun(db, id)).toMatchObject({ steps: { a: data(1), b: data(2), c: data(3) }, stack: ["a", "b", "c"] });
    expect((await memoRows(id)).map((r) => r.step_id)).toEqual(["a", "b", "c"]);
    expect(await columns(id)).toEqual({ steps: {}, stack: [] });
  });

  it("appends nothing for a run whose lease another runner holds, or that has ended", async () => {
    const id = await newRun();
    expect(await store.appendSteps(db, id, "someone-else", [["a", data(1)]], Date.now())).toBe(false);
    await db.query("update inngest_embedded.runs set status = 'cancelled' where id = $1", [id]);
    expect(await store.appendSteps(db, id, OWNER, [["a", data(1)]], Date.now())).toBe(false);
    expect(await memoRows(id)).toEqual([]);
  });

  it("saves the steps a transition memoized after those already stored, once", async () => {
    const id = await newRun();
    await store.appendSteps(db, id, OWNER, [["a", data(1)]], Date.now());
    await db.transaction(async (tx) => {
      const r = (await store.lockRun(tx, id))!;
      memo(r, "b", data(2));
      memo(r, "c", data(3));
      await store.saveRun(tx, r);
      await store.saveRun(tx, r); // saved again: nothing new
    });
    expect(await store.getRun(db, id)).toMatchObject({ steps: { a: data(1), b: data(2), c: data(3) }, stack: ["a", "b", "c"] });
    expect((await memoRows(id)).map((r) => r.step_id)).toEqual(["a", "b", "c"]);
  });

  it("reads a run stored before memos were rows: its own steps first, and they keep their result", async () => {
    const id = await newRun();
    await db.query(`update inngest_embedded.runs set steps = '{"a": {"type": "data", "data": "old"}}'::jsonb, stack = '{a}' where id = $1`, [id]);
    await store.appendSteps(
      db,
      id,
      OWNER,
      [
        ["a", data("new")],
        ["b", data(2)],
      ],
      Date.now(),
    );
    await db.transaction(async (tx) => {
      const r = (await store.lockRun(tx, id))!;
      expect(memo(r, "a", data("newer"))).toBe(false);
      memo(r, "c", data(3));
      await store.saveRun(tx, r);
    });
    expect(await store.getRun(db, id)).toMatchObject({ steps: { a: data("old"), b: data(2), c: data(3) }, stack: ["a", "b", "c"] });
    expect((await memoRows(id)).map((r) => r.step_id)).toEqual(["b", "c"]);
  });

  it("drops a run's memos with the run", async () => {
    const id = await newRun();
    await store.appendSteps(db, id, OWNER, [["a", data(1)]], Date.now());
    await db.query("delete from inngest_embedded.runs where id = $1", [id]);
    expect(await memoRows(id)).toEqual([]);
  });
});
