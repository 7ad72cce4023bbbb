// The Supabase path of live run updates: the real supabase-js client against a protocol-level
// TEST DOUBLE of Supabase Realtime (./testing/fake-realtime-server.ts), the run transport the UI
// uses, and the Realtime Authorization policy on realtime.messages on every test backend.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { subscribeRun, type RunTransportStatus } from "@/components/runs/run-transport";
import type { RunData } from "@/components/runs/types";
import { LOCAL_OWNER, type User } from "../auth";
import type { Database } from "../db";
import { asService, asUserSql } from "../db/rls";
import { openTestDatabase, testBackends } from "../db/testing";
import { planStore } from "../plans";
import { validatePlan } from "../plan/validate";
import { emit, insertRun } from "../runs/store";
import { applyRunEvent } from "./apply";
import type { RunEvent } from "./run-events";
import { startFakeRealtimeServer, type FakeRealtimeServer } from "./testing/fake-realtime-server";
import { SUPABASE_REALTIME_SEND } from "./testing/supabase-realtime-send";

const KEY = "sb_publishable_planvas-test";
const APP = "http://planvas.test";
const OTHER: User = { id: "00000000-0000-4000-8000-0000000000bb", name: "Someone else", email: "else@planvas.local" };

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
/** A JWT-shaped access token (the double does not verify signatures; neither does the client). */
const jwt = (sub: string) =>
  `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ sub, role: "authenticated", aud: "authenticated", exp: Math.floor(Date.now() / 1000) + 3600 })}.signature`;

const runEvent = (runId: string, seq: number, type = "step.running", payload: Record<string, unknown> = { status: "running" }): RunEvent => ({
  runId,
  seq,
  type,
  stepId: "summarize",
  payload,
  createdAt: "2026-11-24T00:00:00.000Z",
});

