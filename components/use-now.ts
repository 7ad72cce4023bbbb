"use client";

import { useSyncExternalStore } from "react";

/**
 * The current time rounded down to `stepMs`, re-rendering when it changes — and null while the
 * server renders and the client hydrates, so clock-dependent text never differs between the two
 * (a hydration mismatch); it appears right after.
 */
const stores = new Map<number, { subscribe: (onChange: () => void) => () => void; get: () => number }>();
function store(stepMs: number) {
  let s = stores.get(stepMs);
  if (!s) {
    s = {
      subscribe: (onChange) => {
        const t = setInterval(onChange, Math.min(stepMs, 15_000));
        return () => clearInterval(t);
      },
      get: () => Math.floor(Date.now() / stepMs) * stepMs,
    };
    stores.set(stepMs, s);
  }
  return s;
}
const serverSnapshot = () => null;

export function useNow(stepMs = 60_000): number | null {
  const s = store(stepMs);
  return useSyncExternalStore(s.subscribe, s.get, serverSnapshot);
}
