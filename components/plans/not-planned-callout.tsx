"use client";

import { CircleSlash, X } from "lucide-react";
import type { NotPlannedPart } from "@/lib/planner/schema";
import { Button } from "@/components/ui/button";

/**
 * The parts of a goal the planner could not map to a tool, said out loud next to the plan: the
 * plan does the rest, and these are left for a person (or a tool Planvas does not have).
 */
export function NotPlannedCallout({ parts, onDismiss }: { parts: NotPlannedPart[]; onDismiss?: () => void }) {
  if (parts.length === 0) return null;
  return (
    <section
      role="status"
      aria-labelledby="not-planned-title"
      data-testid="not-planned"
      className="flex items-start gap-3 border-b border-amber-300/60 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-500/30 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <CircleSlash className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" aria-hidden />
      <div className="min-w-0 flex-1">
        <h2 id="not-planned-title" className="font-medium">
          Not planned{parts.length > 1 ? ` (${parts.length} parts of the goal)` : ""}
        </h2>
        <ul className="mt-0.5 flex flex-col gap-0.5">
          {parts.map((p) => (
            <li key={p.part} data-testid="not-planned-part">
              <span className="font-medium">{p.part}</span>
              <span className="text-amber-800 dark:text-amber-200/80"> — {p.reason}</span>
            </li>
          ))}
        </ul>
      </div>
      {onDismiss && (
        <Button
          variant="ghost"
          size="icon"
          className="size-7 shrink-0 text-amber-800 hover:bg-amber-100 dark:text-amber-200 dark:hover:bg-amber-900/50"
          onClick={onDismiss}
          aria-label="Dismiss what was not planned"
        >
          <X />
        </Button>
      )}
    </section>
  );
}
