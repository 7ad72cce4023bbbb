"use client";

import { useMemo, useState, useSyncExternalStore } from "react";
import { PlanEditor } from "@/components/canvas/plan-editor";
import { Skeleton } from "@/components/ui/skeleton";
import { PLAN_LIMITS, type Plan } from "@/lib/plan/schema";
import { validatePlan } from "@/lib/plan/validate";
import { parseDraft, parseNotPlanned, readDraftGoal, readDraftText, readNotPlannedText, subscribeDraft } from "./draft";
import { GoalPlanStream } from "./goal-plan-stream";
import { NotPlannedCallout } from "./not-planned-callout";
import { TemplateSuggestionCallout } from "./template-suggestion";

/** What /plans/new opens when nothing was imported: a blank plan to build from the palette. */
export const BLANK_PLAN: Plan = { title: "Untitled plan", steps: [] };

/**
 * The canvas for a plan that was imported but not saved yet (kept in sessionStorage), or a blank
 * plan when there is no import.
 */
export function DraftEditor({ goal }: { goal?: string }) {
  // undefined on the server (no sessionStorage there), the stored text in the browser.
  const raw = useSyncExternalStore(subscribeDraft, readDraftText, () => undefined);
  const draft = useMemo(() => {
    if (raw === undefined) return undefined;
    const r = validatePlan(parseDraft(raw), { maxSteps: PLAN_LIMITS.maxImportSteps });
    return r.ok ? r.plan : null;
  }, [raw]);
  const notPlannedRaw = useSyncExternalStore(subscribeDraft, readNotPlannedText, () => undefined);
  const notPlanned = useMemo(() => parseNotPlanned(notPlannedRaw), [notPlannedRaw]);
  const [dismissed, setDismissed] = useState(false);
  const draftGoal = useSyncExternalStore(subscribeDraft, readDraftGoal, () => null);
  if (goal) return <GoalPlanStream goal={goal} />;
  if (draft === undefined) return <Skeleton className="m-6 h-[60vh]" />;
  const banner = draft ? (
    <>
      {draftGoal && <TemplateSuggestionCallout goal={draftGoal} plan={draft} />}
      {!dismissed && <NotPlannedCallout parts={notPlanned} onDismiss={() => setDismissed(true)} />}
    </>
  ) : null;
  return <PlanEditor planId={null} version={null} plan={draft ?? BLANK_PLAN} banner={banner} />;
}
