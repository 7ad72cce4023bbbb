import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/runs/[runId]/events/route";
import { LOCAL_OWNER } from "../auth";
import type { Database } from "../db";
import { asService } from "../db/rls";
import { openTestDatabase, testBackends } from "../db/testing";
import { planStore } from "../plans";
import { validatePlan } from "../plan/validate";
import { emit, finishRun, insertRun } from "../runs/store";
import { getHub, type RealtimeMessage } from "./hub";
import type { RunEvent } from "./run-events";

const slot = globalThis as typeof globalThis & { __planvasDb?: Promise<Database>; __planvasHub?: unknown };

async function newRun(db: Database): Promise<string> {
  const v = validatePlan({ title: "Realtime", steps: [{ stepIndex: 0, toolName: "summarize", description: "s", requiresApproval: false }] });
  if (!v.ok) throw new Error("invalid");
  const { id } = await planStore(db, LOCAL_OWNER).create(v.plan);
  return insertRun(db, { planId: id, version: 1, plan: v.plan, startedBy: LOCAL_OWNER.id, gates: { summarize: "none" } });
}

const addEvent = (db: Database, runId: string, type: string, payload: Record<string, unknown> = {}) => asService(db, (tx) => emit(tx, runId, type, "summarize", payload));

/** Reads SSE frames until `n` events arrived (or the stream ends). */
async function readFrames(res: Response, n: number, timeoutMs = 10_000): Promise<{ events: RunEvent[]; ids: number[]; ended: boolean }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  const events: RunEvent[] = [];
  const ids: number[] = [];
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  while (events.length < n && Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
    if (!chunk) break;
    if (chunk.done) {
      ended = true;
      break;
    }
    buf += decoder.decode(chunk.value, { stream: true });
    let at: number;
    while ((at = buf.indexOf("\n\n")) >= 0) {
      const frame = buf.slice(0, at);
      buf = buf.slice(at + 2);
      const id = /^id: (\d+)$/m.exec(frame);
      const data = /^data: (.*)$/m.exec(frame);
      if (id && data) {
        ids.push(Number(id[1]));
        events.push(JSON.parse(data[1]!) as RunEvent);
      }
    }
  }
  reader.releaseLock();
  return { events, ids, ended };
}

const open = (runId: string, init: { after?: number; lastEventId?: number; signal?: AbortSignal } = {}) =>
  eventsRoute.GET(
    new Request(`http://planvas.test/api/runs/${runId}/events${init.after !== undefined ? `?after=${init.after}` : ""}`, {
      headers: init.lastEventId !== undefined ? { "last-event-id": String(init.lastEventId) } : {},
      signal: init.signal,
    }),
    { params: Promise.resolve({ runId }) },
  );

describe.each(testBackends)("realtime on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    slot.__planvasDb = Promise.resolve(db);
    slot.__planvasHub = undefined;
  });
  afterAll(async () => {
    const hub = slot.__planvasHub as Promise<{ close(): Promise<void> }> | undefined;
    await (await hub)?.close();
    slot.__planvasHub = undefined;
    slot.__planvasDb = undefined;
    await db?.drop();
  });

  it("the trigger broadcasts each run event on run:<id>, only when the transaction commits", async () => {
    const runId = await newRun(db);
    const got: RealtimeMessage[] = [];
    const stop = await db.listen("planvas_realtime", (raw) => got.push(JSON.parse(raw) as RealtimeMessage));
    try {
      await db.transaction(async (tx) => {
        await tx.query("select set_config('role', 'service_role', true)");
        await emit(tx, runId, "step.running", "summarize", { status: "running" });
        await new Promise((r) => setTimeout(r, 100));
        expect(got.filter((m) => m.topic === `run:${runId}`)).toHaveLength(0);
      });
      await expect(
        db.transaction(async (tx) => {
          await emit(tx, runId, "step.failed", "summarize", { status: "failed" });
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      await addEvent(db, runId, "step.succeeded", { status: "succeeded", output: { big: "x".repeat(9000) } });
      await expect.poll(() => got.filter((m) => m.topic === `run:${runId}`).length).toBe(2);
      const [running, succeeded] = got.filter((m) => m.topic === `run:${runId}`);
      expect(running).toMatchObject({ event: "step.running", private: true, payload: { runId, seq: 2, type: "step.running", stepId: "summarize", payload: { status: "running" } } });
      // The output was left out of the event (too large for realtime); the seq is still there.
      expect(succeeded!.payload).toMatchObject({ seq: 3, payload: { status: "succeeded", outputTruncated: true } });
    } finally {
      await stop();
    }
  });

  it("SSE: replays from the snapshot seq in order, then streams live events, and ends with the run", async () => {
    const runId = await newRun(db); // seq 1 = run.created
    await addEvent(db, runId, "step.running", { status: "running" }); // 2
    const res = await open(runId, { after: 0 });
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const first = readFrames(res, 5);
    await new Promise((r) => setTimeout(r, 50));
    await addEvent(db, runId, "step.succeeded", { status: "succeeded" }); // 3
    await finishRun(db, runId, "succeeded"); // 4 = the unfinished step skipped, 5 = run.finished
    const { events, ids, ended } = await first;
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(events.map((e) => e.type)).toEqual(["run.created", "step.running", "step.succeeded", "step.skipped", "run.finished"]);
    expect(events.at(-1)!.payload).toMatchObject({ status: "succeeded" });
    // The stream ends after the terminal event.
    expect(ended || (await readFrames(res, 1, 500)).ended).toBe(true);
  });

  it("SSE: Last-Event-ID resumes after the last event seen", async () => {
    const runId = await newRun(db);
    for (let i = 0; i < 4; i++) await addEvent(db, runId, "step.log", { i });
    const res = await open(runId, { after: 0, lastEventId: 3 });
    const { ids } = await readFrames(res, 2);
    expect(ids).toEqual([4, 5]);
  });

  it("SSE: unknown runs are 404, a bad Last-Event-ID is 400, and a closed client is unsubscribed", async () => {
    expect((await open("00000000-0000-4000-8000-00000000abcd")).status).toBe(404);
    const runId = await newRun(db);
    expect((await eventsRoute.GET(new Request(`http://planvas.test/x`, { headers: { "last-event-id": "abc" } }), { params: Promise.resolve({ runId }) })).status).toBe(400);
    const hub = await getHub(db);
    const abort = new AbortController();
    const res = await open(runId, { after: 0, signal: abort.signal });
    await readFrames(res, 1);
    expect(hub.count(`run:${runId}`)).toBe(1);
    abort.abort();
    await expect.poll(() => hub.count(`run:${runId}`)).toBe(0);
  });

  it("SSE: 50 concurrent viewers each get every event once, in order", async () => {
    const runId = await newRun(db);
    const viewers = await Promise.all(Array.from({ length: 50 }, () => open(runId, { after: 0 })));
    const reads = viewers.map((v) => readFrames(v, 23, 20_000));
    for (let i = 0; i < 20; i++) await addEvent(db, runId, "step.log", { i });
    await finishRun(db, runId, "succeeded");
    const results = await Promise.all(reads);
    // run.created, 20 events, the pending step skipped, run.finished
    for (const r of results) expect(r.ids).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
  });
});
