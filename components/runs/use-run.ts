"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { applyRunEvent, NEEDS_SNAPSHOT } from "@/lib/realtime/apply";
import type { RunEvent } from "@/lib/realtime/run-events";
import { isTerminal } from "@/lib/runs/status";
import type { RunData } from "./types";

/**
 * The live state of a run: the snapshot, then every event after its seq from the run's event
 * stream (Server-Sent Events; the browser resumes with Last-Event-ID after a drop). Statuses apply
 * at once; outputs and the approval audit come with a snapshot reload.
 */
export function useRun(runId: string, initial: RunData) {
  const [run, setRun] = useState<RunData>(initial);
  const [connected, setConnected] = useState(false);
  const seqRef = useRef(initial.seq);
  const reload = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refresh = useCallback(async () => {
    const res = await fetch(`/api/runs/${runId}`, { cache: "no-store" });
    if (!res.ok) return;
    const next = (await res.json()) as RunData;
    setRun((prev) => {
      if (next.seq < prev.seq) return prev; // an older snapshot must not roll the view back
      seqRef.current = next.seq;
      return next;
    });
  }, [runId]);

  const scheduleRefresh = useCallback(() => {
    clearTimeout(reload.current);
    reload.current = setTimeout(() => void refresh(), 40);
  }, [refresh]);

  const terminal = isTerminal(run.status);
  useEffect(() => {
    if (terminal) return;
    const es = new EventSource(`/api/runs/${runId}/events?after=${seqRef.current}`);
    es.onopen = () => setConnected(true);
    es.onerror = () => setConnected(false);
    es.onmessage = (m) => {
      const e = JSON.parse(m.data) as RunEvent;
      setRun((prev) => {
        const next = applyRunEvent(prev, e);
        seqRef.current = next.seq;
        return next;
      });
      if (NEEDS_SNAPSHOT.has(e.type)) scheduleRefresh();
      if (e.type === "run.finished") es.close();
    };
    return () => {
      es.close();
      clearTimeout(reload.current);
    };
  }, [runId, terminal, scheduleRefresh]);

  return { run, refresh, connected };
}
