"use client";

import { TriggerLabel } from "./trigger-label";
import { History } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { RelativeTime } from "@/components/plans/relative-time";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { StatusBadge } from "./status";
import type { RunData } from "./types";

type RunRow = Omit<RunData, "steps" | "approvals"> & { stepCount: number; awaitingApproval: number };

/** The runs of one plan, newest first, from the editor's toolbar. */
export function PlanRunsSheet({
  planId,
  open,
  onOpenChange,
  triggerClassName,
}: {
  planId: string;
  /** Controlled from outside when the trigger is folded away (the toolbar's "More" menu). */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  triggerClassName?: string;
}) {
  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="sm" className={triggerClassName}>
          <History /> Runs
        </Button>
      </SheetTrigger>
      <SheetContent className="w-full sm:w-[26rem] sm:max-w-md">
        <SheetHeader>
          <SheetTitle>Runs of this plan</SheetTitle>
          <SheetDescription>Each run executes the version it started with.</SheetDescription>
        </SheetHeader>
        <PlanRuns planId={planId} />
      </SheetContent>
    </Sheet>
  );
}

/** The list itself: mounted when the sheet opens (Radix unmounts closed content), so every open loads afresh. */
function PlanRuns({ planId }: { planId: string }) {
  const [runs, setRuns] = useState<RunRow[] | null>(null);
  useEffect(() => {
    let alive = true;
    fetch(`/api/runs?planId=${planId}`, { cache: "no-store" })
      .then(async (res) => (res.ok ? ((await res.json()) as { runs: RunRow[] }).runs : []))
      .catch(() => [] as RunRow[])
      .then((r) => alive && setRuns(r));
    return () => {
      alive = false;
    };
  }, [planId]);
  return (
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
            <TriggerLabel trigger={r.trigger} name={r.triggerName} />
            <span className="ml-auto text-xs text-muted-foreground">{r.createdAt ? <RelativeTime iso={r.createdAt} /> : null}</span>
          </Link>
        ))
      )}
    </div>
  );
}
