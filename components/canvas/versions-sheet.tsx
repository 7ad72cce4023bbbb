"use client";

import { History, Loader2, RotateCcw } from "lucide-react";
import { useCallback, useMemo, useState } from "react";
import { fetchVersion, listVersions, type VersionRow } from "@/components/plans/api";
import { RelativeTime } from "@/components/plans/relative-time";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { diffPlans } from "@/lib/plan/diff";
import type { Plan } from "@/lib/plan/schema";
import { cn } from "@/lib/utils";
import { PlanDiffView } from "./plan-diff-view";

interface Props {
  planId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The version the canvas was loaded from / last saved as. */
  current: number | null;
  canvasPlan: () => Plan;
  onRestore: (version: number, plan: Plan) => Promise<void>;
  onStepClick: (id: string) => void;
  triggerClassName?: string;
}

/** Every saved version; pick one to compare it with the canvas field by field, or restore it. */
export function VersionsSheet({ planId, open, onOpenChange, current, canvasPlan, onRestore, onStepClick, triggerClassName }: Props) {
  const [versions, setVersions] = useState<VersionRow[] | null>(null);
  const [picked, setPicked] = useState<{ version: number; plan: Plan } | null>(null);
  const [loading, setLoading] = useState<number | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = useCallback(
    async (version: number) => {
      setLoading(version);
      setError(null);
      try {
        setPicked({ version, plan: await fetchVersion(planId, version) });
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setLoading(null);
      }
    },
    [planId],
  );

  const load = useCallback(async () => {
    setVersions(null);
    setPicked(null);
    setError(null);
    try {
      const versions = await listVersions(planId);
      setVersions(versions);
      const older = versions.find((v) => v.version !== current) ?? versions[0];
      if (older) void pick(older.version);
    } catch (e) {
      setError((e as Error).message);
      setVersions([]);
    }
  }, [planId, current, pick]);

  // Compared when the sheet renders, so edits made with the sheet open are reflected on reopen.
  const diff = useMemo(() => (picked && open ? diffPlans(picked.plan, canvasPlan()) : null), [picked, open, canvasPlan]);

  return (
    <Sheet
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o);
        if (o) void load();
      }}
    >
      <SheetTrigger asChild>
        <Button variant="ghost" size="sm" className={triggerClassName}>
          <History /> Versions
        </Button>
      </SheetTrigger>
      <SheetContent className="w-full sm:w-[34rem] sm:max-w-xl" data-testid="versions-sheet">
        <SheetHeader>
          <SheetTitle className="flex items-center gap-2">
            <History className="size-4" aria-hidden /> Version history
          </SheetTitle>
          <SheetDescription>Every save is a version. Pick one to see how it differs from the canvas, or restore it as a new version.</SheetDescription>
        </SheetHeader>
        <div className="flex min-h-0 flex-1 gap-3 px-4 pb-4">
          <ol className="flex w-40 shrink-0 flex-col gap-1 overflow-y-auto" aria-label="Versions" data-testid="version-list">
            {versions === null && <li className="text-sm text-muted-foreground">Loading…</li>}
            {versions?.map((v) => (
              <li key={v.version}>
                <button
                  type="button"
                  onClick={() => void pick(v.version)}
                  aria-current={picked?.version === v.version ? "true" : undefined}
                  data-testid="version-item"
                  className={cn(
                    "flex w-full flex-col rounded-md border px-2 py-1.5 text-left text-sm transition-colors hover:bg-accent",
                    picked?.version === v.version && "border-primary bg-accent",
                  )}
                >
                  <span className="flex items-center gap-1.5 font-medium">
                    v{v.version}
                    {v.version === current && <span className="rounded bg-muted px-1 text-[10px] font-normal text-muted-foreground">loaded</span>}
                    {loading === v.version && <Loader2 className="size-3 animate-spin" aria-hidden />}
                  </span>
                  <span className="text-xs text-muted-foreground">
                    {v.stepCount} steps · <RelativeTime iso={v.createdAt} />
                  </span>
                  {v.createdBy?.name && <span className="truncate text-xs text-muted-foreground">{v.createdBy.name}</span>}
                </button>
              </li>
            ))}
          </ol>
          <div className="flex min-w-0 flex-1 flex-col gap-3 overflow-y-auto" data-testid="version-diff">
            {error && <p className="text-sm text-destructive">{error}</p>}
            {picked && diff ? (
              <>
                <div className="flex items-center justify-between gap-2">
                  <h3 className="text-sm font-semibold">v{picked.version} → canvas</h3>
                  <Button
                    size="sm"
                    variant="outline"
                    disabled={restoring || diff.same}
                    onClick={async () => {
                      setRestoring(true);
                      try {
                        await onRestore(picked.version, picked.plan);
                      } finally {
                        setRestoring(false);
                      }
                    }}
                  >
                    {restoring ? <Loader2 className="animate-spin" /> : <RotateCcw />} Restore v{picked.version}
                  </Button>
                </div>
                <p className="text-xs text-muted-foreground">
                  What changed from version {picked.version} to what is on the canvas now. Restoring saves version {picked.version}&apos;s content as a new
                  version.
                </p>
                <PlanDiffView diff={diff} onStepClick={onStepClick} />
              </>
            ) : (
              !error && versions?.length === 0 && <p className="text-sm text-muted-foreground">No versions yet.</p>
            )}
          </div>
        </div>
      </SheetContent>
    </Sheet>
  );
}
