"use client";

import { ChevronRight, Copy, Download, FileText, Link2, Network, PackageCheck } from "lucide-react";
import { useReactFlow } from "@xyflow/react";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { ToolIcon } from "@/components/canvas/tool-icon";
import { Button } from "@/components/ui/button";
import type { Plan } from "@/lib/plan/schema";
import { copyTextOf, downloadName, selectResults } from "@/lib/runs/final-outputs";
import { isTerminal, type Status } from "@/lib/runs/status";
import { getTool } from "@/lib/tools/catalog";
import { cn } from "@/lib/utils";
import { STATUS_STYLE, StatusIcon } from "./status";
import { safeHref, StepOutput } from "./step-output";
import type { RunData, RunStepData } from "./types";

export type RunViewMode = "results" | "canvas";

/**
 * Which view the run page shows: a finished run opens on its results (unless a step was asked
 * for); a run that finishes while someone watches keeps them where they are and offers the results.
 */
export function useRunViewMode(status: string, initialStep: string | undefined) {
  const [mode, setMode] = useState<RunViewMode>(() => (isTerminal(status) && !initialStep ? "results" : "canvas"));
  const wasTerminal = useRef(isTerminal(status));
  useEffect(() => {
    const terminal = isTerminal(status);
    if (terminal && !wasTerminal.current)
      toast(status === "succeeded" ? "The run finished" : `The run ended: ${status}`, {
        action: { label: "See results", onClick: () => setMode("results") },
      });
    wasTerminal.current = terminal;
  }, [status]);
  return [mode, setMode] as const;
}

/**
 * Fits the canvas to its nodes when it is shown: a run page that opened on its results laid the
 * canvas out while it was hidden (no size), so its first fit is wrong.
 */
export function useFitWhenShown(mode: RunViewMode) {
  const { fitView } = useReactFlow();
  const hidden = useRef(mode !== "canvas");
  useEffect(() => {
    if (mode !== "canvas") {
      hidden.current = true;
      return;
    }
    if (!hidden.current) return;
    hidden.current = false;
    // Two frames: the pane's size is measured (ResizeObserver) before the fit reads it.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1 }));
    });
    return () => cancelAnimationFrame(frame);
  }, [mode, fitView]);
}

/** Results or canvas: two pressed-state buttons in the run's header. */
export function RunViewToggle({ mode, onChange }: { mode: RunViewMode; onChange: (m: RunViewMode) => void }) {
  const item = (m: RunViewMode, label: string, Icon: typeof PackageCheck) => (
    <Button
      type="button"
      size="sm"
      variant={mode === m ? "secondary" : "ghost"}
      aria-pressed={mode === m}
      onClick={() => onChange(m)}
      className={cn("h-7 px-2", mode === m && "shadow-sm")}
    >
      <Icon /> {label}
    </Button>
  );
  return (
    <div role="group" aria-label="Show" className="flex items-center gap-0.5 rounded-md border p-0.5" data-testid="run-view-toggle">
      {item("results", "Results", PackageCheck)}
      {item("canvas", "Canvas", Network)}
    </div>
  );
}

/** A status as its icon in the status colour and its label in the text colour (readable on any background). */
function StatusText({ status }: { status: Status }) {
  return (
    <span className="inline-flex shrink-0 items-center gap-1 text-xs text-foreground">
      <StatusIcon status={status} className="size-3.5" /> {STATUS_STYLE[status]?.label ?? status}
    </span>
  );
}

async function copy(text: string, what: string) {
  try {
    await navigator.clipboard.writeText(text);
    toast.success(`Copied ${what}`);
  } catch (e) {
    toast.error("Could not copy", { description: (e as Error).message });
  }
}

function StepActions({ run, step }: { run: RunData; step: RunStepData }) {
  const output = step.output as Record<string, unknown>;
  const view = getTool(step.toolName)?.output;
  const text = copyTextOf(step.toolName, step.output);
  const what = getTool(step.toolName)?.title.toLowerCase() ?? step.toolName;
  if (view === "image") {
    const href = safeHref(String(output.url ?? ""));
    if (!href) return null;
    const mediaType = String(output.mediaType ?? "image/png");
    const file = downloadName(run.planTitle, step.id, mediaType);
    return (
      <>
        <Button asChild size="sm" variant="outline">
          <a href={href} download={file} aria-label={`Download ${file.split(".").pop()!.toUpperCase()}: ${file}`}>
            <Download /> Download {file.split(".").pop()!.toUpperCase()}
          </a>
        </Button>
        <Button size="sm" variant="ghost" onClick={() => void copy(new URL(href, window.location.href).toString(), "the image link")}>
          <Link2 /> Copy link
        </Button>
      </>
    );
  }
  return (
    <>
      <Button
        size="sm"
        variant="outline"
        onClick={() => void copy(text.plain, text.markdown ? "as plain text" : "the text")}
        aria-label={`Copy the ${what} as plain text`}
      >
        <Copy /> Copy
      </Button>
      {text.markdown && (
        <Button size="sm" variant="ghost" onClick={() => void copy(text.markdown!, "as markdown")} aria-label={`Copy markdown of the ${what}`}>
          <FileText /> Copy markdown
        </Button>
      )}
    </>
  );
}

function StepHeading({ step, description, level }: { step: RunStepData; description: string; level: "h3" | "span" }) {
  const tool = getTool(step.toolName);
  const H = level;
  return (
    <div className="flex min-w-0 items-start gap-2">
      <span className="flex size-7 shrink-0 items-center justify-center rounded-md bg-primary/10 text-primary">
        <ToolIcon name={tool?.icon} className="size-4" />
      </span>
      <div className="min-w-0">
        <H className="block text-sm leading-tight font-semibold">
          {step.stepIndex}. {tool?.title ?? step.toolName}
        </H>
        <span className="block text-xs text-muted-foreground">{description}</span>
      </div>
    </div>
  );
}

