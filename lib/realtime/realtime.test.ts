import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/runs/[runId]/events/route";
import { LOCAL_OWNER } from "../auth";
import type { Database } from "../db";
import { asService } from "../db/rls";
import { migrate } from "../db/migrate";
import { openTestDatabase, testBackends, type TestBackend } from "../db/testing";
import { planStore } from "../plans";
import { validatePlan } from "../plan/validate";
import { finishRun } from "../runs/lifecycle";
import { emit, insertRun } from "../runs/store";
import { closeHub, getHub, parseWake } from "./hub";
import { coalescing, type RunEvent } from "./run-events";
import { LEGACY_PLANVAS_REALTIME_SEND, SUPABASE_REALTIME_SEND } from "./testing/supabase-realtime-send";
import { setDatabase } from "../db";

async function newRun(db: Database): Promise<string> {
  const v = validatePlan({ title: "Realtime", steps: [{ stepIndex: 0, toolName: "summarize", description: "s", requiresApproval: false }] });
  if (!v.ok) throw new Error("invalid");
  const { id } = await planStore(db, LOCAL_OWNER).create(v.plan);
  return insertRun(db, { planId: id, version: 1, plan: v.plan, startedBy: LOCAL_OWNER.id, gates: { summarize: "none" } });
}

const addEvent = (db: Database, runId: string, type: string, payload: Record<string, unknown> = {}) =>
  asService(db, (tx) => emit(tx, runId, type, "summarize", payload));

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

/** A stream's SSE events, read on demand: `next(n)` waits for n more events (or the end, or the timeout). */
function frameReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const all: RunEvent[] = [];
  const queue: RunEvent[] = [];
  let buf = "";
  let ended = false;
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  return {
    all,
    get ended() {
      return ended;
    },
    async next(n: number, timeoutMs = 10_000): Promise<RunEvent[]> {
      const deadline = Date.now() + timeoutMs;
      while (queue.length < n && !ended && Date.now() < deadline) {
        pending ??= reader.read();
        const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), Math.max(0, deadline - Date.now())))]);
        if (!chunk) break;
        pending = null;
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
            const e = JSON.parse(data[1]!) as RunEvent;
            expect(e.seq).toBe(Number(id[1]));
            all.push(e);
            queue.push(e);
          }
        }
      }
      return queue.splice(0, n);
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}

/**
 * Another database session, as the role `authenticated`: on PostgreSQL its own connection (SET ROLE
 * for the session), on PGlite the one session there is (the app's handle; the role per transaction).
 */
