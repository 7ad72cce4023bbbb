import { useCallback, useRef } from "react";

/** A random key; `crypto.randomUUID` exists only in secure contexts (not on plain http://<lan-ip>). */
function randomKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/**
 * One Idempotency-Key per user intent: every request made for it (a double click, a retry after a
 * network error) sends the same key, so the server starts one run. `settle()` after an answer
 * arrived, so the next click is a new intent.
 */
export function useIdempotencyKey() {
  const key = useRef<string | null>(null);
  const current = useCallback(() => (key.current ??= randomKey()), []);
  const settle = useCallback(() => {
    key.current = null;
  }, []);
  return { current, settle };
}
