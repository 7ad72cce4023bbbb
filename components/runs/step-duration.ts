/** "850 ms", "4.2 s", "3m 05s", "2h 10m". */
export function formatDuration(ms: number): string {
  const d = Math.max(0, Math.round(ms));
  if (d < 1000) return `${d} ms`;
  if (d < 60_000) return `${(d / 1000).toFixed(1)} s`;
  const s = Math.floor(d / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/**
 * How long a step took: from startedAt to finishedAt, or to `now` while it has not finished yet.
 * "—" only when it never started (or, still going, before the clock is known on the client). A
 * step reused from an earlier run did not run here.
 */
export function stepDuration(step: { startedAt: string | null; finishedAt: string | null; reused?: boolean }, now: number | null): string {
  if (!step.startedAt) return step.reused ? "reused" : "—";
  const start = new Date(step.startedAt).getTime();
  const end = step.finishedAt ? new Date(step.finishedAt).getTime() : now;
  if (end === null || Number.isNaN(start) || Number.isNaN(end)) return "—";
  return formatDuration(end - start);
}
