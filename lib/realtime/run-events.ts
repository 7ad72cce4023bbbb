import type { User } from "../auth";
import type { Database } from "../db";
import { asUserSql } from "../db/rls";
import { getHub, type RealtimeMessage } from "./hub";

export interface RunEvent {
  runId: string;
  seq: number;
  type: string;
  stepId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

const HEARTBEAT_MS = 15_000;

function frame(e: RunEvent): string {
  return `id: ${e.seq}\ndata: ${JSON.stringify(e)}\n\n`;
}

async function readEvents(db: Database, user: User, runId: string, after: number, upTo?: number): Promise<RunEvent[]> {
  const rows = await asUserSql(db, user, (tx) =>
    tx.query<{ seq: number; type: string; step_id: string | null; payload: Record<string, unknown>; created_at: Date }>(
      `select seq::int as seq, type, step_id, payload, created_at from public.run_events where run_id = $1 and seq > $2 ${upTo !== undefined ? "and seq <= $3" : ""} order by seq`,
      upTo !== undefined ? [runId, after, upTo] : [runId, after],
    ),
  );
  return rows.map((r) => ({ runId, seq: Number(r.seq), type: r.type, stepId: r.step_id, payload: r.payload, createdAt: new Date(r.created_at).toISOString() }));
}

/**
 * The run's events as Server-Sent Events: first every event after `after` (the client's snapshot
 * seq, or the Last-Event-ID it reconnects with) from run_events, then live ones from the hub —
 * subscribed before the replay is read, so nothing committed in between is lost, and filtered by
 * seq, so nothing arrives twice. The stream ends after the run's terminal event.
 */
export async function openRunEventStream(db: Database, user: User, runId: string, after: number, signal: AbortSignal): Promise<ReadableStream<Uint8Array> | null> {
  const visible = await asUserSql(db, user, (tx) => tx.query("select 1 from public.runs where id = $1", [runId]));
  if (!visible.length) return null;
  const hub = await getHub(db);
  const encoder = new TextEncoder();
  let lastSent = after;
  let buffered: RealtimeMessage[] | null = [];
  let closed = false;
  let unsubscribe: () => void = () => {};
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let queue = Promise.resolve();

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener("abort", close, { once: true });

      const send = async (events: RunEvent[]) => {
        for (const e of events) {
          if (closed || e.seq <= lastSent) continue;
          if (e.seq > lastSent + 1) {
            // A gap (a message lost or too large for NOTIFY): read the missing events from the table.
            await send(await readEvents(db, user, runId, lastSent, e.seq - 1));
            if (e.seq <= lastSent) continue;
          }
          controller.enqueue(encoder.encode(frame(e)));
          lastSent = e.seq;
          if (e.type === "run.finished") close();
        }
      };
      const deliver = (m: RealtimeMessage) => {
        if (m.truncated || !m.payload?.payload) {
          // Fetch the full row; serialised with other deliveries to keep the order.
          queue = queue.then(() => send([])).then(async () => send(await readEvents(db, user, runId, lastSent, Number(m.payload.seq)))).catch(() => {});
          return;
        }
        const p = m.payload;
        queue = queue.then(() => send([{ runId, seq: Number(p.seq), type: p.type, stepId: p.stepId, payload: p.payload, createdAt: p.createdAt }])).catch(() => {});
      };

      unsubscribe = hub.subscribe(`run:${runId}`, (m) => {
        if (buffered) buffered.push(m);
        else deliver(m);
      });
      controller.enqueue(encoder.encode("retry: 1000\n\n"));
      await send(await readEvents(db, user, runId, after));
      const early = buffered;
      buffered = null;
      for (const m of early ?? []) deliver(m);
      heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(": ping\n\n"));
      }, HEARTBEAT_MS);
    },
    cancel() {
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
    },
  });
}