function Deliverable({ run, step, description, onShowStep }: { run: RunData; step: RunStepData; description: string; onShowStep: (id: string) => void }) {
  const approved = run.approvals.some((a) => a.stepId === step.id && (a.decision === "approve" || a.decision === "edit"));
  const edited = run.approvals.some((a) => a.stepId === step.id && a.decision === "edit");
  return (
    <li className="flex flex-col gap-3 rounded-lg border bg-card p-4 text-card-foreground shadow-xs" data-testid="result-item" data-step-id={step.id}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <StepHeading step={step} description={description} level="h3" />
        <div className="flex items-center gap-1.5 text-xs text-muted-foreground">
          {approved && <StatusText status="approved" />}
          {edited && <span>edited by the reviewer</span>}
        </div>
      </div>
      {/* An image at its natural proportions, never taller than a screen. */}
      <div className="[&_figure]:max-w-lg">
        <StepOutput toolName={step.toolName} output={step.output} />
      </div>
      <div className="flex flex-wrap items-center gap-2 border-t pt-3">
        <StepActions run={run} step={step} />
        <Button size="sm" variant="ghost" className="ml-auto text-muted-foreground" onClick={() => onShowStep(step.id)}>
          Show on the canvas <ChevronRight />
        </Button>
      </div>
    </li>
  );
}

/** Outputs folded away, one disclosure each: the step, its status, and its output when opened. */
function Folded({
  id,
  title,
  note,
  run,
  steps,
  describe,
}: {
  id: string;
  title: string;
  note?: string;
  run: RunData;
  steps: RunStepData[];
  describe: (id: string) => string;
}) {
  if (!steps.length) return null;
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-2" data-testid={`results-${id}`}>
      <h2 id={`${id}-heading`} className="text-sm font-semibold text-muted-foreground">
        {title}
      </h2>
      {note && <p className="text-sm text-muted-foreground">{note}</p>}
      <ul className="flex flex-col gap-2">
        {steps.map((s) => (
          <li key={s.id}>
            <details className="group rounded-md border" data-testid="intermediate-item">
              <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md p-3 hover:bg-accent/50 focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none [&::-webkit-details-marker]:hidden">
                <ChevronRight className="size-4 shrink-0 text-muted-foreground transition-transform group-open:rotate-90" aria-hidden />
                <span className="min-w-0 flex-1">
                  <StepHeading step={s} description={describe(s.id)} level="span" />
                </span>
                <StatusText status={s.status as Status} />
              </summary>
              <div className="flex flex-col gap-3 border-t p-3">
                <StepOutput toolName={s.toolName} output={s.output} />
                <div className="flex flex-wrap gap-2">
                  <StepActions run={run} step={s} />
                </div>
              </div>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A finished run's deliverables: the final outputs (what nothing else consumed, and what was
 * published after approval) ready to copy or download, what is missing when the run stopped
 * early, and every intermediate output folded away below.
 */
export function ResultsView({ run, plan, onShowStep }: { run: RunData; plan: Plan; onShowStep: (stepId: string) => void }) {
  const { final, intermediate, unapproved, missing } = selectResults(plan.steps, run.steps);
  const describe = (id: string) => plan.steps.find((p) => p.id === id)?.description ?? "";
  const partial = run.status !== "succeeded";
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-testid="results-view">
      <div className="mx-auto flex max-w-3xl flex-col gap-5 p-4 sm:p-6">
        <div className="flex flex-col gap-1">
          <h2 className="text-lg font-semibold tracking-tight">Results</h2>
          <p className="text-sm text-muted-foreground">
            {final.length === 0
              ? "This run delivered nothing final."
              : `${final.length} deliverable${final.length === 1 ? "" : "s"}${partial ? " produced before the run stopped" : ""}.`}
          </p>
        </div>
        {partial && (
          <div role="status" className="flex flex-col gap-1 rounded-md border border-status-awaiting/60 bg-status-awaiting/5 p-3 text-sm">
            <p className="flex items-center gap-2 font-medium">
              The run ended: <StatusText status={run.status as Status} />
            </p>
            {run.error && <p className="break-words text-muted-foreground">{run.error}</p>}
            {missing.length > 0 && (
              <p className="text-muted-foreground" data-testid="results-missing">
                Not delivered:{" "}
                {missing.map((s, i) => (
                  <span key={s.id}>
                    {i > 0 && ", "}
                    {s.stepIndex}. {getTool(s.toolName)?.title ?? s.toolName} ({s.status})
                  </span>
                ))}
              </p>
            )}
          </div>
        )}
        {final.length > 0 && (
          <ol className="flex flex-col gap-4" aria-label="Deliverables">
            {final.map((s) => (
              <Deliverable key={s.id} run={run} step={s} description={describe(s.id)} onShowStep={onShowStep} />
            ))}
          </ol>
        )}
        {unapproved.length > 0 && (
          <Folded
            id="unapproved"
            title={`Not approved (${unapproved.length})`}
            note="Written, but the run ended before a reviewer approved it: nothing here was published."
            run={run}
            steps={unapproved}
            describe={describe}
          />
        )}
        <Folded id="intermediate" title={`Intermediate outputs (${intermediate.length})`} run={run} steps={intermediate} describe={describe} />
      </div>
    </div>
  );
}
