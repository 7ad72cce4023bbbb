"use client";

import { ShieldCheck } from "lucide-react";
import { useId } from "react";
import { Badge } from "@/components/ui/badge";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { PlanStep } from "@/lib/plan/schema";
import { getTool } from "@/lib/tools/catalog";
import { ToolIcon } from "./tool-icon";

export type StepPatch = Partial<Pick<PlanStep, "description" | "requiresApproval">>;

interface Props {
  step: Omit<PlanStep, "position">;
  /** Titles of the steps this one depends on, in order. */
  dependencies: { id: string; label: string }[];
  onChange: (patch: StepPatch) => void;
  onSelect: (stepId: string) => void;
}

/** Details of the selected step: what it runs, what it waits for, and the fields editable now. */
export function StepInspector({ step, dependencies, onChange, onSelect }: Props) {
  const tool = getTool(step.toolName);
  const descId = useId();
  const gateId = useId();
  const inputJson = JSON.stringify(step.input, null, 2);
  return (
    <div className="flex flex-col gap-5 p-4" data-testid="step-inspector">
      <div className="flex items-start gap-3">
        <div className="flex size-9 shrink-0 items-center justify-center rounded-md bg-primary/10 text-primary">
          <ToolIcon name={tool?.icon} className="size-5" />
        </div>
        <div className="min-w-0">
          <h2 className="font-semibold leading-tight">{tool?.title ?? step.toolName}</h2>
          <p className="font-mono text-xs text-muted-foreground">
            step {step.stepIndex} · id <span data-testid="inspector-step-id">{step.id}</span>
          </p>
        </div>
      </div>
      {tool && <p className="text-sm text-muted-foreground">{tool.description}</p>}

      <div className="flex flex-col gap-2">
        <Label htmlFor={descId}>Description</Label>
        <Textarea id={descId} value={step.description} rows={4} onChange={(e) => onChange({ description: e.target.value })} />
      </div>

      <div className="flex items-start gap-3 rounded-md border p-3">
        <input
          id={gateId}
          type="checkbox"
          className="mt-0.5 size-4 accent-[var(--approval)]"
          checked={step.requiresApproval}
          onChange={(e) => onChange({ requiresApproval: e.target.checked })}
        />
        <div className="flex flex-col gap-1">
          <Label htmlFor={gateId} className="flex items-center gap-1.5">
            <ShieldCheck className="size-4 text-approval" aria-hidden /> Requires approval
          </Label>
          <p className="text-xs text-muted-foreground">
            {tool?.publishes
              ? "This tool publishes or has side effects: a reviewer should approve its output."
              : "A reviewer approves the output before later steps use it."}
          </p>
        </div>
      </div>

      <div className="flex flex-col gap-2">
        <span className="text-sm font-medium">Depends on</span>
        {dependencies.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing — this step can start first.</p>
        ) : (
          <div className="flex flex-wrap gap-1.5">
            {dependencies.map((d) => (
              <button key={d.id} type="button" onClick={() => onSelect(d.id)} className="rounded-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
                <Badge variant="secondary" className="font-mono">
                  {d.label}
                </Badge>
              </button>
            ))}
          </div>
        )}
      </div>

      <div className="flex flex-col gap-2">
        <span className="text-sm font-medium">Inputs</span>
        {inputJson === "{}" ? (
          <p className="text-sm text-muted-foreground">No static inputs; the step works from the run&apos;s history.</p>
        ) : (
          <pre className="max-h-64 overflow-auto rounded-md bg-muted p-3 font-mono text-xs break-all whitespace-pre-wrap">{inputJson}</pre>
        )}
      </div>
    </div>
  );
}
