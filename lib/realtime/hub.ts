// Fans out database wake-ups (realtime.send → NOTIFY 'planvas_realtime', lib/db/compat.sql) to
// subscribers by topic, from ONE listening connection per process. This is the embedded /
// plain-PostgreSQL path; with Supabase configured, Supabase Realtime delivers the broadcasts to the
// browser directly.
//
// The channel is UNTRUSTED: any database session, whatever its role, may LISTEN on it or NOTIFY on
// it — row level security does not apply to notifications. So a notification carries no content
// (only `{ topic, seq }`), and a wake-up means no more than "something may have changed on this
// topic": subscribers read what changed from the tables, under the viewer's RLS.
import type { Database } from "../db";
import { peekProcessSingleton, processSingleton, setProcessSingleton } from "../singleton";

/** What a notification may tell: a topic, and (a hint, maybe forged) the seq of the event. */
export interface RealtimeWake {
  topic: string;
  /** The event's seq when the notification names a safe integer one; never trusted for content. */
  seq: number | null;
}

type Listener = (w: RealtimeWake) => void;

/** Parses a notification into a wake-up; anything without a string topic is dropped. */
export function parseWake(raw: string): RealtimeWake | null {
  let m: unknown;
  try {
    m = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!m || typeof m !== "object" || Array.isArray(m)) return null;
  const { topic, seq } = m as { topic?: unknown; seq?: unknown };
  if (typeof topic !== "string") return null;
  return { topic, seq: typeof seq === "number" && Number.isSafeInteger(seq) ? seq : null };
}

export class RealtimeHub {
  private readonly topics = new Map<string, Set<Listener>>();
  private stop: (() => Promise<void>) | undefined;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.stop ??= await this.db.listen("planvas_realtime", (raw) => {
      const w = parseWake(raw);
      if (!w) return;
      for (const l of this.topics.get(w.topic) ?? []) {
        try {
          l(w);
        } catch {
          // one subscriber's failure is not the others'
        }
      }
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

/** The process's hub on the app database (started on first use). */
export function getHub(db: Database): Promise<RealtimeHub> {
  return processSingleton("hub", async () => {
    const hub = new RealtimeHub(db);
    await hub.start();
    return hub;
  });
}

/** Tests: forget the process's hub (after closing it). */
export async function closeHub(): Promise<void> {
  const hub = peekProcessSingleton<Promise<RealtimeHub>>("hub");
  setProcessSingleton("hub", undefined);
  await (await hub?.catch(() => undefined))?.close();
}
