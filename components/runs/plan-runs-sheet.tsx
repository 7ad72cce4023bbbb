"use client";

import { History } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { RelativeTime } from "@/components/plans/relative-time";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { StatusBadge } from "./status";
import type { RunData } from "./types";

type RunRow = Omit<RunData, "steps" | "approvals"> & { stepCount: number; awaitingApproval: number };

/** The runs of one plan, newest first, from the editor's toolbar. */
export function PlanRunsSheet({ planId }: { planId: string }) {
  const [runs, setRuns] = useState<RunRow[] | null>(null);
  const load = async () => {
    const res = await fetch(`/api/runs?planId=${planId}`, { cache: "no-store" });
    setRuns(res.ok ? ((await res.json()) as { runs: RunRow[] }).runs : []);
  };
  return (
    <Sheet onOpenChange={(open) => open && void load()}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="sm">
          <History /> Runs
        </Button>
      </SheetTrigger>
      <SheetContent className="w-[26rem] sm:max-w-md">
        <SheetHeader>
          <SheetTitle>Runs of this plan</SheetTitle>
          <SheetDescription>Each run executes the version it started with.</SheetDescription>
        </SheetHeader>
        <div className="flex flex-col gap-2 px-4" data-testid="plan-runs">
          {runs === null ? (
            <p className="text-sm text-muted-foreground">Loading…</p>
          ) : runs.length === 0 ? (
            <p className="text-sm text-muted-foreground">No runs yet. Press Run to start one.</p>
          ) : (
            runs.map((r) => (
              <Link key={r.id} href={`/runs/${r.id}`} className="flex items-center gap-2 rounded-md border p-2 text-sm hover:bg-accent">
                <StatusBadge status={r.status} />
                <span className="text-muted-foreground">v{r.version}</span>
                {r.rerunOf && <span className="text-xs text-muted-foreground">rerun from {r.rerunFrom}</span>}
                <span className="ml-auto text-xs text-muted-foreground">{r.createdAt ? <RelativeTime iso={r.createdAt} /> : null}</span>
              </Link>
            ))
          )}
        </div>
      </SheetContent>
    </Sheet>
  );
}
