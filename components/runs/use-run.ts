"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { isTerminal } from "@/lib/runs/status";
import type { RunData } from "./types";

/**
 * The live state of a run. Loads the snapshot and keeps it current while the run is active.
 * `refresh()` reloads at once (after a decision, say).
 */
export function useRun(runId: string, initial: RunData) {
  const [run, setRun] = useState<RunData>(initial);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(initial.seq);

  const refresh = useCallback(async () => {
    try {
      const res = await fetch(`/api/runs/${runId}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const next = (await res.json()) as RunData;
      // Apply only newer states: a slow response must not roll the view back.
      if (next.seq >= latest.current) {
        latest.current = next.seq;
        setRun(next);
      }
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [runId]);

  const active = !isTerminal(run.status);
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => void refresh(), 700);
    return () => clearInterval(t);
  }, [active, refresh]);

  return { run, refresh, error };
}