function memoryStorage(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

/** The real supabase-js client pointed at the double; with `session`, signed in as that user. */
function client(server: FakeRealtimeServer, session?: { user: User; token: string }): SupabaseClient {
  const storageKey = "planvas-test-auth";
  const now = Math.floor(Date.now() / 1000);
  const stored: Record<string, string> = session
    ? {
        [storageKey]: JSON.stringify({
          access_token: session.token,
          refresh_token: "refresh-token",
          token_type: "bearer",
          expires_in: 3600,
          expires_at: now + 3600,
          user: {
            id: session.user.id,
            aud: "authenticated",
            role: "authenticated",
            email: session.user.email,
            app_metadata: {},
            user_metadata: {},
            created_at: new Date().toISOString(),
          },
        }),
      }
    : {};
  return createClient(server.url, KEY, {
    auth: { storage: memoryStorage(stored), storageKey, persistSession: true, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { reconnectAfterMs: () => 50, timeout: 3_000 },
  });
}

const uuid = () => crypto.randomUUID();

describe("Supabase Realtime client against the test double", () => {
  let server: FakeRealtimeServer;
  const clients: SupabaseClient[] = [];
  const make = (session?: { user: User; token: string }) => {
    const c = client(server, session);
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    server = await startFakeRealtimeServer({ apikey: KEY });
  });
  afterEach(async () => {
    server.acceptJoins();
    for (const c of clients.splice(0)) {
      await c.removeAllChannels();
      await c.realtime.disconnect();
    }
  });
  afterAll(() => server.close());

  it("joins realtime:run:<id> with vsn 2.0.0, the apikey, the broadcast config and — with an access token — private", async () => {
    const supabase = make();
    const token = jwt(LOCAL_OWNER.id);
    await supabase.realtime.setAuth(token);
    const runId = uuid();
    const statuses: string[] = [];
    const before = server.joins.length;
    supabase
      .channel(`run:${runId}`, { config: { private: true, broadcast: { self: false } } })
      .on("broadcast", { event: "*" }, () => {})
      .subscribe((s) => statuses.push(s));
    const join = await server.nextJoin(`run:${runId}`, before);
    expect(join.topic).toBe(`realtime:run:${runId}`);
    expect(join.apikey).toBe(KEY);
    expect(join.payload.access_token).toBe(token);
    expect(join.payload.config).toEqual({ private: true, broadcast: { self: false }, presence: { key: "", enabled: false }, postgres_changes: [] });
    await expect.poll(() => statuses).toEqual(["SUBSCRIBED"]);
    expect(supabase.realtime.endpointURL()).toMatch(/\/realtime\/v1\/websocket\?apikey=.*&vsn=2\.0\.0$/);
  });

  it("delivers a broadcast of a run event to the subscriber, and a private one only to private joins", async () => {
    const priv = make();
    await priv.realtime.setAuth(jwt(LOCAL_OWNER.id));
    const pub = make();
    const runId = uuid();
    const got: { priv: unknown[]; pub: unknown[] } = { priv: [], pub: [] };
    const ok: string[] = [];
    priv
      .channel(`run:${runId}`, { config: { private: true } })
      .on("broadcast", { event: "*" }, (m) => got.priv.push(m))
      .subscribe((s) => ok.push(`priv:${s}`));
    pub
      .channel(`run:${runId}`, { config: { private: false } })
      .on("broadcast", { event: "*" }, (m) => got.pub.push(m))
      .subscribe((s) => ok.push(`pub:${s}`));
    await expect.poll(() => ok.sort()).toEqual(["priv:SUBSCRIBED", "pub:SUBSCRIBED"]);
    const e = runEvent(runId, 2);
    expect(server.broadcast(`run:${runId}`, e.type, e, { private: true })).toBe(1);
    await expect.poll(() => got.priv).toEqual([{ type: "broadcast", event: "step.running", payload: e }]);
    expect(server.broadcast(`run:${runId}`, "step.log", runEvent(runId, 3, "step.log", { i: 1 }))).toBe(2);
    await expect.poll(() => got.pub.length).toBe(1);
    expect(got.pub[0]).toMatchObject({ event: "step.log", payload: { seq: 3 } });
  });

  it("a client broadcast goes out as a binary frame, which the double decodes and relays (not to the sender)", async () => {
    const a = make();
    const b = make();
    const topic = `room:${uuid()}`;
    const got: { a: unknown[]; b: unknown[] } = { a: [], b: [] };
    const ok: string[] = [];
    const ca = a
      .channel(topic)
      .on("broadcast", { event: "ping" }, (m) => got.a.push(m))
      .subscribe((s) => ok.push(s));
    b.channel(topic)
      .on("broadcast", { event: "ping" }, (m) => got.b.push(m))
      .subscribe((s) => ok.push(s));
    await expect.poll(() => ok).toEqual(["SUBSCRIBED", "SUBSCRIBED"]);
    expect(await ca.send({ type: "broadcast", event: "ping", payload: { n: 1 } })).toBe("ok");
    await expect.poll(() => got.b).toEqual([{ type: "broadcast", event: "ping", payload: { n: 1 } }]);
    expect(server.clientBroadcasts.at(-1)).toMatchObject({ topic: `realtime:${topic}`, event: "ping", payload: { n: 1 } });
    expect(got.a).toEqual([]);
  });

  it("answers heartbeats on topic phoenix", async () => {
    const beats: string[] = [];
    const supabase = createClient(server.url, KEY, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { heartbeatIntervalMs: 100, heartbeatCallback: (s) => beats.push(s) },
    });
    clients.push(supabase);
    supabase.channel(`run:${uuid()}`).subscribe();
    await expect.poll(() => beats.filter((b) => b === "ok").length).toBeGreaterThanOrEqual(2);
    expect(server.frames.some(([, , topic, event]) => topic === "phoenix" && event === "heartbeat")).toBe(true);
    expect(beats).not.toContain("timeout");
  });

  it("reports CHANNEL_ERROR when the join is refused", async () => {
    const supabase = make();
    await supabase.realtime.setAuth(jwt(OTHER.id));
    const runId = uuid();
    server.refuseJoins(`run:${runId}`, "Unauthorized: You do not have permissions to read from this Channel topic");
    const statuses: { s: string; err?: Error }[] = [];
    supabase.channel(`run:${runId}`, { config: { private: true } }).subscribe((s, err) => statuses.push({ s, err }));
    await expect.poll(() => statuses.length).toBeGreaterThan(0);
    expect(statuses[0]!.s).toBe("CHANNEL_ERROR");
    expect(statuses[0]!.err?.message).toMatch(/Unauthorized/);
    expect(server.joins.at(-1)).toMatchObject({ topic: `realtime:run:${runId}`, refused: true });
  });

  it("rejoins after the connection drops and receives the next broadcast", async () => {
    const supabase = make();
    const runId = uuid();
    const statuses: string[] = [];
    const got: unknown[] = [];
    supabase
      .channel(`run:${runId}`)
      .on("broadcast", { event: "*" }, (m: { payload: unknown }) => got.push(m.payload))
      .subscribe((s) => statuses.push(s));
    await expect.poll(() => statuses).toEqual(["SUBSCRIBED"]);
    const first = server.joins.at(-1)!;
    const joinsBefore = server.joins.length;
    server.dropAll();
    await expect.poll(() => statuses).toEqual(["SUBSCRIBED", "CHANNEL_ERROR", "SUBSCRIBED"]);
    const rejoin = await server.nextJoin(`run:${runId}`, joinsBefore);
    expect(rejoin.connection).not.toBe(first.connection);
    expect(server.broadcast(`run:${runId}`, "step.running", runEvent(runId, 2))).toBe(1);
    await expect.poll(() => got).toEqual([runEvent(runId, 2)]);
  });
});

