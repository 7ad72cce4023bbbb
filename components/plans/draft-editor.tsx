"use client";

import { FileQuestion } from "lucide-react";
import Link from "next/link";
import { useMemo, useSyncExternalStore } from "react";
import { PlanEditor } from "@/components/canvas/plan-editor";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { PLAN_LIMITS } from "@/lib/plan/schema";
import { validatePlan } from "@/lib/plan/validate";
import { parseDraft, readDraftText, subscribeDraft } from "./draft";
import { GoalPlanStream } from "./goal-plan-stream";

/** The canvas for a plan that was imported but not saved yet (kept in sessionStorage). */
export function DraftEditor({ goal }: { goal?: string }) {
  // undefined on the server (no sessionStorage there), the stored text in the browser.
  const raw = useSyncExternalStore(subscribeDraft, readDraftText, () => undefined);
  const draft = useMemo(() => {
    if (raw === undefined) return undefined;
    const r = validatePlan(parseDraft(raw), { maxSteps: PLAN_LIMITS.maxImportSteps });
    return r.ok ? r.plan : null;
  }, [raw]);
  if (goal) return <GoalPlanStream goal={goal} />;
  if (draft === undefined) return <Skeleton className="m-6 h-[60vh]" />;
  if (draft === null) {
    return (
      <div className="flex h-full flex-col items-center justify-center gap-3 text-center">
        <FileQuestion className="size-8 text-muted-foreground" aria-hidden />
        <p className="font-medium">No imported plan to show</p>
        <p className="text-sm text-muted-foreground">Import a plan from the plan list to open it here.</p>
        <Button asChild variant="outline">
          <Link href="/">Back to plans</Link>
        </Button>
      </div>
    );
  }
  return <PlanEditor planId={null} version={null} plan={draft} />;
}
