import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import type { RunEvent } from "@/lib/realtime/run-events";
import { getSupabaseBrowserClient } from "@/lib/supabase/browser";
import type { RunData } from "./types";

/** Supabase Realtime's subscribe statuses; the SSE path reports the same vocabulary. */
export type RunTransportStatus = "SUBSCRIBED" | "TIMED_OUT" | "CLOSED" | "CHANNEL_ERROR";

export interface SubscribeRunOptions {
  /**
   * Receives the run's snapshot (`GET /api/runs/<id>`), fetched after every (re)subscribe and
   * whenever a gap in the event seqs shows a broadcast was missed (Supabase path only; the SSE
   * stream replays from the seq itself).
   */
  onSnapshot?: (run: RunData) => void;
  /** The Supabase client; default: the browser client when Supabase is configured. `null` forces SSE. */
  supabase?: SupabaseClient | null;
  /** Origin for the app's API (default: same origin, relative URLs). */
  baseUrl?: string;
}

/**
 * Subscribes to a run's live events, in seq order, starting after `afterSeq`; returns the
 * unsubscribe function.
 *
 * - Supabase configured: Supabase Realtime, channel `run:<id>` — the broadcasts the `run_events`
 *   trigger sends with `realtime.send`. Private (Realtime Authorization, the policy on
 *   realtime.messages) when a Supabase session exists, public otherwise. Broadcasts are not
 *   replayed, so after each SUBSCRIBED (first join and every rejoin) the snapshot is fetched and
 *   handed to `onSnapshot`; events that arrive meanwhile are held and delivered after it, and only
 *   those newer than it. supabase-js keeps one channel per topic and client, so a page subscribes
 *   to a run once (useRun does).
 * - Otherwise: the app's Server-Sent Events stream, which replays from `afterSeq` and resumes with
 *   Last-Event-ID by itself.
 */
export function subscribeRun(
  runId: string,
  afterSeq: number,
  onEvent: (e: RunEvent) => void,
  onStatus: (status: RunTransportStatus, err?: Error) => void,
  options: SubscribeRunOptions = {},
): () => void {
  const supabase = options.supabase === undefined ? getSupabaseBrowserClient() : options.supabase;
  return supabase ? subscribeSupabase(supabase, runId, afterSeq, onEvent, onStatus, options) : subscribeSse(runId, afterSeq, onEvent, onStatus, options);
}

function subscribeSse(
  runId: string,
  afterSeq: number,
  onEvent: (e: RunEvent) => void,
  onStatus: (status: RunTransportStatus, err?: Error) => void,
  options: SubscribeRunOptions,
): () => void {
  const es = new EventSource(`${options.baseUrl ?? ""}/api/runs/${runId}/events?after=${afterSeq}`);
  es.onopen = () => onStatus("SUBSCRIBED");
  es.onerror = () => onStatus(es.readyState === EventSource.CLOSED ? "CLOSED" : "CHANNEL_ERROR");
  es.onmessage = (m: MessageEvent<string>) => {
    const e = JSON.parse(m.data) as RunEvent;
    onEvent(e);
    if (e.type === "run.finished") es.close();
  };
  return () => es.close();
}

/** A broadcast's payload as a run event (the trigger's jsonb_build_object), or null. */
function toRunEvent(p: unknown, runId: string): RunEvent | null {
  if (!p || typeof p !== "object") return null;
  const o = p as Record<string, unknown>;
  const seq = Number(o.seq);
  if (o.runId !== runId || !Number.isSafeInteger(seq) || typeof o.type !== "string") return null;
  const created = typeof o.createdAt === "string" ? new Date(o.createdAt) : null;
  return {
    runId,
    seq,
    type: o.type,
    stepId: typeof o.stepId === "string" ? o.stepId : null,
    payload: o.payload && typeof o.payload === "object" ? (o.payload as Record<string, unknown>) : {},
    createdAt: created && !Number.isNaN(created.getTime()) ? created.toISOString() : String(o.createdAt ?? ""),
  };
}

function subscribeSupabase(
  supabase: SupabaseClient,
  runId: string,
  afterSeq: number,
  onEvent: (e: RunEvent) => void,
  onStatus: (status: RunTransportStatus, err?: Error) => void,
  options: SubscribeRunOptions,
): () => void {
  const topic = `run:${runId}`;
  let closed = false;
  let channel: RealtimeChannel | undefined;
  let lastSeq = afterSeq;
  // Non-null while a snapshot is loading: events received meanwhile wait for it.
  let held: RunEvent[] | null = null;
  let loading = false;
  let again = false;

  const deliver = (e: RunEvent) => {
    if (closed || e.seq <= lastSeq) return;
    if (held) {
      held.push(e);
      return;
    }
    if (e.seq > lastSeq + 1) {
      // A broadcast was missed (Realtime does not replay): the snapshot closes the gap.
      held = [e];
      requestSnapshot();
      return;
    }
    lastSeq = e.seq;
    onEvent(e);
  };

  const requestSnapshot = () => {
    held ??= [];
    if (loading) {
      again = true; // the load in flight may predate this (re)subscribe: load once more after it
      return;
    }
    void loadSnapshots();
  };

  const loadSnapshots = async () => {
    loading = true;
    let ok = false;
    do {
      again = false;
      const snapshot = await fetchSnapshot();
      if (closed) return;
      ok = snapshot !== null;
      if (snapshot && typeof snapshot.seq === "number" && snapshot.seq >= lastSeq) {
        lastSeq = snapshot.seq;
        options.onSnapshot?.(snapshot);
      }
    } while (again);
    loading = false;
    const pending = (held ?? []).sort((a, b) => a.seq - b.seq);
    held = null;
    for (const e of pending) {
      if (ok) {
        deliver(e); // a gap left after a fresh snapshot is a new one
      } else if (e.seq > lastSeq) {
        lastSeq = e.seq; // offline for a moment: apply what arrived; the next SUBSCRIBED reloads
        onEvent(e);
      }
    }
  };

  const fetchSnapshot = async (): Promise<RunData | null> => {
    try {
      const res = await fetch(`${options.baseUrl ?? ""}/api/runs/${runId}`, {
        cache: "no-store",
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(15_000),
      });
      return res.ok ? ((await res.json()) as RunData) : null;
    } catch {
      return null;
    }
  };

  void (async () => {
    let token: string | null = null;
    try {
      const { data } = await supabase.auth.getSession();
      token = data.session?.access_token ?? null;
    } catch {
      token = null; // no auth client (custom accessToken mode) or storage unavailable: public channel
    }
    if (closed) return;
    if (token) await supabase.realtime.setAuth(token);
    if (closed) return;
    channel = supabase
      .channel(topic, { config: { private: token !== null, broadcast: { self: false } } })
      .on("broadcast", { event: "*" }, (msg: { payload?: unknown }) => {
        const e = toRunEvent(msg.payload, runId);
        if (e) deliver(e);
      })
      .subscribe((status, err) => {
        if (closed) return;
        onStatus(status as RunTransportStatus, err);
        if (status === "SUBSCRIBED") requestSnapshot();
      });
  })().catch((e: unknown) => {
    if (!closed) onStatus("CHANNEL_ERROR", e instanceof Error ? e : new Error(String(e)));
  });

  return () => {
    if (closed) return;
    closed = true;
    // Leaving removes the channel from the client at once (a new one on the topic may follow).
    if (channel) void supabase.removeChannel(channel).catch(() => {});
  };
}
