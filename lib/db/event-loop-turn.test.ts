import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "./testing";

// PGlite answers in microtasks: without a yield, a chain of queries holds back every macrotask
// (socket writes flushed on the next tick, timers, incoming requests) until it ends.
describe("a long chain of PGlite queries gives way to the event loop", () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase("pglite");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("a macrotask scheduled at the start of a chain runs before the chain ends", async () => {
    let ran = false;
    let ranAfter = -1;
    let done = 0;
    setImmediate(() => {
      ran = true;
      ranAfter = done;
    });
    for (let i = 0; i < 400; i++) {
      await (i % 2 ? db.query("select $1::int as i", [i]) : db.transaction((tx) => tx.query("select 1")));
      done++;
    }
    expect(ran).toBe(true);
    expect(ranAfter).toBeLessThan(400);
  });
});
