import type { User } from "../auth";
import type { Database } from "../db";
import { asUserSql } from "../db/rls";
import { getHub, type RealtimeHub, type RealtimeWake } from "./hub";

export interface RunEvent {
  runId: string;
  seq: number;
  type: string;
  stepId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

const HEARTBEAT_MS = 15_000;
/** A feed re-reads this often without any wake-up: a lost notification delays an event, never loses it. */
const RESYNC_MS = 15_000;
/** After a failed read, the next one. */
const RETRY_MS = 1_000;

function frame(e: RunEvent): string {
  return `id: ${e.seq}\ndata: ${JSON.stringify(e)}\n\n`;
}

async function readEvents(db: Database, user: Pick<User, "id">, runId: string, after: number): Promise<RunEvent[]> {
  const rows = await asUserSql(db, user, (tx) =>
    tx.query<{ seq: number; type: string; step_id: string | null; payload: Record<string, unknown>; created_at: Date }>(
      "select seq::int as seq, type, step_id, payload, created_at from public.run_events where run_id = $1 and seq > $2 order by seq",
      [runId, after],
    ),
  );
  return rows.map((r) => ({ runId, seq: Number(r.seq), type: r.type, stepId: r.step_id, payload: r.payload, createdAt: new Date(r.created_at).toISOString() }));
}

/**
 * Runs `task` on every wake-up, never twice at once: a wake-up while it runs only marks it dirty,
 * and one more run follows — however many wake-ups came meanwhile — unless `stillNeeded` (asked
 * after the run) says the run already covered them. The promise settles when a run that started
 * after this wake-up has finished, or that covered it. `task` must not throw.
 */
export function coalescing(task: () => Promise<void>, stillNeeded: () => boolean = () => true): () => Promise<void> {
  let running: Promise<void> | null = null;
  let dirty = false;
  return () => {
    if (running) {
      dirty = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          dirty = false;
          await task();
        } while (dirty && stillNeeded());
      } finally {
        running = null;
      }
    })();
    return running;
  };
}

interface Viewer {
  /** The seq of the last event this viewer was sent. */
  readonly lastSent: number;
  /** Events read from the table after a seq at or below `lastSent`, in seq order. */
  deliver(events: RunEvent[]): void;
}

/**
 * One run's events for one user's viewers (only the plan's owner may read a run, so in practice all
 * of a run's viewers): woken by the hub, it reads the events after the viewers' lowest lastSent
 * from public.run_events as that user (RLS), and hands each viewer what it has not been sent. A
 * notification is only a reason to look: its seq lets a wake-up that every viewer is already past
 * skip the read (a forged seq can only skip itself, or cost one read). Reads are coalesced: 50
 * viewers and a burst of events cost one read in flight and at most one more.
 */
class RunFeed {
  readonly viewers = new Set<Viewer>();
  readonly wake: () => Promise<void>;
  private readonly unsubscribe: () => void;
  private readonly resync: ReturnType<typeof setInterval>;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** Set by a wake-up that needs a read whatever was sent; cleared when a read starts. */
  private mustRead = false;
  /**
   * The highest seq a notification named: while a viewer is behind it, read again. Only ever
   * skips a read when every viewer was sent that seq — a forged seq can skip no read a real
   * notification asked for (a real one names its own event's seq), nor a viewer's replay.
   */
  private hinted = 0;

  constructor(
    hub: RealtimeHub,
    private readonly db: Database,
    private readonly user: Pick<User, "id">,
    private readonly runId: string,
    private readonly onDispose: () => void,
  ) {
    this.wake = coalescing(
      () => this.read(),
      () => this.mustRead || this.minSent() < this.hinted,
    );
    this.unsubscribe = hub.subscribe(`run:${runId}`, (w) => this.onWake(w));
    this.resync = setInterval(() => this.wakeToRead(), RESYNC_MS);
    this.resync.unref?.();
  }

  add(v: Viewer): void {
    this.viewers.add(v);
    this.wakeToRead(); // the viewer's replay (from its Last-Event-ID / snapshot seq)
  }

  /** A read that no seq can vouch for: a viewer's replay, the resync, a retry, a wake-up without a seq. */
  private wakeToRead(): void {
    this.mustRead = true;
    void this.wake();
  }

  remove(v: Viewer): void {
    this.viewers.delete(v);
    if (this.viewers.size === 0) this.dispose();
  }

  private minSent(): number {
    let min = Infinity;
    for (const v of this.viewers) min = Math.min(min, v.lastSent);
    return min;
  }

