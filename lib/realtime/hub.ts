// Fans out database broadcasts (realtime.send → NOTIFY 'planvas_realtime') to subscribers by topic,
// from ONE listening connection per process. This is the embedded/plain-PostgreSQL path; with
// Supabase configured, Supabase Realtime delivers the same messages to the browser directly.
import type { Database } from "../db";

export interface RealtimeMessage {
  topic: string;
  event: string;
  private: boolean;
  payload: { runId: string; seq: number; type: string; stepId: string | null; payload: Record<string, unknown>; createdAt: string };
  /** NOTIFY carries at most 8000 bytes: a larger message arrives without its payload's body. */
  truncated?: boolean;
}

type Listener = (m: RealtimeMessage) => void;

export class RealtimeHub {
  private readonly topics = new Map<string, Set<Listener>>();
  private stop: (() => Promise<void>) | undefined;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.stop ??= await this.db.listen("planvas_realtime", (raw) => {
      let m: RealtimeMessage;
      try {
        m = JSON.parse(raw) as RealtimeMessage;
      } catch {
        return;
      }
      for (const l of this.topics.get(m.topic) ?? []) l(m);
    });
  }

  subscribe(topic: string, listener: Listener): () => void {
    let set = this.topics.get(topic);
    if (!set) this.topics.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.topics.delete(topic);
    };
  }

  /** Subscribers per topic, for tests and diagnostics. */
  count(topic?: string): number {
    if (topic) return this.topics.get(topic)?.size ?? 0;
    let n = 0;
    for (const s of this.topics.values()) n += s.size;
    return n;
  }

  async close(): Promise<void> {
    await this.stop?.();
    this.stop = undefined;
    this.topics.clear();
  }
}

const slot = globalThis as typeof globalThis & { __planvasHub?: Promise<RealtimeHub> };

/** The process's hub on the app database (started on first use). */
export function getHub(db: Database): Promise<RealtimeHub> {
  slot.__planvasHub ??= (async () => {
    const hub = new RealtimeHub(db);
    await hub.start();
    return hub;
  })().catch((e) => {
    slot.__planvasHub = undefined;
    throw e;
  });
  return slot.__planvasHub;
}