async function openAttacker(backend: TestBackend, db: Database) {
  const heard: string[] = [];
  if (backend === "postgres") {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${(await db.query<{ name: string }>("select current_database() as name"))[0]!.name}`;
    const onnotify = (channel: string, payload: string) => void (channel === "planvas_realtime" && heard.push(payload));
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {}, ...({ onnotify } as object) });
    await sql.unsafe("set role authenticated");
    await sql.unsafe("listen planvas_realtime");
    const [me] = await sql.unsafe<{ role: string }[]>("select current_user as role");
    return {
      role: me!.role,
      heard,
      notify: async (payload: string) => void (await sql.unsafe("select pg_notify('planvas_realtime', $1)", [payload])),
      visibleRunEvents: async () => (await sql.unsafe<{ n: number }[]>("select count(*)::int as n from public.run_events"))[0]!.n,
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const asAuthenticated = <T>(fn: (tx: { query: Database["query"] }) => Promise<T>) =>
    db.transaction(async (tx) => {
      // Claims without a user: on this one session an earlier transaction's claims revert to '',
      // which auth.uid() cannot parse.
      await tx.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', '{\"role\":\"authenticated\"}', true)");
      return fn(tx);
    });
  const stop = await db.listen("planvas_realtime", (raw) => heard.push(raw));
  const [me] = await asAuthenticated((tx) => tx.query<{ role: string }>("select current_user as role"));
  return {
    role: me!.role,
    heard,
    notify: (payload: string) => asAuthenticated((tx) => tx.query("select pg_notify('planvas_realtime', $1)", [payload])).then(() => {}),
    visibleRunEvents: async () => (await asAuthenticated((tx) => tx.query<{ n: number }>("select count(*)::int as n from public.run_events")))[0]!.n,
    close: stop,
  };
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
    setDatabase(db);
    await closeHub();
  });
  afterAll(async () => {
    await closeHub();
    setDatabase(undefined);
    await db?.drop();
  });

  it("the trigger wakes run:<id> listeners with the topic and seq only — no content — and only when the transaction commits", async () => {
    const runId = await newRun(db);
    const got: string[] = [];
    const mine = () => got.map((raw) => JSON.parse(raw) as Record<string, unknown>).filter((m) => m.topic === `run:${runId}`);
    const stop = await db.listen("planvas_realtime", (raw) => got.push(raw));
    try {
      await db.transaction(async (tx) => {
        await tx.query("select set_config('role', 'service_role', true)");
        await emit(tx, runId, "step.running", "summarize", { status: "running", detail: "tenant-detail" });
        await new Promise((r) => setTimeout(r, 100));
        expect(mine()).toHaveLength(0);
      });
      await expect(
        db.transaction(async (tx) => {
          await emit(tx, runId, "step.failed", "summarize", { status: "failed" });
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      await addEvent(db, runId, "step.succeeded", { status: "succeeded", output: { big: "x".repeat(9000) } });
      await expect.poll(() => mine().length).toBe(2);
      // Exactly the topic and the seq: no type, no step, no payload, no output.
      expect(mine()).toEqual([
        { topic: `run:${runId}`, seq: 2 },
        { topic: `run:${runId}`, seq: 3 },
      ]);
      expect(got.join("\n")).not.toMatch(/tenant-detail|step\.running|step\.succeeded|summarize|xxxx/);
      // The events themselves are in the table; the large output was left out of the event (the
      // snapshot carries it), the seq is still there.
      const rows = await asService(db, (tx) =>
        tx.query<{ seq: number; type: string; payload: Record<string, unknown> }>(
          "select seq::int as seq, type, payload from public.run_events where run_id = $1 and seq > 1 order by seq",
          [runId],
        ),
      );
      expect(rows).toMatchObject([
        { seq: 2, type: "step.running", payload: { status: "running", detail: "tenant-detail" } },
        { seq: 3, type: "step.succeeded", payload: { status: "succeeded", outputTruncated: true } },
      ]);
      expect(rows[1]!.payload).not.toHaveProperty("output");
    } finally {
      await stop();
    }
  });

  it("compat.sql replaces its own realtime.send (an older one too) and leaves any other — Supabase's — alone; the trigger hands it the whole event", async () => {
    const other = await openTestDatabase(backend);
    const comment = async () =>
      (await other.query<{ c: string | null }>("select obj_description('realtime.send(jsonb, text, text, boolean)'::regprocedure, 'pg_proc') as c"))[0]!.c;
    const body = async () =>
      (await other.query<{ src: string }>("select prosrc as src from pg_proc where oid = 'realtime.send(jsonb, text, text, boolean)'::regprocedure"))[0]!.src;
    const heard: string[] = [];
    const stop = await other.listen("planvas_realtime", (raw) => heard.push(raw));
    try {
      expect(await comment()).toMatch(/^planvas:/);
      // A data directory made by an older version: realtime.send put the whole event in the NOTIFY.
      await other.exec(LEGACY_PLANVAS_REALTIME_SEND);
      expect(await comment()).toBeNull();
      const runId = await newRun(other);
      await expect.poll(() => heard.length).toBe(1);
      expect(JSON.parse(heard[0]!)).toMatchObject({ event: "run.created", payload: { type: "run.created" } }); // the leak, before
      expect(await migrate(other)).toEqual([]); // every start runs compat.sql
      expect(await comment()).toMatch(/^planvas:/);
      await addEvent(other, runId, "step.running", { status: "running" });
      await expect.poll(() => heard.length).toBe(2);
      expect(JSON.parse(heard[1]!)).toEqual({ topic: `run:${runId}`, seq: 2 });

      // Supabase's realtime.send stores the broadcast in realtime.messages; compat.sql keeps it.
      await other.exec(SUPABASE_REALTIME_SEND);
      const supabases = await body();
      await migrate(other);
      expect(await body()).toBe(supabases);
      expect(await comment()).toBeNull();
      await addEvent(other, runId, "step.succeeded", { status: "succeeded", output: { text: "the output" } });
      const [m] = await other.query<{ topic: string; event: string; extension: string; private: boolean; payload: Record<string, unknown> }>(
        "select topic, event, extension, private, payload from realtime.messages where topic = $1",
        [`run:${runId}`],
      );
      expect(m).toMatchObject({
        topic: `run:${runId}`,
        event: "step.succeeded",
        extension: "broadcast",
        private: true,
        payload: { runId, seq: 3, type: "step.succeeded", stepId: "summarize", payload: { status: "succeeded", output: { text: "the output" } } },
      });
      expect(Number.isNaN(Date.parse(String(m!.payload.createdAt)))).toBe(false);
      await new Promise((r) => setTimeout(r, 50));
      expect(heard).toHaveLength(2); // no NOTIFY from Supabase's
    } finally {
      await stop();
      await other.drop();
    }
  });

  it("the notification channel is untrusted: an authenticated session that LISTENs learns no content, and forged notifications neither show, hide nor end anything", async () => {
    const runId = await newRun(db); // 1 run.created
    await addEvent(db, runId, "step.running", { status: "running" }); // 2
    const topic = `run:${runId}`;
    const attacker = await openAttacker(backend, db);
    const viewer = frameReader(await open(runId, { after: 0 }));
    try {
      expect(attacker.role).toBe("authenticated");
      expect((await viewer.next(2)).map((e) => e.seq)).toEqual([1, 2]);

      // A real event with content: the eavesdropper hears its topic and seq, nothing else.
      await addEvent(db, runId, "step.log", { status: "running", secret: "tenant-secret", output: { text: "confidential output" } }); // 3
      await expect.poll(() => attacker.heard.length).toBe(1);
      expect(attacker.heard.map((raw) => JSON.parse(raw) as unknown)).toEqual([{ topic, seq: 3 }]);
      expect((await viewer.next(1)).map((e) => [e.seq, e.type, e.payload.secret])).toEqual([[3, "step.log", "tenant-secret"]]);
      // Nor may the session read the events themselves: RLS.
      expect(await attacker.visibleRunEvents()).toBe(0);

      // Forgeries: a step.succeeded far ahead (it would have advanced the stream's lastSent and hidden
      // the next real event), a run.finished with the next seq (it would have closed the stream), a
      // wake-up far ahead, and garbage.
      const at = new Date().toISOString();
      const legacy = (seq: number, type: string, payload: Record<string, unknown>) =>
        JSON.stringify({
          topic,
          event: type,
          private: true,
          payload: { runId, seq, type, stepId: type.startsWith("step.") ? "summarize" : null, payload, createdAt: at },
        });
      const forged = [
        legacy(999, "step.succeeded", { status: "succeeded", output: { forged: true } }),
        legacy(4, "run.finished", { status: "succeeded", forged: true }),
        JSON.stringify({ topic, seq: 4, type: "run.finished", payload: { forged: true } }),
        JSON.stringify({ topic, seq: 1_000_000 }),
        JSON.stringify({ topic, seq: "4" }),
        JSON.stringify({ topic: 42, seq: 4 }),
        "not json",
        "{",
        "null",
        "[]",
        "x".repeat(7000),
      ];
      for (const f of forged) await attacker.notify(f);
      await expect.poll(() => attacker.heard.length).toBe(1 + forged.length); // its own NOTIFYs came back: they were sent
      const quiet = await viewer.next(1, 400);
      expect(quiet).toEqual([]);
      expect(viewer.ended).toBe(false);

      // Real events keep arriving, and only a real run.finished ends the stream.
      await addEvent(db, runId, "step.succeeded", { status: "succeeded", output: { text: "real output" } }); // 4
      await finishRun(db, runId, "succeeded"); // 5 = the step (its row still pending) skipped, 6 = run.finished
      const rest = await viewer.next(100);
      expect(viewer.ended).toBe(true);
      const table = await asService(db, (tx) =>
        tx.query<{ seq: number; type: string; payload: Record<string, unknown> }>(
          "select seq::int as seq, type, payload from public.run_events where run_id = $1 order by seq",
          [runId],
        ),
      );
      const seen = [...viewer.all];
      expect(seen.map((e) => [e.seq, e.type, e.payload])).toEqual(table.map((r) => [r.seq, r.type, r.payload]));
      expect(rest.at(-1)).toMatchObject({ type: "run.finished", payload: { status: "succeeded" } });
      expect(JSON.stringify(seen)).not.toMatch(/forged/);
      expect(attacker.heard.join("\n")).not.toMatch(/tenant-secret|confidential|real output|step\.log/);
    } finally {
      await viewer.cancel();
      await attacker.close();
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
    expect(
      (await eventsRoute.GET(new Request(`http://planvas.test/x`, { headers: { "last-event-id": "abc" } }), { params: Promise.resolve({ runId }) })).status,
    ).toBe(400);
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

  it("SSE: 50 viewers of a run share one feed, and the wake-ups of a burst cost a few reads — not one per viewer and event", async () => {
    const runId = await newRun(db);
    let reads = 0;
    const counting: Database = {
      ...db,
      transaction: (fn) => {
        reads++;
        return db.transaction(fn);
      },
    };
    setDatabase(counting);
    try {
      const viewers = (await Promise.all(Array.from({ length: 50 }, () => open(runId, { after: 0 })))).map(frameReader);
      for (const v of viewers) expect((await v.next(1)).map((e) => e.seq)).toEqual([1]);
      const hub = await getHub(db);
      expect(hub.count(`run:${runId}`)).toBe(1);
      reads = 0;
      for (let i = 0; i < 20; i++) await addEvent(db, runId, "step.log", { i });
      await finishRun(db, runId, "succeeded"); // 22 events after run.created
      for (const v of viewers) {
        await v.next(22);
        if (!v.ended) await v.next(1, 1_000);
        expect(v.all.map((e) => e.seq)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
        expect(v.ended).toBe(true);
      }
      // At most one read per wake-up (a wake-up during a read only marks the feed dirty), whatever the viewers.
      expect(reads).toBeGreaterThan(0);
      expect(reads).toBeLessThanOrEqual(22);
      await expect.poll(() => hub.count(`run:${runId}`)).toBe(0); // the feed left with its last viewer
    } finally {
      setDatabase(db);
    }
  });
  it("SSE: the wake-ups of one transaction's events cost one read — each seq names an event the read already sent", async () => {
    const runId = await newRun(db);
    let reads = 0;
    const counting: Database = {
      ...db,
      transaction: (fn) => {
        reads++;
        return db.transaction(fn);
      },
    };
    setDatabase(counting);
    const viewer = frameReader(await open(runId, { after: 0 }));
    try {
      expect((await viewer.next(1)).map((e) => e.seq)).toEqual([1]);
      reads = 0;
      // Three events, one commit, three notifications: the read the first starts returns all three.
      await asService(db, async (tx) => {
        for (let i = 0; i < 3; i++) await emit(tx, runId, "step.log", "summarize", { i });
      });
      expect((await viewer.next(3)).map((e) => e.seq)).toEqual([2, 3, 4]);
      await new Promise((r) => setTimeout(r, 200));
      expect(reads).toBe(1);
      // A wake-up without a seq still reads, and finds nothing new: nothing is sent twice.
      const hub = await getHub(db);
      expect(hub.count(`run:${runId}`)).toBe(1);
      await db.query("select pg_notify('planvas_realtime', $1)", [JSON.stringify({ topic: `run:${runId}` })]);
      await expect.poll(() => reads).toBe(2);
      await addEvent(db, runId, "step.log", { i: 3 });
      expect((await viewer.next(5, 1_000)).map((e) => e.seq)).toEqual([5]);
    } finally {
      await viewer.cancel();
      setDatabase(db);
    }
  });
});

