// TEST DOUBLE — not Supabase Realtime. A protocol-level stand-in for the Supabase Realtime
// WebSocket endpoint, for tests only (the real server is an Elixir service that cannot run here).
// It speaks what @supabase/realtime-js 2.119 (via @supabase/phoenix) sends and expects:
//
//   ws://127.0.0.1:<port>/realtime/v1/websocket?apikey=<key>&vsn=2.0.0
//   text frames, Phoenix vsn 2.0.0: JSON arrays [join_ref, ref, topic, event, payload]
//   client → server: phx_join {config:{broadcast, presence, postgres_changes, private}, access_token?}
//                    heartbeat on topic "phoenix", phx_leave, access_token {access_token}
//                    broadcast pushes as BINARY frames (kind 3 = user broadcast push)
//   server → client: phx_reply {status:"ok"|"error", response}, with the join_ref and ref echoed;
//                    broadcast [null, null, topic, "broadcast", {type:"broadcast", event, payload}]
//
// A join reply must carry `response.postgres_changes` (the client's filters with server ids) or no
// `postgres_changes` at all; anything else makes the client report a binding mismatch. No
// authorization is enforced: a test decides which joins are refused (`refuseJoins`). Presence,
// postgres_changes delivery, replay and the REST broadcast endpoint are not implemented.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer, type RawData } from "ws";

export type Frame = [joinRef: string | null, ref: string | null, topic: string, event: string, payload: Record<string, unknown>];

export interface JoinRecord {
  topic: string;
  joinRef: string | null;
  /** The phx_join payload as sent: `config` (broadcast, presence, postgres_changes, private), `access_token`. */
  payload: {
    config?: { private?: boolean; broadcast?: { self?: boolean; ack?: boolean }; presence?: unknown; postgres_changes?: Record<string, unknown>[] };
    access_token?: string;
    [k: string]: unknown;
  };
  /** The connection's `apikey` query parameter. */
  apikey: string | null;
  refused: boolean;
  connection: number;
}

export interface ClientBroadcast {
  topic: string;
  event: string;
  payload: unknown;
  connection: number;
}

interface Membership {
  joinRef: string | null;
  private: boolean;
  self: boolean;
}

interface Conn {
  id: number;
  ws: WebSocket;
  apikey: string | null;
  topics: Map<string, Membership>;
}

export interface FakeRealtimeServer {
  /** The project URL to give `createClient` (http://127.0.0.1:<port>). */
  url: string;
  /** Every phx_join received, in order. */
  joins: JoinRecord[];
  /** Every access_token push received: the token per topic. */
  accessTokens: { topic: string; token: string; connection: number }[];
  /** Broadcasts clients pushed (binary frames), decoded. */
  clientBroadcasts: ClientBroadcast[];
  /** Every text frame received. */
  frames: Frame[];
  /** Connections currently open. */
  connectionCount(): number;
  /** Connections opened since start. */
  connectionsOpened(): number;
  /** Topics currently joined, with how many connections joined each. */
  subscribers(topic: string): number;
  /**
   * Sends a server broadcast to every connection joined on `topic` ("run:<id>" or
   * "realtime:run:<id>"); with `private` set, only to joins with that `config.private` (Supabase
   * delivers private messages to private channels only). Returns how many received it.
   */
  broadcast(topic: string, event: string, payload: unknown, opts?: { private?: boolean }): number;
  /** Refuses joins of topics matching `match` with an error reply `{reason}` (the client reports CHANNEL_ERROR). */
  refuseJoins(match: string | ((topic: string, join: JoinRecord) => boolean), reason?: string): void;
  /** Accepts every join again. */
  acceptJoins(): void;
  /** Delays the reply to phx_leave (a slow network round trip), 0 by default. */
  setLeaveReplyDelay(ms: number): void;
  /** Drops every connection abruptly (no close handshake), as a network failure would. */
  dropAll(): void;
  /** Resolves with the next join (of `topic`, if given) — or one already recorded after `afterIndex`. */
  nextJoin(topic?: string, afterIndex?: number, timeoutMs?: number): Promise<JoinRecord>;
  close(): Promise<void>;
}

