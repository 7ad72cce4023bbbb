"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { Lock, Recycle, TriangleAlert } from "lucide-react";
import { memo } from "react";
import { ToolIcon } from "@/components/canvas/tool-icon";
import { NODE_SIZE } from "@/lib/plan/layout";
import type { Status } from "@/lib/runs/status";
import { getTool } from "@/lib/tools/catalog";
import { cn } from "@/lib/utils";
import { STATUS_STYLE, StatusIcon } from "./status";

export interface RunStepData extends Record<string, unknown> {
  stepId: string;
  stepIndex: number;
  /** Its number in run order (lib/plan/order.ts), as the editor shows it. */
  number: number;
  toolName: string;
  description: string;
  status: Status;
  attempts: number;
  revision: number;
  reused: boolean;
  /** A side effect that may or may not have been delivered: the reviewer decides on this node. */
  deliveryUnknown?: boolean;
  /** This revision equals the one a reviewer rejected: the feedback could not be applied. */
  feedbackNotApplied?: boolean;
  /** A waiting gate that needs several approvals: "1 of 2 approvals". */
  gateLabel?: string;
  /** The person looking may not decide this gate (the panel says why). */
  notYours?: boolean;
}
export type RunStepFlowNode = Node<RunStepData, "runStep">;

/** A step of a run on the plan's own layout: the status drives colour, icon and the approval glow. */
export const RunStepNode = memo(function RunStepNode({ data, selected }: NodeProps<RunStepFlowNode>) {
  const tool = getTool(data.toolName);
  const style = STATUS_STYLE[data.status];
  const waiting = data.status === "awaiting_approval";
  const title = tool?.title ?? data.toolName;
  return (
    <div
      data-testid="run-step-node"
      data-step-id={data.stepId}
      data-status={data.status}
      style={{ width: NODE_SIZE.width, height: NODE_SIZE.height }}
      className={cn(
        "flex flex-col gap-1.5 overflow-hidden rounded-lg border-2 bg-card p-3 text-card-foreground shadow-sm transition-all",
        style.ring,
        waiting && "planvas-glow",
        data.status === "running" && "shadow-[0_0_0_3px_rgb(14_165_233/0.25)]",
        selected && "ring-2 ring-ring ring-offset-2 ring-offset-background",
      )}
    >
      <Handle type="target" position={Position.Top} className="!size-2 !border-background !bg-muted-foreground" isConnectable={false} />
      <div className="flex items-start gap-2">
        <span
          className="flex size-6 shrink-0 items-center justify-center rounded-full bg-muted font-mono text-xs text-muted-foreground"
          data-testid="step-number"
        >
          {data.number}
        </span>
        <ToolIcon name={tool?.icon} className="mt-1 size-4 shrink-0 text-primary" />
        {/* The full title, on two lines if need be; the tooltip has the tool's name too. */}
        <span className="line-clamp-2 min-w-0 flex-1 self-center text-sm leading-tight font-medium break-words" title={`${title} (${data.toolName})`}>
          {title}
        </span>
      </div>
      <p className="line-clamp-2 text-xs leading-snug text-muted-foreground" title={data.description}>
        {data.description}
      </p>
      <div className="mt-auto flex items-center gap-2 text-[11px] text-muted-foreground">
        <span className={cn("flex items-center gap-1 text-xs font-medium", style.className)} data-testid="run-step-status">
          <StatusIcon status={data.status} className="size-3.5" />
          {waiting && data.deliveryUnknown ? "Delivery unknown" : style.label}
        </span>
        {waiting && data.gateLabel && (
          <span className="whitespace-nowrap" data-testid="node-gate-progress">
            {data.gateLabel}
          </span>
        )}
        {waiting && data.notYours && (
          <span
            className="flex items-center gap-1 whitespace-nowrap"
            title="You may not decide this gate; select the step to see why"
            data-testid="node-not-yours"
          >
            <Lock className="size-3" aria-hidden /> not yours
          </span>
        )}
        {data.reused && (
          <span className="ml-auto flex items-center gap-1" title="Output reused from an earlier run">
            <Recycle className="size-3" aria-hidden /> reused
          </span>
        )}
        {data.revision > 0 &&
          (data.feedbackNotApplied ? (
            // The revision equals the rejected one: not presented as new.
            <span
              className="flex items-center gap-1 whitespace-nowrap text-status-awaiting"
              title={`Revision ${data.revision} is the same as the one before: the feedback could not be applied`}
              data-testid="feedback-not-applied-mark"
            >
              <TriangleAlert className="size-3" aria-hidden /> rev. {data.revision} unchanged
            </span>
          ) : (
            <span>revision {data.revision}</span>
          ))}
        {data.attempts > 1 && <span>{data.attempts} attempts</span>}
      </div>
      <Handle type="source" position={Position.Bottom} className="!size-2 !border-background !bg-muted-foreground" isConnectable={false} />
    </div>
  );
});
