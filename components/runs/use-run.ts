"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { applyRunEvent, NEEDS_SNAPSHOT } from "@/lib/realtime/apply";
import type { RunEvent } from "@/lib/realtime/run-events";
import { isTerminal } from "@/lib/runs/status";
import { changesInbox, signalInboxChanged } from "./inbox-signal";
import { subscribeRun } from "./run-transport";
import type { RunData } from "./types";

/** Events closer together than this are a burst. */
const BURST_MS = 50;

/**
 * The live state of a run: the snapshot, then every event after its seq from the run's transport
 * (Supabase Realtime when configured, with a snapshot reload after every (re)subscribe; otherwise
 * Server-Sent Events, which resume with Last-Event-ID after a drop). Statuses apply at once;
 * outputs and the approval audit come with a snapshot reload.
 */
export function useRun(runId: string, initial: RunData) {
  const [run, setRun] = useState<RunData>(initial);
  const [connected, setConnected] = useState(false);
  const seqRef = useRef(initial.seq);
  const reload = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastEventAt = useRef(-Infinity);

  const applySnapshot = useCallback((next: RunData) => {
    setRun((prev) => {
      if (next.seq < prev.seq) return prev; // an older snapshot must not roll the view back
      seqRef.current = next.seq;
      return next;
    });
  }, []);

  const refresh = useCallback(async () => {
    const res = await fetch(`/api/runs/${runId}`, { cache: "no-store" });
    if (!res.ok) return;
    applySnapshot((await res.json()) as RunData);
  }, [runId, applySnapshot]);

  const scheduleRefresh = useCallback(() => {
    clearTimeout(reload.current);
    reload.current = setTimeout(() => void refresh(), 40);
  }, [refresh]);

  const terminal = isTerminal(run.status);
  useEffect(() => {
    if (terminal) return;
    const unsubscribe = subscribeRun(
      runId,
      seqRef.current,
      (e: RunEvent) => {
        const apply = () =>
          setRun((prev) => {
            const next = applyRunEvent(prev, e);
            seqRef.current = next.seq;
            return next;
          });
        // A lone change (a decision, a step finishing) is drawn in this task, not after React's
        // scheduler yields; a burst (a replay after reconnecting) is left to React's batching.
        const now = performance.now();
        if (now - lastEventAt.current > BURST_MS) flushSync(apply);
        else apply();
        lastEventAt.current = now;
        if (NEEDS_SNAPSHOT.has(e.type)) scheduleRefresh();
        if (changesInbox(e.type)) signalInboxChanged();
      },
      (status) => setConnected(status === "SUBSCRIBED"),
      { onSnapshot: applySnapshot },
    );
    return () => {
      unsubscribe();
      clearTimeout(reload.current);
    };
  }, [runId, terminal, scheduleRefresh, applySnapshot]);

  return { run, refresh, connected };
}
