"use client";

import { Inbox } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";

/** "Inbox (n)" in the navigation: steps waiting for the current user's decision, refreshed every few seconds. */
export function InboxLink() {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let alive = true;
    const load = async () => {
      try {
        const res = await fetch("/api/inbox?count=1", { cache: "no-store" });
        if (res.ok && alive) setCount(((await res.json()) as { count: number }).count);
      } catch {
        // offline for a moment: keep the last count
      }
    };
    void load();
    const t = setInterval(load, 5000);
    window.addEventListener("focus", load);
    return () => {
      alive = false;
      clearInterval(t);
      window.removeEventListener("focus", load);
    };
  }, []);
  return (
    <Link href="/inbox" className="flex items-center gap-1.5 rounded-md px-2 py-1 hover:bg-accent hover:text-accent-foreground">
      <Inbox className="size-3.5" aria-hidden /> Inbox
      {count ? (
        <span data-testid="inbox-count" className="rounded-full bg-status-awaiting px-1.5 text-[11px] font-semibold text-white">
          {count}
        </span>
      ) : null}
    </Link>
  );
}
