"use client";

import { AlertCircle, AlertTriangle, Copy, Hand, ShieldCheck, Sparkles, Trash2, UserPen } from "lucide-react";
import { memo, useId, useState } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Separator } from "@/components/ui/separator";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import type { EditorIssue } from "@/lib/plan/check";
import type { StepPatch } from "@/lib/plan/edit";
import { DURATION_PATTERN, stepOrigin, type PlanStep, type StepOrigin } from "@/lib/plan/schema";
import { getTool, stepPublishes, tools } from "@/lib/tools/catalog";
import { ApprovalRuleEditor } from "./approval-rule-editor";
import { InputForm } from "./input-form";
import { ToolIcon } from "./tool-icon";

export type { StepPatch };

const ORIGIN: Record<StepOrigin, { label: string; hint: string; icon: typeof Sparkles }> = {
  ai: { label: "Written by AI", hint: "As the AI wrote it; nobody has changed it since.", icon: Sparkles },
  "ai-edited": { label: "AI, edited by a person", hint: "The AI wrote it and a person changed it since.", icon: UserPen },
  manual: { label: "Added by a person", hint: "Made on the canvas or imported.", icon: Hand },
};

interface Props {
  step: Omit<PlanStep, "position">;
  /** Titles of the steps this one depends on, in order. */
  dependencies: { id: string; label: string }[];
  issues: EditorIssue[];
  readOnly?: boolean;
  onChange: (id: string, patch: StepPatch, coalesce?: string) => void;
  onSwitchTool: (id: string, toolName: string) => void;
  onSelect: (stepId: string) => void;
  onDelete: (id: string) => void;
  onDuplicate: (id: string) => void;
  /** Shown after the inputs (in the editor: which inputs are template parameters). */
  extra?: React.ReactNode;
}

function IssueLine({ issue }: { issue: EditorIssue }) {
  const Icon = issue.severity === "error" ? AlertCircle : AlertTriangle;
  return (
    <li className="flex gap-1.5 text-xs">
      <Icon className={issue.severity === "error" ? "mt-0.5 size-3.5 shrink-0 text-destructive" : "mt-0.5 size-3.5 shrink-0 text-approval"} aria-hidden />
      <span>
        <code className="font-mono">{issue.path.replace(/^steps\[\d+\]\.?/, "") || "step"}</code>: {issue.message}
      </span>
    </li>
  );
}