const fullTopic = (t: string) => (t.startsWith("realtime:") ? t : `realtime:${t}`);

/** Decodes a realtime-js binary user broadcast push (kind 3). */
function decodeBinaryBroadcast(buf: Buffer): { joinRef: string; ref: string; topic: string; event: string; payload: unknown } | null {
  if (buf.length < 7 || buf[0] !== 3) return null;
  const [joinRefLen, refLen, topicLen, eventLen, metaLen, encoding] = [buf[1]!, buf[2]!, buf[3]!, buf[4]!, buf[5]!, buf[6]!];
  let at = 7;
  const take = (n: number) => {
    const s = buf.subarray(at, at + n).toString("utf8");
    at += n;
    return s;
  };
  const joinRef = take(joinRefLen);
  const ref = take(refLen);
  const topic = take(topicLen);
  const event = take(eventLen);
  take(metaLen);
  const body = buf.subarray(at);
  const payload = encoding === 1 ? (JSON.parse(body.toString("utf8")) as unknown) : new Uint8Array(body);
  return { joinRef, ref, topic, event, payload };
}

export async function startFakeRealtimeServer(opts: { apikey?: string } = {}): Promise<FakeRealtimeServer> {
  const http: Server = createServer((_req, res) => {
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: "fake realtime: no HTTP endpoints" }));
  });
  const wss = new WebSocketServer({ noServer: true });
  const conns = new Set<Conn>();
  const joins: JoinRecord[] = [];
  const accessTokens: FakeRealtimeServer["accessTokens"] = [];
  const clientBroadcasts: ClientBroadcast[] = [];
  const frames: Frame[] = [];
  const joinWaiters = new Set<(j: JoinRecord) => void>();
  let refuse: { match: (topic: string, join: JoinRecord) => boolean; reason: string } | null = null;
  let opened = 0;
  let leaveDelay = 0;

  http.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const apikey = url.searchParams.get("apikey");
    if (url.pathname !== "/realtime/v1/websocket" || url.searchParams.get("vsn") !== "2.0.0" || (opts.apikey !== undefined && apikey !== opts.apikey)) {
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: Conn = { id: ++opened, ws, apikey, topics: new Map() };
      conns.add(conn);
      ws.on("close", () => conns.delete(conn));
      ws.on("error", () => conns.delete(conn));
      ws.on("message", (data: RawData, isBinary: boolean) => onMessage(conn, data, isBinary));
    });
  });

  const send = (conn: Conn, frame: Frame) => {
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(frame));
  };
  const reply = (conn: Conn, joinRef: string | null, ref: string | null, topic: string, status: "ok" | "error", response: Record<string, unknown> = {}) =>
    send(conn, [joinRef, ref, topic, "phx_reply", { status, response }]);

  const deliver = (topic: string, event: string, payload: unknown, filter: (m: Membership, c: Conn) => boolean): number => {
    let n = 0;
    for (const c of conns) {
      const m = c.topics.get(topic);
      if (!m || !filter(m, c)) continue;
      send(c, [null, null, topic, "broadcast", { type: "broadcast", event, payload }]);
      n++;
    }
    return n;
  };

  function onMessage(conn: Conn, data: RawData, isBinary: boolean) {
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary) {
      const b = decodeBinaryBroadcast(buf);
      if (!b) return;
      clientBroadcasts.push({ topic: b.topic, event: b.event, payload: b.payload, connection: conn.id });
      const sender = conn.topics.get(b.topic);
      if (!sender) return;
      deliver(b.topic, b.event, b.payload, (m, c) => c !== conn || m.self);
      return;
    }
    let frame: Frame;
    try {
      frame = JSON.parse(buf.toString("utf8")) as Frame;
    } catch {
      return;
    }
    if (!Array.isArray(frame) || frame.length !== 5) return;
    frames.push(frame);
    const [joinRef, ref, topic, event, payload] = frame;
    if (topic === "phoenix" && event === "heartbeat") return reply(conn, null, ref, "phoenix", "ok");
    switch (event) {
      case "phx_join": {
        const join: JoinRecord = { topic, joinRef, payload: payload as JoinRecord["payload"], apikey: conn.apikey, refused: false, connection: conn.id };
        join.refused = !!refuse?.match(topic, join);
        joins.push(join);
        if (join.refused) {
          conn.topics.delete(topic);
          reply(conn, joinRef, ref, topic, "error", { reason: refuse!.reason });
        } else {
          const config = join.payload.config ?? {};
          conn.topics.set(topic, { joinRef, private: config.private === true, self: config.broadcast?.self === true });
          const postgresChanges = (config.postgres_changes ?? []).map((f, i) => ({ ...f, id: 1000 + i }));
          reply(conn, joinRef, ref, topic, "ok", { postgres_changes: postgresChanges });
        }
        for (const w of [...joinWaiters]) w(join);
        return;
      }
      case "phx_leave":
        if (leaveDelay > 0) {
          setTimeout(() => {
            if (conn.topics.get(topic)?.joinRef === joinRef) conn.topics.delete(topic);
            reply(conn, joinRef, ref, topic, "ok");
          }, leaveDelay);
          return;
        }
        conn.topics.delete(topic);
        return reply(conn, joinRef, ref, topic, "ok");
      case "access_token": {
        const token = (payload as { access_token?: unknown }).access_token;
        if (typeof token === "string") accessTokens.push({ topic, token, connection: conn.id });
        return reply(conn, joinRef, ref, topic, "ok");
      }
      case "broadcast": {
        // vsn 2.0.0 clients push broadcasts as binary frames; a JSON one is accepted the same way.
        const p = payload as { event?: string; payload?: unknown };
        clientBroadcasts.push({ topic, event: String(p.event), payload: p.payload, connection: conn.id });
        if (conn.topics.has(topic)) deliver(topic, String(p.event), p.payload, (m, c) => c !== conn || m.self);
        return reply(conn, joinRef, ref, topic, "ok");
      }
      default:
        return reply(conn, joinRef, ref, topic, "error", { reason: `fake realtime: unsupported event ${event}` });
    }
  }

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = http.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    joins,
    accessTokens,
    clientBroadcasts,
    frames,
    connectionCount: () => conns.size,
    connectionsOpened: () => opened,
    subscribers: (topic) => [...conns].filter((c) => c.topics.has(fullTopic(topic))).length,
    broadcast: (topic, event, payload, o = {}) => deliver(fullTopic(topic), event, payload, (m) => o.private === undefined || m.private === o.private),
    refuseJoins(match, reason = "Unauthorized: You do not have permissions to read from this Channel topic") {
      const m = typeof match === "string" ? (t: string) => t === fullTopic(match) : match;
      refuse = { match: m, reason };
    },
    acceptJoins() {
      refuse = null;
    },
    setLeaveReplyDelay(ms) {
      leaveDelay = ms;
    },
    dropAll() {
      for (const c of conns) c.ws.terminate();
      conns.clear();
    },
    nextJoin(topic, afterIndex, timeoutMs = 10_000) {
      const want = topic === undefined ? undefined : fullTopic(topic);
      const found = afterIndex === undefined ? undefined : joins.slice(afterIndex).find((j) => want === undefined || j.topic === want);
      if (found) return Promise.resolve(found);
      return new Promise<JoinRecord>((resolve, reject) => {
        const timer = setTimeout(() => {
          joinWaiters.delete(waiter);
          reject(new Error(`fake realtime: no join of ${want ?? "any topic"} within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (j: JoinRecord) => {
          if (want !== undefined && j.topic !== want) return;
          clearTimeout(timer);
          joinWaiters.delete(waiter);
          resolve(j);
        };
        joinWaiters.add(waiter);
      });
    },
    async close() {
      for (const c of conns) c.ws.terminate();
      conns.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
