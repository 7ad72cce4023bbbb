"use client";

import { Check, CheckCheck, Sparkles, X } from "lucide-react";
import { memo } from "react";
import { Button } from "@/components/ui/button";
import type { StepDiff } from "@/lib/plan/diff";
import { StepDiffCard } from "./plan-diff-view";

interface Props {
  summary: string;
  source: string;
  pending: StepDiff[];
  onAccept: (id: string) => void;
  onReject: (id: string) => void;
  onAcceptAll: () => void;
  onRejectAll: () => void;
  onStepClick: (id: string) => void;
}

/** The AI proposal under review: what it changes, step by step, each accepted or rejected. */
export const ProposalPanel = memo(function ProposalPanel({ summary, source, pending, onAccept, onReject, onAcceptAll, onRejectAll, onStepClick }: Props) {
  return (
    <div className="flex flex-col gap-4 p-4" data-testid="proposal-panel">
      <div className="flex flex-col gap-1">
        <h2 className="flex items-center gap-1.5 font-semibold">
          <Sparkles className="size-4 text-violet-500" aria-hidden /> AI proposal
        </h2>
        <p className="text-xs text-muted-foreground">{source}</p>
      </div>
      <p className="rounded-md bg-muted p-3 text-sm" data-testid="proposal-summary">
        {summary}
      </p>
      <div className="flex gap-2">
        <Button size="sm" onClick={onAcceptAll}>
          <CheckCheck /> Accept all
        </Button>
        <Button size="sm" variant="outline" onClick={onRejectAll}>
          <X /> Reject all
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        {pending.length} change{pending.length === 1 ? "" : "s"} to review. On the canvas:{" "}
        <span className="font-medium text-emerald-700 dark:text-emerald-400">added</span>,{" "}
        <span className="font-medium text-red-700 dark:text-red-400">removed</span>,{" "}
        <span className="font-medium text-amber-700 dark:text-amber-400">changed</span>.
      </p>
      <ul className="flex flex-col gap-2">
        {pending.map((c) => (
          <StepDiffCard key={`${c.kind}:${c.id}`} change={c} onClick={() => onStepClick(c.id)}>
            <div className="flex gap-2">
              <Button size="sm" variant="outline" className="h-7" onClick={() => onAccept(c.id)} aria-label={`Accept ${c.kind} ${c.id}`}>
                <Check className="text-emerald-600" /> Accept
              </Button>
              <Button size="sm" variant="outline" className="h-7" onClick={() => onReject(c.id)} aria-label={`Reject ${c.kind} ${c.id}`}>
                <X className="text-red-600" /> Reject
              </Button>
            </div>
          </StepDiffCard>
        ))}
      </ul>
    </div>
  );
});
