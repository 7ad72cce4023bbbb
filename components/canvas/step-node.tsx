"use client";

import { Handle, Position, useStore, type Node, type NodeProps, type ReactFlowState } from "@xyflow/react";
import { AlertCircle, AlertTriangle, Braces, Check, ShieldCheck, Sparkles, X } from "lucide-react";
import { createContext, memo, useContext, useMemo } from "react";
import { Badge } from "@/components/ui/badge";
import type { StepNodeData } from "@/lib/plan/graph";
import { NODE_SIZE } from "@/lib/plan/layout";
import { getTool } from "@/lib/tools/catalog";
import { cn } from "@/lib/utils";
import { useStepView } from "./editor-context";
import type { ProposalMark } from "./editor-proposal";
import { useProposalReview } from "./use-proposal-review";
import { ToolIcon } from "./tool-icon";

export interface StepFlowData extends StepNodeData {
  /** A step that only exists in an AI proposal (drawn over the canvas, not part of the plan). */
  ghost?: boolean;
  /** The step's number where no editor store numbers it (the read-only preview). */
  number?: number;
}

export type StepFlowNode = Node<StepFlowData, "step">;

/** Below this zoom, nodes draw as simple boxes (tool icon and title): smaller text would be unreadable and costs the most. */
const DETAIL_ZOOM = 0.35;
/**
 * Below this zoom a node is a few pixels tall (a whole 1,000-step plan in view): even the simple
 * box's icon and title are specks, so it draws as an empty box, a third of the elements to style,
 * lay out and paint.
 */
const BOX_ZOOM = 0.15;
type Detail = "full" | "simple" | "box";
const detailAt = (s: ReactFlowState): Detail => (s.transform[2] < BOX_ZOOM ? "box" : s.transform[2] < DETAIL_ZOOM ? "simple" : "full");

/** Whether nodes draw in full detail at the canvas's zoom (then each costs the most to draw). */
export const drawsFullDetail = (s: ReactFlowState) => detailAt(s) === "full";

const DetailContext = createContext<Detail>("full");

/**
 * The detail level step nodes draw at, from one subscription to the zoom for the whole canvas.
 * A drag runs every subscriber of React Flow's store on each pointer move: one per node was a
 * thousand selector calls per move in a 1,000-step plan. Wraps the <ReactFlow> that draws them.
 */
export function StepDetail({ children }: { children: React.ReactNode }) {
  return <DetailContext.Provider value={useStore(detailAt)}>{children}</DetailContext.Provider>;
}

const MARK_STYLE: Record<ProposalMark, { label: string; node: string; chip: string }> = {
  added: {
    label: "Added",
    node: "border-emerald-500 ring-2 ring-emerald-500/40 bg-emerald-50 dark:bg-emerald-950/40 border-dashed",
    chip: "bg-emerald-700 text-white",
  },
  removed: { label: "Removed", node: "border-red-500 ring-2 ring-red-500/40 bg-red-50 opacity-70 dark:bg-red-950/40", chip: "bg-red-700 text-white" },
  changed: { label: "Changed", node: "border-amber-500 ring-2 ring-amber-500/40 bg-amber-50 dark:bg-amber-950/40", chip: "bg-amber-500 text-amber-950" },
};

function ProposalBar({ id, mark }: { id: string; mark: ProposalMark }) {
  const review = useProposalReview();
  const style = MARK_STYLE[mark];
  return (
    <div className="nodrag nopan absolute -top-8 right-0 left-0 flex items-center gap-1" data-testid="proposal-mark" data-mark={mark}>
      <span className={cn("rounded px-1.5 py-0.5 text-[11px] font-semibold", style.chip)}>{style.label}</span>
      <MarkButton className="ml-auto" label={`Accept change to ${id}`} onClick={() => review.acceptChange(id)}>
        <Check className="size-3 text-emerald-600" aria-hidden /> Accept
      </MarkButton>
      <MarkButton label={`Reject change to ${id}`} onClick={() => review.rejectChange(id)}>
        <X className="size-3 text-red-600" aria-hidden /> Reject
      </MarkButton>
    </div>
  );
}

/** One plan step on the canvas. Memoized: dragging one node must not re-render the others. */
/** A small button on a proposal mark; the click must not select or drag the node under it. */
function MarkButton({ label, onClick, className, children }: { label: string; onClick: () => void; className?: string; children: React.ReactNode }) {
  return (
    <button
      type="button"
      className={cn("inline-flex h-6 items-center gap-1 rounded border bg-background px-1.5 text-[11px] font-medium shadow-xs hover:bg-accent", className)}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
      aria-label={label}
    >
      {children}
    </button>
  );
}