describe("wake-ups", () => {
  it("a wake-up while a read is in flight marks it dirty: exactly one more read follows, however many came", async () => {
    let reads = 0;
    const gates: (() => void)[] = [];
    const wake = coalescing(async () => {
      reads++;
      await new Promise<void>((r) => gates.push(r));
    });
    const first = wake();
    expect(reads).toBe(1);
    const during = Array.from({ length: 10 }, () => wake());
    expect(reads).toBe(1);
    gates.shift()!();
    await expect.poll(() => reads).toBe(2);
    gates.shift()!();
    await Promise.all([first, ...during]);
    expect(reads).toBe(2);
    // Idle again: the next wake-up reads at once.
    const later = wake();
    expect(reads).toBe(3);
    gates.shift()!();
    await later;
    expect(gates).toHaveLength(0);
  });

  it("a wake-up during a read that the read already covered costs no second read", async () => {
    let reads = 0;
    let needed = false;
    const gates: (() => void)[] = [];
    const wake = coalescing(
      async () => {
        reads++;
        await new Promise<void>((r) => gates.push(r));
      },
      () => needed,
    );
    const first = wake();
    const during = wake();
    gates.shift()!();
    await Promise.all([first, during]);
    expect(reads).toBe(1);
    // Not covered: one more read.
    needed = true;
    const again = wake();
    const dirty = wake();
    gates.shift()!();
    await expect.poll(() => reads).toBe(3);
    needed = false;
    gates.shift()!();
    await Promise.all([again, dirty]);
    expect(reads).toBe(3);
  });

  it("a notification is a topic and maybe a seq; anything else is dropped", () => {
    expect(parseWake('{"topic":"run:a","seq":7}')).toEqual({ topic: "run:a", seq: 7 });
    // Whatever else a (forged or legacy) notification carries is not read.
    expect(parseWake(JSON.stringify({ topic: "run:a", event: "run.finished", payload: { seq: 9, type: "run.finished" } }))).toEqual({
      topic: "run:a",
      seq: null,
    });
    expect(parseWake('{"topic":"run:a","seq":"7"}')).toEqual({ topic: "run:a", seq: null });
    expect(parseWake('{"topic":"run:a","seq":1e300}')).toEqual({ topic: "run:a", seq: null });
    for (const raw of ["", "not json", "{", "null", "[]", "7", '"run:a"', '{"topic":42}', '{"seq":1}']) expect(parseWake(raw)).toBeNull();
  });
});