/** Details of the selected step, every field editable; the inputs form comes from the tool's schema. */
export const StepInspector = memo(function StepInspector({
  step,
  dependencies,
  issues,
  readOnly,
  onChange,
  onSwitchTool,
  onSelect,
  onDelete,
  onDuplicate,
  extra,
}: Props) {
  const tool = getTool(step.toolName);
  const descId = useId();
  const toolId = useId();
  const gateId = useId();
  const timeoutId = useId();
  const [confirmOff, setConfirmOff] = useState(false);
  const origin = ORIGIN[stepOrigin(step)];
  const publishes = stepPublishes(step.toolName, step.input);
  const descIssue = issues.find((i) => /\.description$/.test(i.path));
  const timeoutIssue = issues.find((i) => /\.approvalTimeout$/.test(i.path));
  const other = issues.filter((i) => i !== descIssue && i !== timeoutIssue && !/\.input(\.|\[|$)/.test(i.path));
  const unknownInputs = Object.keys(step.input).filter((k) => issues.some((i) => i.message.endsWith(`has no input "${k}"`)));

  const setGate = (on: boolean) => {
    if (!on && publishes) setConfirmOff(true);
    else onChange(step.id, { requiresApproval: on });
  };

  return (
    <div className="flex flex-col gap-5 p-4" data-testid="step-inspector">
      <div className="flex items-start gap-3">
        <div className="flex size-9 shrink-0 items-center justify-center rounded-md bg-primary/10 text-primary">
          <ToolIcon name={tool?.icon} className="size-5" />
        </div>
        <div className="min-w-0 flex-1">
          <h2 className="leading-tight font-semibold">{tool?.title ?? step.toolName}</h2>
          <p className="font-mono text-xs text-muted-foreground">
            step {step.stepIndex} · id <span data-testid="inspector-step-id">{step.id}</span>
          </p>
        </div>
      </div>
      <div className="-mt-2 flex items-center gap-2" title={origin.hint}>
        <Badge variant="outline" data-testid="step-origin" data-origin={stepOrigin(step)} className="gap-1">
          <origin.icon className="size-3" aria-hidden /> {origin.label}
        </Badge>
      </div>

      <fieldset disabled={readOnly} className="flex flex-col gap-5">
        <div className="flex flex-col gap-2">
          <Label htmlFor={toolId}>Tool</Label>
          <Select value={step.toolName} onValueChange={(t) => onSwitchTool(step.id, t)} disabled={readOnly}>
            <SelectTrigger id={toolId} size="sm" className="w-full">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {tools.map((t) => (
                <SelectItem key={t.name} value={t.name}>
                  <ToolIcon name={t.icon} className="size-4" /> {t.title}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          {tool && <p className="text-xs text-muted-foreground">{tool.description} Switching keeps the inputs that still fit.</p>}
        </div>

        <div className="flex flex-col gap-2">
          <Label htmlFor={descId}>Description</Label>
          <Textarea
            id={descId}
            value={step.description}
            rows={3}
            aria-invalid={descIssue ? true : undefined}
            onChange={(e) => onChange(step.id, { description: e.target.value }, `description:${step.id}`)}
          />
          {descIssue && (
            <p role="alert" className="text-xs font-medium text-destructive">
              {descIssue.message}
            </p>
          )}
        </div>

        <div className="flex flex-col gap-3 rounded-md border p-3">
          <div className="flex items-center justify-between gap-3">
            <Label htmlFor={gateId} className="flex items-center gap-1.5">
              <ShieldCheck className="size-4 text-approval" aria-hidden /> Requires approval
            </Label>
            <Switch id={gateId} checked={step.requiresApproval} onCheckedChange={setGate} disabled={readOnly} />
          </div>
          <p className="text-xs text-muted-foreground">
            {publishes
              ? "This step publishes or has side effects: a reviewer should approve its output."
              : "A reviewer approves the output before later steps use it."}
          </p>
          {step.requiresApproval && (
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={timeoutId} className="text-xs">
                Approval timeout
              </Label>
              <Input
                id={timeoutId}
                className="h-8 w-32 font-mono"
                placeholder="7d"
                value={step.approvalTimeout ?? ""}
                aria-invalid={timeoutIssue || (step.approvalTimeout && !DURATION_PATTERN.test(step.approvalTimeout)) ? true : undefined}
                onChange={(e) => onChange(step.id, { approvalTimeout: e.target.value.trim() || undefined }, `timeout:${step.id}`)}
              />
              {timeoutIssue ? (
                <p role="alert" className="text-xs font-medium text-destructive">
                  {timeoutIssue.message}
                </p>
              ) : (
                <p className="text-xs text-muted-foreground">How long the gate waits for a decision: 30m, 12h, 7d (default 7 days).</p>
              )}
            </div>
          )}
          {step.requiresApproval && (
            <ApprovalRuleEditor
              rule={step.approvalRule}
              readOnly={readOnly}
              onChange={(approvalRule, coalesce) => onChange(step.id, { approvalRule }, coalesce ? `${coalesce}:${step.id}` : undefined)}
            />
          )}
        </div>
      </fieldset>

      <div className="flex flex-col gap-2">
        <span className="text-sm font-medium">Depends on</span>
        {dependencies.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing — this step can start first.</p>
        ) : (
          <div className="flex flex-wrap gap-1.5">
            {dependencies.map((d) => (
              <button
                key={d.id}
                type="button"
                onClick={() => onSelect(d.id)}
                className="rounded-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              >
                <Badge variant="secondary" className="font-mono">
                  {d.label}
                </Badge>
              </button>
            ))}
          </div>
        )}
      </div>

      <Separator />

      <div className="flex flex-col gap-3">
        <div>
          <h3 className="text-sm font-medium">Inputs</h3>
          <p className="text-xs text-muted-foreground">
            Static inputs for this step. <span className="text-destructive">*</span> the tool needs it; left empty, the step decides it at run time from the run
            so far.
          </p>
        </div>
        <fieldset disabled={readOnly}>
          <InputForm
            key={`${step.id}:${step.toolName}`}
            toolName={step.toolName}
            value={step.input}
            onChange={(input) => onChange(step.id, { input }, `input:${step.id}`)}
          />
        </fieldset>
        {unknownInputs.length > 0 && (
          <div className="flex flex-col gap-1.5 rounded-md border border-destructive/40 p-2 text-xs">
            <span className="font-medium">Inputs this tool does not have</span>
            {unknownInputs.map((k) => (
              <div key={k} className="flex items-center gap-2">
                <code className="font-mono">{k}</code>
                <span className="truncate text-muted-foreground">{JSON.stringify(step.input[k])}</span>
                <Button
                  variant="ghost"
                  size="sm"
                  className="ml-auto h-6"
                  disabled={readOnly}
                  onClick={() => {
                    const { [k]: _drop, ...rest } = step.input;
                    onChange(step.id, { input: rest });
                  }}
                >
                  Remove
                </Button>
              </div>
            ))}
          </div>
        )}
      </div>

      {extra && !readOnly && (
        <>
          <Separator />
          {extra}
        </>
      )}

      {other.length > 0 && (
        <div className="flex flex-col gap-1.5" data-testid="step-issues">
          <span className="text-sm font-medium">Problems</span>
          <ul className="flex flex-col gap-1">
            {other.map((i) => (
              <IssueLine key={`${i.path}:${i.message}`} issue={i} />
            ))}
          </ul>
        </div>
      )}

      {!readOnly && (
        <div className="flex gap-2">
          <Button variant="outline" size="sm" onClick={() => onDuplicate(step.id)}>
            <Copy /> Duplicate
          </Button>
          <Button variant="outline" size="sm" className="text-destructive hover:text-destructive" onClick={() => onDelete(step.id)}>
            <Trash2 /> Delete step
          </Button>
        </div>
      )}

      <AlertDialog open={confirmOff} onOpenChange={setConfirmOff}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Turn off approval for this step?</AlertDialogTitle>
            <AlertDialogDescription>
              {tool?.title ?? step.toolName} publishes or has side effects. Without approval, its output goes out without anyone reviewing it.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Keep approval</AlertDialogCancel>
            <AlertDialogAction onClick={() => onChange(step.id, { requiresApproval: false })}>Turn off approval</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
});
