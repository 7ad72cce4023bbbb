"use client";

import { Inbox } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { cn } from "@/lib/utils";
import { onInboxChanged } from "./inbox-signal";

/** Runs this tab does not watch (another reviewer's decision, a gate expiring) show up within this. */
const FALLBACK_POLL_MS = 15_000;

/**
 * Steps waiting for the current user's decision: reloaded as soon as this tab or another learns the
 * inbox changed (a run's live events, a decision), on focus, and by a slow poll for everything else.
 */
export function useInboxCount(): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let alive = true;
    let soon: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const res = await fetch("/api/inbox?count=1", { cache: "no-store" });
        if (res.ok && alive) setCount(((await res.json()) as { count: number }).count);
      } catch {
        // offline for a moment: keep the last count
      }
    };
    // A burst of events (a run finishing) costs one request.
    const loadSoon = () => {
      clearTimeout(soon);
      soon = setTimeout(() => void load(), 50);
    };
    void load();
    const t = setInterval(load, FALLBACK_POLL_MS);
    const off = onInboxChanged(loadSoon);
    window.addEventListener("focus", loadSoon);
    return () => {
      alive = false;
      clearInterval(t);
      clearTimeout(soon);
      off();
      window.removeEventListener("focus", loadSoon);
    };
  }, []);
  return count;
}

/** "Inbox (n)" in the navigation. */
export function InboxLink({ className, current }: { className?: string; current?: boolean }) {
  const count = useInboxCount();
  return (
    <Link
      href="/inbox"
      aria-current={current ? "page" : undefined}
      className={cn("flex items-center gap-1.5 rounded-md px-2 py-1 hover:bg-accent hover:text-accent-foreground", current && "text-foreground", className)}
    >
      <Inbox className="size-3.5" aria-hidden /> Inbox
      {count ? (
        <span data-testid="inbox-count" className="rounded-full bg-approval px-1.5 text-[11px] font-semibold text-approval-foreground">
          {count}
        </span>
      ) : null}
    </Link>
  );
}
