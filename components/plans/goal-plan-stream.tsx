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
import { PLANNER_URL } from "./api";
import { plannerOutputToPlan, type PlannerDraft } from "@/lib/planner/normalize";
import { storeDraft } from "./draft";

// What the stream must add up to; the server applies the full per-tool schema.
const plannerDraftSchema = z.object({
  title: z.string(),
  steps: z.array(
    z.object({ toolName: z.string(), description: z.string(), requiresApproval: z.boolean(), input: z.record(z.string(), z.unknown()).nullable() }),
  ),
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
      storeDraft(r.plan);
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
  const steps = partial?.steps.length ?? 0;
  const failure = problem ?? error?.message ?? null;

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
