"use client";

import { useObject } from "@ai-sdk/react";
import { AlertCircle, Loader2, Square } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { z } from "zod";
import { PlanPreview } from "@/components/canvas/plan-preview";
import { Button } from "@/components/ui/button";
import type { Plan } from "@/lib/plan/schema";
import { notPlannedOf, plannerOutputToPlan, type PlannerDraft } from "@/lib/planner/normalize";
import { PLANNER_URL } from "./api";
import { storeDraft } from "./draft";
import { GoalForm } from "./goal-form";
import { NotPlannedCallout } from "./not-planned-callout";
import { plannerFailure } from "./planner-failure";

// What the stream must add up to; the server applies the full per-tool schema. notPlanned may be
// absent (an answer from before the field existed).
const plannerDraftSchema = z.object({
  title: z.string(),
  steps: z.array(
    z.object({ toolName: z.string(), description: z.string(), requiresApproval: z.boolean(), input: z.record(z.string(), z.unknown()).nullable() }),
  ),
  notPlanned: z.array(z.object({ part: z.string(), reason: z.string() })).nullish(),
});

/** Streams a plan for `goal` onto a canvas; when it is complete it opens as an unsaved draft. */
export function GoalPlanStream({ goal }: { goal: string }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const { object, submit, isLoading, error, stop } = useObject({
    api: PLANNER_URL,
    schema: plannerDraftSchema,
    onFinish: ({ object: done, error: err }) => {
      if (err || !done) {
        setProblem(err ? err.message : "the planner returned nothing");
        return;
      }
      const r = plannerOutputToPlan(done as PlannerDraft, goal);
      if (!r.ok) {
        setProblem(r.issues.map((i) => `${i.path}: ${i.message}`).join("; "));
        return;
      }
      storeDraft(r.plan, notPlannedOf(done as PlannerDraft), goal);
      router.replace("/plans/new");
    },
  });

  // Submit once per goal (StrictMode runs effects twice in development).
  const started = useRef<string | null>(null);
  useEffect(() => {
    if (started.current === goal) return;
    started.current = goal;
    submit({ goal });
  }, [goal, submit]);

  const partial: Plan | null = useMemo(() => {
    const r = plannerOutputToPlan((object ?? {}) as PlannerDraft, goal);
    return r.ok ? r.plan : null;
  }, [object, goal]);
  const notPlanned = useMemo(() => notPlannedOf((object ?? {}) as PlannerDraft), [object]);
  const steps = partial?.steps.length ?? 0;
  const failed = error ? plannerFailure(error.message) : null;
  const failure = problem ?? failed?.message ?? null;

  // Nothing in the goal could be planned: back to the goal box, with why and what would work.
  if (failed?.refused)
    return (
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-3 p-6" data-testid="goal-refused">
        <h1 className="text-xl font-semibold tracking-tight">Nothing to plan yet</h1>
        <GoalForm problem={{ goal, message: failed.message, hint: failed.hint }} />
      </div>
    );

  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-b px-4 py-2 text-sm" aria-live="polite">
        {failure ? <AlertCircle className="size-4 text-destructive" aria-hidden /> : <Loader2 className="size-4 animate-spin text-primary" aria-hidden />}
        <div className="min-w-0">
          <p className="truncate font-medium">{partial?.title ?? goal}</p>
          <p className="text-xs text-muted-foreground" data-testid="planning-status">
            {failure ? `Planning failed: ${failure}` : isLoading ? `Planning… ${steps} step${steps === 1 ? "" : "s"} so far` : "Opening the plan…"}
          </p>
        </div>
        <div className="ml-auto flex gap-2">
          {isLoading && (
            <Button variant="outline" size="sm" onClick={stop}>
              <Square /> Stop
            </Button>
          )}
          {failure && (
            <Button variant="outline" size="sm" asChild>
              <Link href="/">Back</Link>
            </Button>
          )}
        </div>
      </div>
      <NotPlannedCallout parts={notPlanned} />
      <div className="min-h-0 flex-1" data-testid="canvas">
        {partial && steps > 0 ? (
          <PlanPreview plan={partial} />
        ) : (
          <div className="flex h-full items-center justify-center text-sm text-muted-foreground">Waiting for the first step…</div>
        )}
      </div>
    </div>
  );
}