describe("subscribeRun (components/runs/run-transport) on the Supabase path", () => {
  let server: FakeRealtimeServer;
  const clients: SupabaseClient[] = [];
  const snapshotSeq = new Map<string, number>();
  const snapshotFetches: string[] = [];
  const realFetch = globalThis.fetch;
  beforeAll(async () => {
    server = await startFakeRealtimeServer({ apikey: KEY });
  });
  beforeEach(() => {
    // Only the app's snapshot URL is mocked; everything else (supabase-js) goes to the network.
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      const m = /^http:\/\/planvas\.test\/api\/runs\/([0-9a-f-]{36})$/.exec(url);
      if (!m) return realFetch(input, init);
      snapshotFetches.push(m[1]!);
      const seq = snapshotSeq.get(m[1]!);
      if (seq === undefined) return new Response(JSON.stringify({ error: "not found" }), { status: 404 });
      return Response.json({ id: m[1], status: "running", seq, steps: [], approvals: [] });
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const c of clients.splice(0)) {
      await c.removeAllChannels();
      await c.realtime.disconnect();
    }
  });
  afterAll(() => server.close());

  function watch(supabase: SupabaseClient, runId: string, afterSeq: number) {
    const events: number[] = [];
    const statuses: RunTransportStatus[] = [];
    const snapshots: number[] = [];
    const stop = subscribeRun(
      runId,
      afterSeq,
      (e) => events.push(e.seq),
      (s) => statuses.push(s),
      { supabase, baseUrl: APP, onSnapshot: (s) => snapshots.push(s.seq) },
    );
    return { events, statuses, snapshots, stop };
  }

  it("with a session: joins privately with the session's token, loads the snapshot, applies newer events in order and closes gaps", async () => {
    const token = jwt(LOCAL_OWNER.id);
    const supabase = client(server, { user: LOCAL_OWNER, token });
    clients.push(supabase);
    const runId = uuid();
    snapshotSeq.set(runId, 4);
    const before = server.joins.length;
    const w = watch(supabase, runId, 3);
    const join = await server.nextJoin(`run:${runId}`, before);
    expect(join.payload).toMatchObject({ access_token: token, config: { private: true, broadcast: { self: false } } });
    await expect.poll(() => w.statuses).toEqual(["SUBSCRIBED"]);
    await expect.poll(() => w.snapshots).toEqual([4]);
    expect(snapshotFetches.filter((id) => id === runId)).toHaveLength(1);

    // At or below the snapshot's seq: already in it. Then 5 and 6 in order.
    for (const seq of [3, 4, 5, 6]) server.broadcast(`run:${runId}`, "step.log", runEvent(runId, seq, "step.log", { seq }), { private: true });
    await expect.poll(() => w.events).toEqual([5, 6]);

    // 7 is lost: 8 shows the gap, the snapshot (now at 8) closes it, and 8 is not applied twice.
    snapshotSeq.set(runId, 8);
    server.broadcast(`run:${runId}`, "step.log", runEvent(runId, 8, "step.log"), { private: true });
    await expect.poll(() => w.snapshots).toEqual([4, 8]);
    server.broadcast(`run:${runId}`, "step.log", runEvent(runId, 9, "step.log"), { private: true });
    await expect.poll(() => w.events).toEqual([5, 6, 9]);
    // The session's token stays the channel's token (supabase-js refreshes it from the session).
    expect(server.accessTokens.filter((t) => t.topic === `realtime:run:${runId}` && t.token !== token)).toEqual([]);
    w.stop();
    await expect.poll(() => server.subscribers(`run:${runId}`)).toBe(0);
  });

  it("after a reconnect: reports the statuses, rejoins, fetches the snapshot again, then applies the next broadcast", async () => {
    const supabase = client(server, { user: LOCAL_OWNER, token: jwt(LOCAL_OWNER.id) });
    clients.push(supabase);
    const runId = uuid();
    snapshotSeq.set(runId, 2);
    const w = watch(supabase, runId, 2);
    await expect.poll(() => w.snapshots).toEqual([2]);
    // Events 3..5 commit while the connection is down; the snapshot after the rejoin has them.
    snapshotSeq.set(runId, 5);
    server.dropAll();
    await expect.poll(() => w.statuses).toEqual(["SUBSCRIBED", "CHANNEL_ERROR", "SUBSCRIBED"]);
    await expect.poll(() => w.snapshots).toEqual([2, 5]);
    expect(snapshotFetches.filter((id) => id === runId)).toHaveLength(2);
    server.broadcast(`run:${runId}`, "step.succeeded", runEvent(runId, 6, "step.succeeded", { status: "succeeded" }), { private: true });
    await expect.poll(() => w.events).toEqual([6]);
    w.stop();
  });

  it("without a session: a public channel; a refused join is reported as CHANNEL_ERROR", async () => {
    const supabase = client(server);
    clients.push(supabase);
    const runId = uuid();
    snapshotSeq.set(runId, 1);
    const before = server.joins.length;
    const w = watch(supabase, runId, 1);
    const join = await server.nextJoin(`run:${runId}`, before);
    expect(join.payload.config?.private).toBe(false);
    // No user token: nothing, or (once supabase-js has asked its auth client) the publishable key.
    expect(join.payload.access_token ?? KEY).toBe(KEY);
    await expect.poll(() => w.statuses).toEqual(["SUBSCRIBED"]);
    w.stop();

    const refused = uuid();
    server.refuseJoins(`run:${refused}`);
    const r = watch(supabase, refused, 0);
    await expect.poll(() => r.statuses[0]).toBe("CHANNEL_ERROR");
    expect(snapshotFetches).not.toContain(refused);
    r.stop();
    server.acceptJoins();
  });

  it("unsubscribing and subscribing again at once (React strict mode) ends with one live subscription", async () => {
    const supabase = client(server, { user: LOCAL_OWNER, token: jwt(LOCAL_OWNER.id) });
    clients.push(supabase);
    const runId = uuid();
    snapshotSeq.set(runId, 1);
    const first = watch(supabase, runId, 1);
    await expect.poll(() => first.statuses).toEqual(["SUBSCRIBED"]);
    server.setLeaveReplyDelay(300); // the first channel is still leaving when the second one starts
    first.stop();
    const second = watch(supabase, runId, 1);
    await expect.poll(() => second.statuses).toEqual(["SUBSCRIBED"]);
    await expect.poll(() => server.subscribers(`run:${runId}`)).toBe(1);
    server.broadcast(`run:${runId}`, "step.log", runEvent(runId, 2, "step.log"), { private: true });
    await expect.poll(() => second.events).toEqual([2]);
    expect(first.events).toEqual([]);
    server.setLeaveReplyDelay(0);
    second.stop();
  });
});

