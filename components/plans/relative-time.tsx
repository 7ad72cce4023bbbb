"use client";

import { useNow } from "@/components/use-now";

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31_536_000],
  ["month", 2_592_000],
  ["week", 604_800],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

function format(iso: string, now: number): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of steps) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  return "just now";
}

/**
 * "5 minutes ago", with the exact time (in the viewer's time zone) on hover. Both depend on the
 * viewer's clock and zone, so they appear after hydration; the server renders the UTC minute.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const now = useNow(60_000);
  return (
    <time dateTime={iso} title={now === null ? undefined : new Date(iso).toLocaleString()}>
      {now === null ? `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC` : format(iso, now)}
    </time>
  );
}

/** How long a run has taken so far ("12s", "3m 4s"): live while it runs, fixed once it finished. */
export function Elapsed({ from, to }: { from: string; to: string | null }) {
  const now = useNow(1_000);
  const end = to ? new Date(to).getTime() : now;
  if (end === null) return null;
  const s = Math.max(0, Math.round((end - new Date(from).getTime()) / 1000));
  return <span>{s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`}</span>;
}

/** A time of day in the viewer's time zone (after hydration; the server renders it in UTC). */
export function LocalTime({ iso }: { iso: string }) {
  const mounted = useNow(3_600_000) !== null;
  return <time dateTime={iso}>{mounted ? new Date(iso).toLocaleTimeString() : `${iso.slice(11, 19)} UTC`}</time>;
}
