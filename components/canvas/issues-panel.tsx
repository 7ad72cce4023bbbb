"use client";

import { AlertCircle, AlertTriangle, CheckCircle2, X } from "lucide-react";
import { memo } from "react";
import { Button } from "@/components/ui/button";
import type { EditorIssue } from "@/lib/plan/check";

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/** Every problem of the plan by JSON path; clicking one selects the step it is about. */
export const IssuesPanel = memo(function IssuesPanel({
  issues,
  onPick,
  onClose,
}: {
  issues: EditorIssue[];
  onPick: (issue: EditorIssue) => void;
  onClose: () => void;
}) {
  return (
    <section
      className="absolute right-3 bottom-3 left-3 z-10 flex max-h-56 flex-col overflow-hidden rounded-lg border bg-card shadow-lg"
      aria-label="Issues"
      data-testid="issues-panel"
    >
      <header className="flex items-center gap-2 border-b px-3 py-1.5">
        <h2 className="text-sm font-semibold">Issues</h2>
        <span className="text-xs text-muted-foreground">
          {count(issues.filter((i) => i.severity === "error").length, "error")} · {count(issues.filter((i) => i.severity === "warning").length, "warning")}
        </span>
        <Button variant="ghost" size="icon" className="ml-auto size-7" onClick={onClose} aria-label="Close issues">
          <X />
        </Button>
      </header>
      {issues.length === 0 ? (
        <p className="flex items-center gap-2 p-3 text-sm text-muted-foreground">
          <CheckCircle2 className="size-4 text-emerald-600" aria-hidden /> No problems: this plan can be saved and run.
        </p>
      ) : (
        <ul className="overflow-y-auto py-1">
          {issues.map((i, k) => {
            const Icon = i.severity === "error" ? AlertCircle : AlertTriangle;
            return (
              <li key={`${i.path}:${k}`}>
                <button
                  type="button"
                  onClick={() => onPick(i)}
                  className="flex w-full items-start gap-2 px-3 py-1 text-left text-sm hover:bg-accent"
                  data-testid="issue"
                >
                  <Icon className={i.severity === "error" ? "mt-0.5 size-4 shrink-0 text-destructive" : "mt-0.5 size-4 shrink-0 text-approval"} aria-hidden />
                  <code className="shrink-0 font-mono text-xs leading-5">{i.path}</code>
                  <span className="min-w-0 text-muted-foreground">{i.message}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
});
