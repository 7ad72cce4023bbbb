/**
 * PGlite answers in microtasks — PostgreSQL runs as WASM in this thread, with no I/O to wait for —
 * so a chain of queries (the engine driving a run: tens of statements, one after another) never
 * returns to the event loop. Meanwhile nothing else happens: Node flushes a socket write (an SSE
 * frame, a response) on the next tick, which waits for the whole chain, and incoming requests wait
 * too. Measured (scripts/bench-realtime.ts): a run's status change written to its SSE streams left
 * the process 20–90 ms later, behind the engine's next step. A network database yields on every
 * round trip; this makes a query yield once (a macrotask) when the current turn of the event loop
 * has already run `SLICE_MS`, which bounds that wait without slowing short chains.
 */
const SLICE_MS = 4;

let turnStartedAt: number | null = null;

export function yieldIfLongTurn(): Promise<void> | undefined {
  const now = performance.now();
  if (turnStartedAt === null) {
    turnStartedAt = now;
    // Runs once this turn's microtasks are done: the next query starts a new turn.
    setImmediate(() => {
      turnStartedAt = null;
    });
    return undefined;
  }
  if (now - turnStartedAt < SLICE_MS) return undefined;
  return new Promise<void>((resolve) => setImmediate(resolve));
}