export const StepNode = memo(function StepNode({ id, data, selected }: NodeProps<StepFlowNode>) {
  const { step } = data;
  const tool = getTool(step.toolName);
  const detail = useContext(DetailContext);
  const simple = detail !== "full";
  const view = useStepView(id);
  const { errors, warnings, mark, direction } = view;
  const number = view.number ?? data.number;
  const slots = useMemo(() => (view.slots ? view.slots.split("\n").map((kv) => kv.split("=") as [string, string]) : []), [view.slots]);
  const title = tool?.title ?? step.toolName;
  const ai = step.origin === "ai" || step.origin === "ai-edited";
  const [target, source] = direction === "LR" ? [Position.Left, Position.Right] : [Position.Top, Position.Bottom];
  const handleClass = "!size-2.5 !border-background !bg-muted-foreground";

  return (
    <div
      data-testid="step-node"
      data-step-id={step.id}
      data-ghost={data.ghost ? "true" : undefined}
      style={{ width: NODE_SIZE.width, height: NODE_SIZE.height }}
      className={cn(
        // No shadow as a simple box: invisible at that zoom, and painting a thousand of them is not free.
        "relative flex flex-col gap-2 rounded-lg border bg-card p-3 text-card-foreground",
        !simple && "shadow-sm",
        // Filled, so the plan's shape reads at a glance: a white box's 1 px border is gone at this zoom.
        detail === "box" && "bg-muted-foreground/30",
        step.requiresApproval && "border-approval/60",
        errors > 0 && "border-destructive/70",
        mark && MARK_STYLE[mark].node,
        selected && "ring-2 ring-ring ring-offset-2 ring-offset-background",
      )}
    >
      <Handle type="target" position={target} className={handleClass} isConnectable={!data.ghost} />
      {mark && <ProposalBar id={id} mark={mark} />}
      {(errors > 0 || warnings > 0) && (
        <span
          data-testid="node-issues"
          title={`${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`}
          className={cn(
            "absolute -top-2 -right-2 z-10 flex h-5 min-w-5 items-center justify-center gap-0.5 rounded-full px-1 text-[11px] font-semibold shadow-sm",
            errors > 0 ? "bg-destructive text-white" : "bg-approval text-approval-foreground",
          )}
        >
          {errors > 0 ? <AlertCircle className="size-3" aria-hidden /> : <AlertTriangle className="size-3" aria-hidden />}
          {errors || warnings}
        </span>
      )}
      {detail === "box" ? null : simple ? (
        <div className="flex h-full items-center gap-3 overflow-hidden">
          <ToolIcon name={tool?.icon} className="size-10 shrink-0 text-primary" />
          <span className="truncate text-2xl font-semibold">{tool?.title ?? step.toolName}</span>
        </div>
      ) : (
        <>
          {/* The full title, wrapped to two lines: a truncated "Generate i…" tells nobody what the step does. */}
          <div className="flex items-start gap-2">
            <span
              className="flex size-6 shrink-0 items-center justify-center rounded-full bg-muted font-mono text-xs text-muted-foreground"
              title={number ? `Step ${number} in run order` : "A new step"}
              data-testid="step-number"
            >
              {number ?? "+"}
            </span>
            <ToolIcon name={tool?.icon} className="mt-1 size-4 shrink-0 text-primary" />
            <span
              className="line-clamp-2 min-w-0 flex-1 self-center text-sm leading-tight font-medium break-words"
              title={`${title} (${step.toolName})`}
              data-testid="step-title"
            >
              {title}
            </span>
            {ai && (
              <Sparkles className="mt-1 size-3.5 shrink-0 text-violet-500" aria-label={step.origin === "ai" ? "Written by AI" : "Written by AI, edited"} />
            )}
            {step.requiresApproval && (
              <Badge
                variant="warning"
                data-testid="approval-badge"
                className="shrink-0 gap-1"
                title="A reviewer approves this step's output before the run continues"
              >
                <ShieldCheck className="size-3" aria-hidden />
                Approval
              </Badge>
            )}
          </div>
          <p className={cn("line-clamp-3 text-xs leading-snug text-muted-foreground", mark === "removed" && "line-through")} title={step.description}>
            {step.description}
          </p>
        </>
      )}
      {slots.length > 0 && (
        // On the node's lower edge: which inputs a template user fills in.
        <div className="absolute -bottom-2.5 left-3 z-10 flex max-w-[calc(100%-1.5rem)] gap-1 overflow-hidden">
          {slots.map(([path, name]) => (
            <span
              key={path}
              data-testid="param-badge"
              title={`Input ${path} is the template parameter ${name}`}
              className="inline-flex h-5 items-center gap-0.5 rounded-full border border-violet-500/50 bg-violet-50 px-1.5 font-mono text-[10px] text-violet-800 shadow-xs dark:bg-violet-950 dark:text-violet-200"
            >
              <Braces className="size-3" aria-hidden />
              {path === name ? name : `${path}: ${name}`}
            </span>
          ))}
        </div>
      )}
      <Handle type="source" position={source} className={handleClass} isConnectable={!data.ghost} />
    </div>
  );
});
