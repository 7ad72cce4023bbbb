"use client";

import { useNow } from "@/components/use-now";
import { ToolIcon } from "@/components/canvas/tool-icon";
import { LocalTime, RelativeTime } from "@/components/plans/relative-time";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { getTool } from "@/lib/tools/catalog";
import { CopyHash } from "./copy-hash";
import { DecisionPanel } from "./decision-panel";
import { DeliveryPanel } from "./delivery-panel";
import { StatusBadge } from "./status";
import { stepDuration } from "./step-duration";
import { RevisionChanges } from "./revision-diff";
import { StepOutput } from "./step-output";
import { StepReferences } from "./step-references";
import type { ApprovalData, RunStepData } from "./types";

/** Everything about one step of a run: output first, then input, logs, and the approval audit. */
export function StepPanel({
  runId,
  step,
  description,
  planned,
  approvals,
  onDecided,
  rerun,
}: {
  runId: string;
  step: RunStepData;
  description: string;
  /** The step's static input as planned: its references to earlier outputs. */
  planned?: Record<string, unknown>;
  approvals: ApprovalData[];
  onDecided: () => void;
  rerun?: React.ReactNode;
}) {
  const tool = getTool(step.toolName);
  return (
    <div className="flex flex-col gap-3 p-4" data-testid="step-panel" data-step-id={step.id}>
      <div className="flex items-start gap-3">
        <div className="flex size-9 shrink-0 items-center justify-center rounded-md bg-primary/10 text-primary">
          <ToolIcon name={tool?.icon} className="size-5" />
        </div>
        <div className="min-w-0 flex-1">
          <h2 className="font-semibold leading-tight">{tool?.title ?? step.toolName}</h2>
          <p className="text-sm text-muted-foreground">{description}</p>
        </div>
        <StatusBadge status={step.status} />
      </div>
      {rerun}
      {step.status === "awaiting_approval" &&
        (step.delivery === "unknown" ? (
          <DeliveryPanel key={`${step.id}:${step.revision}:${step.contentHash}`} runId={runId} step={step} onDecided={onDecided} />
        ) : (
          <DecisionPanel key={`${step.id}:${step.revision}:${step.contentHash}`} runId={runId} step={step} onDecided={onDecided} />
        ))}
      {step.error && step.status !== "rejected" && !(step.status === "awaiting_approval" && step.delivery === "unknown") && (
        <p role="alert" className="rounded-md border border-destructive/50 bg-destructive/5 p-2 text-sm text-destructive">
          {step.error}
        </p>
      )}
      <Tabs defaultValue={(step.gate === "before" || step.delivery === "unknown") && step.status === "awaiting_approval" ? "input" : "output"}>
        <TabsList>
          <TabsTrigger value="output">Output</TabsTrigger>
          <TabsTrigger value="input">Input</TabsTrigger>
          <TabsTrigger value="logs">Logs{step.logs.length ? ` (${step.logs.length})` : ""}</TabsTrigger>
          <TabsTrigger value="audit">Approvals{approvals.length ? ` (${approvals.length})` : ""}</TabsTrigger>
        </TabsList>
        <TabsContent value="output" className="flex flex-col gap-3 pt-2">
          <RevisionChanges step={step} />
          <StepOutput toolName={step.toolName} output={step.output} />
        </TabsContent>
        <TabsContent value="input" className="pt-2">
          {planned && <StepReferences planned={planned} input={step.input} started={step.status !== "pending" && step.status !== "skipped"} />}
          <pre
            tabIndex={0}
            aria-label="Input the tool was called with"
            className="max-h-80 overflow-auto rounded-md bg-muted p-3 font-mono text-xs break-all whitespace-pre-wrap"
          >
            {JSON.stringify(step.input, null, 2)}
          </pre>
        </TabsContent>
        <TabsContent value="logs" className="pt-2">
          {step.logs.length === 0 ? (
            <p className="text-sm text-muted-foreground">No log lines.</p>
          ) : (
            <ul className="flex flex-col gap-1 font-mono text-xs">
              {step.logs.map((l, i) => (
                <li key={i}>
                  <span className="text-muted-foreground">
                    <LocalTime iso={l.at} />
                  </span>{" "}
                  {l.message}
                </li>
              ))}
            </ul>
          )}
        </TabsContent>
        <TabsContent value="audit" className="pt-2">
          {approvals.length === 0 ? (
            <p className="text-sm text-muted-foreground">No decisions yet.</p>
          ) : (
            <ul className="flex flex-col gap-2 text-sm" data-testid="approval-audit">
              {approvals.map((a) => (
                <li key={a.id} className="min-w-0 rounded-md border p-2 break-words [overflow-wrap:anywhere]">
                  <p>
                    <span className="font-medium">{a.decision}</span> by {a.decidedBy.name || a.decidedBy.id}
                    {/* The decider's role when they decided: the audit keeps it even if the role changes later. */}
                    {a.decidedBy.role && (
                      <span className="text-muted-foreground">
                        {" "}
                        ({a.decidedBy.role}
                        {a.decidedBy.approver ? ", approver" : ""})
                      </span>
                    )}{" "}
                    · {a.decidedAt ? <RelativeTime iso={a.decidedAt} /> : null} · revision {a.revision}
                    {!a.final && <span className="text-muted-foreground"> · counted toward the quorum</span>}
                  </p>
                  <p className="flex min-w-0">
                    <CopyHash hash={a.contentHash} />
                  </p>
                  {a.comment && <p className="whitespace-pre-wrap text-muted-foreground">“{a.comment}”</p>}
                </li>
              ))}
            </ul>
          )}
        </TabsContent>
      </Tabs>
      <dl className="grid grid-cols-2 gap-y-1 text-xs text-muted-foreground">
        <dt>Attempts</dt>
        <dd className="text-right">{step.attempts}</dd>
        <dt>Revision</dt>
        <dd className="text-right">{step.revision}</dd>
        <dt>Duration</dt>
        <dd className="text-right tabular-nums" data-testid="step-duration">
          <StepDuration step={step} />
        </dd>
        <dt>Content hash</dt>
        <dd className="truncate text-right font-mono" title={step.contentHash ?? ""}>
          {step.contentHash ? `${step.contentHash.slice(0, 12)}…` : "—"}
        </dd>
      </dl>
    </div>
  );
}

/** Ticks every second only while the step is still going. */
function StepDuration({ step }: { step: RunStepData }) {
  const now = useNow(1_000);
  return <>{stepDuration(step, now)}</>;
}
