"use client";

import { Copy, Loader2, RefreshCw } from "lucide-react";
import { useEffect, useState } from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { diffPlans, type PlanDiff } from "@/lib/plan/diff";
import { fetchVersion } from "@/components/plans/api";
import type { Plan } from "@/lib/plan/schema";
import type { Conflict } from "./editor-store";
import { PlanDiffView } from "./plan-diff-view";

export type { Conflict };

interface Props {
  planId: string;
  conflict: Conflict | null;
  canvasPlan: () => Plan;
  onClose: () => void;
  onReload: () => void;
  onSaveCopy: () => Promise<void>;
}

/**
 * Someone saved a newer version than the one this canvas started from. Saving on top would lose
 * their work, so the choice is the user's: reload the latest version, or keep this canvas as a copy.
 */
export function ConflictDialog({ planId, conflict, canvasPlan, onClose, onReload, onSaveCopy }: Props) {
  const [diff, setDiff] = useState<{ version: number; diff: PlanDiff } | null>(null);
  const [copying, setCopying] = useState(false);
  const latest = conflict?.latestVersion;

  useEffect(() => {
    if (!latest) return;
    let stale = false;
    fetchVersion(planId, latest)
      .then((plan) => {
        if (!stale) setDiff({ version: latest, diff: diffPlans(plan, canvasPlan()) });
      })
      .catch(() => {});
    return () => {
      stale = true;
    };
  }, [planId, latest, canvasPlan]);

  return (
    <AlertDialog open={!!conflict} onOpenChange={(o) => !o && onClose()}>
      <AlertDialogContent className="sm:max-w-xl" data-testid="conflict-dialog">
        <AlertDialogHeader>
          <AlertDialogTitle>This plan was saved by someone else</AlertDialogTitle>
          <AlertDialogDescription>
            Version {conflict?.latestVersion} was saved after version {conflict?.baseVersion}, which your canvas is based on. Saving now would overwrite it, so
            nothing was saved. Reload the latest version (your unsaved changes are discarded), or save your canvas as a new plan.
          </AlertDialogDescription>
        </AlertDialogHeader>
        {diff && diff.version === latest && (
          <div className="max-h-64 overflow-y-auto rounded-md border p-3">
            <p className="mb-2 text-xs font-medium text-muted-foreground">From v{latest} to your canvas</p>
            <PlanDiffView diff={diff.diff} />
          </div>
        )}
        <AlertDialogFooter>
          <AlertDialogCancel>Keep editing</AlertDialogCancel>
          <Button
            variant="outline"
            disabled={copying}
            onClick={async () => {
              setCopying(true);
              try {
                await onSaveCopy();
              } finally {
                setCopying(false);
              }
            }}
          >
            {copying ? <Loader2 className="animate-spin" /> : <Copy />} Save as a copy
          </Button>
          <Button onClick={onReload}>
            <RefreshCw /> Reload latest (v{conflict?.latestVersion})
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