async function newRun(db: Database, owner: User): Promise<string> {
  const v = validatePlan({ title: "Realtime authorization", steps: [{ stepIndex: 0, toolName: "summarize", description: "s", requiresApproval: false }] });
  if (!v.ok) throw new Error("invalid");
  const { id } = await planStore(db, owner).create(v.plan);
  return insertRun(db, { planId: id, version: 1, plan: v.plan, startedBy: owner.id, gates: { summarize: "none" } });
}

describe.each(testBackends)("Realtime Authorization (realtime.messages policy) on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let ownersRun: string;
  let othersRun: string;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await db.query("insert into auth.users (id, email) values ($1, $2) on conflict do nothing", [OTHER.id, OTHER.email]);
    await db.query("insert into public.profiles (id, display_name) values ($1, $2) on conflict do nothing", [OTHER.id, OTHER.name]);
    ownersRun = await newRun(db, LOCAL_OWNER);
    othersRun = await newRun(db, OTHER);
    // What Supabase Realtime checks a join against: a broadcast row for the channel's topic.
    await asService(db, async (tx) => {
      for (const run of [ownersRun, othersRun]) {
        await tx.query(
          "insert into realtime.messages (topic, extension, event, payload, private) values ($1, 'broadcast', 'step.running', '{}'::jsonb, true)",
          [`run:${run}`],
        );
        await tx.query("insert into realtime.messages (topic, extension, event, payload, private) values ($1, 'presence', 'sync', '{}'::jsonb, true)", [
          `run:${run}`,
        ]);
      }
      await tx.query("insert into realtime.messages (topic, extension, payload) values ('run:not-a-uuid', 'broadcast', '{}'::jsonb)");
    });
  });
  afterAll(() => db?.drop());

  /** The broadcast rows `user` may read with `realtime.topic()` = topic, as Supabase runs the check. */
  const readable = (user: User, topic: string) =>
    asUserSql(db, user, async (tx) => {
      await tx.query("select set_config('realtime.topic', $1, true)", [topic]);
      return tx.query<{ topic: string; extension: string }>("select topic, extension from realtime.messages where topic = $1", [topic]);
    });

  it("has a realtime.messages shaped like Supabase's, with RLS on, and realtime.topic()", async () => {
    const cols = await db.query<{ column_name: string }>(
      "select column_name from information_schema.columns where table_schema = 'realtime' and table_name = 'messages' order by 1",
    );
    expect(cols.map((c) => c.column_name)).toEqual(expect.arrayContaining(["event", "extension", "id", "inserted_at", "payload", "private", "topic"]));
    const [rls] = await db.query<{ relrowsecurity: boolean }>("select relrowsecurity from pg_class where oid = 'realtime.messages'::regclass");
    expect(rls!.relrowsecurity).toBe(true);
    const [t] = await db.transaction((tx) =>
      tx.query<{ topic: string | null }>("select set_config('realtime.topic', 'run:x', true), realtime.topic() as topic"),
    );
    expect(t!.topic).toBe("run:x");
    const [none] = await db.query<{ topic: string | null }>("select realtime.topic() as topic");
    expect(none!.topic).toBeNull();
  });

  it("the plan's owner may receive broadcasts on run:<id>; another user may not", async () => {
    expect(await readable(LOCAL_OWNER, `run:${ownersRun}`)).toEqual([{ topic: `run:${ownersRun}`, extension: "broadcast" }]);
    expect(await readable(OTHER, `run:${ownersRun}`)).toEqual([]);
    expect(await readable(OTHER, `run:${othersRun}`)).toEqual([{ topic: `run:${othersRun}`, extension: "broadcast" }]);
    expect(await readable(LOCAL_OWNER, `run:${othersRun}`)).toEqual([]);
  });

  it("admits nothing for another topic than the one being joined, a malformed topic, or no topic", async () => {
    // Joining run:<other's run> does not open the owner's own topic either: the policy reads realtime.topic().
    const crossed = await asUserSql(db, LOCAL_OWNER, async (tx) => {
      await tx.query("select set_config('realtime.topic', $1, true)", [`run:${othersRun}`]);
      return tx.query("select 1 from realtime.messages where topic = $1", [`run:${ownersRun}`]);
    });
    expect(crossed).toEqual([]);
    expect(await readable(LOCAL_OWNER, "run:not-a-uuid")).toEqual([]);
    const noTopic = await asUserSql(db, LOCAL_OWNER, (tx) => tx.query("select 1 from realtime.messages"));
    expect(noTopic).toEqual([]);
  });

  it("end to end: the run_events trigger's message, relayed by the double, reaches subscribeRun and applies to the run view", async () => {
    const server = await startFakeRealtimeServer({ apikey: KEY });
    const supabase = client(server, { user: LOCAL_OWNER, token: jwt(LOCAL_OWNER.id) });
    // Stand in for Supabase: its realtime.send stores the broadcast in realtime.messages, and Realtime
    // relays new rows to the topic's subscribers. The embedded realtime.send only wakes listeners
    // (no content), so for this test the database gets Supabase's (compat.sql leaves a realtime.send
    // that is not its own alone) and a relay polls the table; ours is restored afterwards.
    const [ours] = await db.query<{ def: string }>("select pg_get_functiondef('realtime.send(jsonb, text, text, boolean)'::regprocedure) as def");
    await db.exec(SUPABASE_REALTIME_SEND);
    const seen = new Set((await db.query<{ id: string }>("select id::text as id from realtime.messages")).map((m) => m.id));
    let relaying = true;
    const relay = (async () => {
      while (relaying) {
        const rows = await db.query<{ id: string; topic: string; event: string; payload: unknown; private: boolean }>(
          "select id::text as id, topic, event, payload, private from realtime.messages where extension = 'broadcast' order by inserted_at",
        );
        for (const m of rows) {
          if (seen.has(m.id)) continue;
          seen.add(m.id);
          server.broadcast(m.topic, m.event, m.payload, { private: m.private });
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const stopRelay = async () => {
      relaying = false;
      await relay;
      await db.exec(ours!.def);
    };
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (url !== `${APP}/api/runs/${ownersRun}`) return realFetch(input, init);
      const [r] = await db.query<{ seq: number }>("select seq::int as seq from public.runs where id = $1", [ownersRun]);
      return Response.json({ id: ownersRun, status: "pending", seq: r!.seq, steps: [], approvals: [] });
    });
    try {
      const [r] = await db.query<{ seq: number }>("select seq::int as seq from public.runs where id = $1", [ownersRun]);
      let view = {
        id: ownersRun,
        status: "pending",
        seq: r!.seq,
        approvals: [],
        steps: [
          {
            id: "summarize",
            stepIndex: 0,
            toolName: "summarize",
            status: "pending",
            requiresApproval: false,
            gate: "none",
            publishes: false,
            revision: 0,
            input: {},
            output: null,
            contentHash: null,
            attempts: 0,
            error: null,
            logs: [],
            reused: false,
            startedAt: null,
            finishedAt: null,
          },
        ],
      } as unknown as RunData;
      const statuses: string[] = [];
      const stop = subscribeRun(
        ownersRun,
        view.seq,
        (e) => (view = applyRunEvent(view, e)),
        (s) => statuses.push(s),
        { supabase, baseUrl: APP },
      );
      await expect.poll(() => statuses).toEqual(["SUBSCRIBED"]);
      await expect.poll(() => spy.mock.calls.length).toBeGreaterThan(0);
      await asService(db, (tx) => emit(tx, ownersRun, "step.running", "summarize", { status: "running", attempt: 1 }));
      await expect.poll(() => view.steps[0]!.status).toBe("running");
      expect(view.steps[0]).toMatchObject({ attempts: 1 });
      expect(view.seq).toBe(r!.seq + 1);
      stop();
    } finally {
      spy.mockRestore();
      await stopRelay();
      await supabase.removeAllChannels();
      await supabase.realtime.disconnect();
      await server.close();
    }
  });
});
