"use client";

import { ArrowRight } from "lucide-react";
import { formatValue, type PlanDiff, type StepDiff } from "@/lib/plan/diff";
import { getTool } from "@/lib/tools/catalog";
import { cn } from "@/lib/utils";
import { ToolIcon } from "./tool-icon";

export const KIND_STYLE: Record<StepDiff["kind"], { label: string; className: string }> = {
  added: { label: "Added", className: "bg-emerald-700 text-white" },
  removed: { label: "Removed", className: "bg-red-700 text-white" },
  changed: { label: "Changed", className: "bg-amber-500 text-amber-950" },
};

const FIELD_LABEL: Record<string, string> = {
  toolName: "Tool",
  description: "Description",
  requiresApproval: "Requires approval",
  approvalTimeout: "Approval timeout",
  approvalRule: "Who approves",
  dependsOn: "Depends on",
  position: "Position",
  stepIndex: "Order",
  origin: "Provenance",
};

export function fieldLabel(field: string): string {
  return FIELD_LABEL[field] ?? (field.startsWith("input.") ? `Input ${field.slice(6)}` : field);
}

export function DiffCounts({ diff }: { diff: PlanDiff }) {
  const parts = (["added", "removed", "changed"] as const).filter((k) => diff.counts[k] > 0);
  if (!parts.length && !diff.title) return <span className="text-sm text-muted-foreground">No differences.</span>;
  return (
    <span className="flex flex-wrap gap-1.5" data-testid="diff-counts">
      {parts.map((k) => (
        <span key={k} className={cn("rounded px-1.5 py-0.5 text-xs font-medium", KIND_STYLE[k].className)}>
          {diff.counts[k]} {k}
        </span>
      ))}
      {diff.title && <span className="rounded border px-1.5 py-0.5 text-xs">title changed</span>}
    </span>
  );
}

export function FieldChanges({ changes }: { changes: StepDiff["changes"] }) {
  return (
    <dl className="flex flex-col gap-1.5 text-xs">
      {changes.map((c) => (
        <div key={c.field} className="grid grid-cols-[7rem_1fr] gap-2" data-testid="field-change" data-field={c.field}>
          <dt className="text-muted-foreground">{fieldLabel(c.field)}</dt>
          <dd className="flex min-w-0 flex-wrap items-center gap-1">
            <span className="rounded bg-red-500/10 px-1 break-all text-red-700 line-through dark:text-red-300">{formatValue(c.before)}</span>
            <ArrowRight className="size-3 shrink-0 text-muted-foreground" aria-hidden />
            <span className="rounded bg-emerald-500/10 px-1 break-all text-emerald-700 dark:text-emerald-300">{formatValue(c.after)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function StepDiffCard({ change, children, onClick }: { change: StepDiff; children?: React.ReactNode; onClick?: () => void }) {
  const step = change.after ?? change.before!;
  const tool = getTool(step.toolName);
  const style = KIND_STYLE[change.kind];
  return (
    <li className="flex flex-col gap-2 rounded-md border p-3" data-testid="step-diff" data-kind={change.kind} data-step-id={change.id}>
      <button type="button" className="flex items-start gap-2 text-left" onClick={onClick}>
        <span className={cn("mt-0.5 shrink-0 rounded px-1.5 py-0.5 text-[11px] font-semibold", style.className)}>{style.label}</span>
        <ToolIcon name={tool?.icon} className="mt-1 size-3.5 shrink-0 text-muted-foreground" />
        <span className="min-w-0">
          <span className="block text-sm font-medium">
            {tool?.title ?? step.toolName} <span className="font-mono text-xs text-muted-foreground">{change.id}</span>
          </span>
          <span className={cn("line-clamp-2 text-xs text-muted-foreground", change.kind === "removed" && "line-through")}>{step.description}</span>
        </span>
      </button>
      {change.kind === "changed" && <FieldChanges changes={change.changes} />}
      {children}
    </li>
  );
}

/** A plan diff: steps added, removed and changed, field by field. */
export function PlanDiffView({ diff, onStepClick }: { diff: PlanDiff; onStepClick?: (id: string) => void }) {
  return (
    <div className="flex flex-col gap-3" data-testid="plan-diff">
      <DiffCounts diff={diff} />
      {diff.title && <FieldChanges changes={[diff.title]} />}
      {diff.steps.length > 0 && (
        <ul className="flex flex-col gap-2">
          {diff.steps.map((c) => (
            <StepDiffCard key={`${c.kind}:${c.id}`} change={c} onClick={onStepClick ? () => onStepClick(c.id) : undefined} />
          ))}
        </ul>
      )}
    </div>
  );
}
