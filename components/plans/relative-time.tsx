"use client";

import { useSyncExternalStore } from "react";

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

/** "5 minutes ago", with the exact time on hover; rendered after mount so server and client agree. */
// A clock that ticks once a minute; the snapshot only changes when the minute does.
const subscribeMinute = (onTick: () => void) => {
  const t = setInterval(onTick, 15_000);
  return () => clearInterval(t);
};
const currentMinute = () => Math.floor(Date.now() / 60_000) * 60_000;

export function RelativeTime({ iso }: { iso: string }) {
  const now = useSyncExternalStore(subscribeMinute, currentMinute, () => null);
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {now === null ? new Date(iso).toISOString().slice(0, 16).replace("T", " ") : format(iso, now)}
    </time>
  );
}