  private onWake(w: RealtimeWake): void {
    if (w.seq === null) return this.wakeToRead();
    if (this.minSent() >= w.seq) return;
    // A transaction's events notify together, at its commit: the read the first starts usually
    // returns them all, and the others' seqs then need no read of their own.
    this.hinted = Math.max(this.hinted, w.seq);
    void this.wake();
  }

  private async read(): Promise<void> {
    this.mustRead = false;
    if (this.disposed || this.viewers.size === 0) return;
    const from = this.minSent();
    let events: RunEvent[];
    try {
      events = await readEvents(this.db, this.user, this.runId, from);
    } catch {
      if (!this.disposed && !this.retry) {
        this.retry = setTimeout(() => {
          this.retry = undefined;
          this.wakeToRead();
        }, RETRY_MS);
        this.retry.unref?.();
      }
      return;
    }
    // Seqs are assigned under the run row's lock and commit in order, so a read sees a gapless
    // prefix. A viewer that joined during the read with a lower lastSent waits for the next read
    // (its join marked the feed dirty): this one may start after its cursor.
    for (const v of [...this.viewers]) {
      if (v.lastSent < from) continue;
      try {
        v.deliver(events);
      } catch {
        this.remove(v); // its stream is gone; the others go on
      }
    }
  }

  private dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    clearInterval(this.resync);
    clearTimeout(this.retry);
    this.onDispose();
  }
}

const feeds = new WeakMap<RealtimeHub, Map<string, RunFeed>>();

function feedFor(hub: RealtimeHub, db: Database, user: Pick<User, "id">, runId: string): RunFeed {
  let byKey = feeds.get(hub);
  if (!byKey) feeds.set(hub, (byKey = new Map()));
  const key = `${user.id} ${runId}`;
  let feed = byKey.get(key);
  if (!feed) {
    const created: RunFeed = new RunFeed(hub, db, user, runId, () => {
      if (byKey.get(key) === created) byKey.delete(key);
    });
    byKey.set(key, (feed = created));
  }
  return feed;
}

/**
 * The run's events as Server-Sent Events: every event after `after` (the client's snapshot seq, or
 * the Last-Event-ID it reconnects with), then each new one, in seq order, once. Every event sent is
 * a row read from public.run_events under the viewer's RLS — never a notification's content, for
 * the notification channel is open to any database session: a wake-up from the hub (forged or
 * not) only makes the run's feed read again after what was sent. The stream ends after a
 * run.finished row; heartbeats keep proxies from closing it meanwhile.
 */
export async function openRunEventStream(
  db: Database,
  user: User,
  runId: string,
  after: number,
  signal: AbortSignal,
  opts: { heartbeatMs?: number } = {},
): Promise<ReadableStream<Uint8Array> | null> {
  const mayRead = async () => (await asUserSql(db, user, (tx) => tx.query("select 1 from public.runs where id = $1", [runId]))).length > 0;
  if (!(await mayRead())) return null;
  const hub = await getHub(db);
  const encoder = new TextEncoder();
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let feed: RunFeed | undefined;
  let viewer: Viewer | undefined;
  const stop = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    if (feed && viewer) feed.remove(viewer);
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (closed) return;
        stop();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      let lastSent = after;
      viewer = {
        get lastSent() {
          return lastSent;
        },
        deliver(events) {
          for (const e of events) {
            if (closed) return;
            if (e.seq <= lastSent) continue;
            controller.enqueue(encoder.encode(frame(e)));
            lastSent = e.seq;
            if (e.type === "run.finished") close();
          }
        },
      };
      signal.addEventListener("abort", close, { once: true });
      if (signal.aborted) return close();
      controller.enqueue(encoder.encode("retry: 1000\n\n"));
      feed = feedFor(hub, db, user, runId);
      feed.add(viewer);
      // Each heartbeat also asks whether the viewer may still read the run: a member removed from its
      // workspace (or a deleted plan) ends the stream within one heartbeat. Their reads already see
      // nothing new (RLS); this closes the connection too.
      heartbeat = setInterval(() => {
        if (closed) return;
        controller.enqueue(encoder.encode(": ping\n\n"));
        void mayRead().then(
          (ok) => !ok && close(),
          () => {}, // a failed check is not a removal; the next heartbeat asks again
        );
      }, opts.heartbeatMs ?? HEARTBEAT_MS);
    },
    cancel() {
      stop();
    },
  });
}
