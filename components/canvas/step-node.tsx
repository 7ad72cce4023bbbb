"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { ShieldCheck } from "lucide-react";
import { memo } from "react";
import { Badge } from "@/components/ui/badge";
import type { StepNodeData } from "@/lib/plan/graph";
import { NODE_SIZE } from "@/lib/plan/layout";
import { getTool } from "@/lib/tools/catalog";
import { cn } from "@/lib/utils";
import { ToolIcon } from "./tool-icon";

export type StepFlowNode = Node<StepNodeData, "step">;

/** One plan step on the canvas. Memoized: dragging one node must not re-render the others. */
export const StepNode = memo(function StepNode({ data, selected }: NodeProps<StepFlowNode>) {
  const { step } = data;
  const tool = getTool(step.toolName);
  return (
    <div
      data-testid="step-node"
      data-step-id={step.id}
      style={{ width: NODE_SIZE.width, height: NODE_SIZE.height }}
      className={cn(
        "flex flex-col gap-2 overflow-hidden rounded-lg border bg-card p-3 text-card-foreground shadow-sm transition-shadow",
        step.requiresApproval && "border-approval/60",
        selected && "ring-2 ring-ring ring-offset-2 ring-offset-background",
      )}
    >
      <Handle type="target" position={Position.Top} className="!size-2.5 !border-background !bg-muted-foreground" />
      <div className="flex items-center gap-2">
        <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-muted font-mono text-xs text-muted-foreground" title="Step index">
          {step.stepIndex}
        </span>
        <ToolIcon name={tool?.icon} className="size-4 shrink-0 text-primary" />
        <span className="truncate text-sm font-medium" title={step.toolName}>
          {tool?.title ?? step.toolName}
        </span>
        {step.requiresApproval && (
          <Badge variant="warning" data-testid="approval-badge" className="ml-auto shrink-0 gap-1" title="A reviewer approves this step's output before the run continues">
            <ShieldCheck className="size-3" aria-hidden />
            Approval
          </Badge>
        )}
      </div>
      <p className="line-clamp-3 text-xs leading-relaxed text-muted-foreground">{step.description}</p>
      <Handle type="source" position={Position.Bottom} className="!size-2.5 !border-background !bg-muted-foreground" />
    </div>
  );
});
