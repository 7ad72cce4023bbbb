"use client";

import { ShieldCheck } from "lucide-react";
import { useCallback, useMemo } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { useEditor, useEditorStore, useSelectedIds } from "./editor-context";
import { ProposalPanel } from "./proposal-panel";
import { StepInspector } from "./step-inspector";
import { paramSlots } from "@/lib/templates/editing";
import { ParamSlotsContext } from "./input-fields";
import { ReferencesContext } from "./reference-picker";
import { StepParams } from "./step-params";
import type { EditorCommands } from "./use-editor-commands";
import { useProposalReview } from "./use-proposal-review";

/** Beside the canvas: the proposal under review, the selected step, the selection, or the plan. */
export function EditorSidePanel({ commands }: { commands: EditorCommands }) {
  const proposal = useEditor((s) => s.proposal);
  const pending = useEditor((s) => s.review?.pending);
  const review = useProposalReview();
  const ids = useSelectedIds();
  return (
    <aside className="w-full shrink-0 border-t bg-background md:w-80 md:overflow-y-auto md:border-t-0 md:border-l" aria-label="Step details">
      {proposal && pending?.length ? (
        <ProposalPanel
          summary={proposal.summary}
          source={proposal.source}
          pending={pending}
          onAccept={review.acceptChange}
          onReject={review.rejectChange}
          onAcceptAll={review.acceptAll}
          onRejectAll={review.rejectAll}
          onStepClick={commands.focusStep}
        />
      ) : ids.length === 1 ? (
        <SelectedStep id={ids[0]!} commands={commands} />
      ) : ids.length > 1 ? (
        <MultiSelection ids={ids} />
      ) : (
        <Overview />
      )}
    </aside>
  );
}

function SelectedStep({ id, commands }: { id: string; commands: EditorCommands }) {
  const store = useEditorStore();
  const { changeStep, changeTool, deleteStep } = store.getState();
  // The node's step (the same object until the step's content changes) and its dependencies.
  const nodeStep = useEditor((s) => s.nodes.find((n) => n.id === id)?.data.step);
  const dependsOn = useEditor((s) => s.doc.plan.steps.find((x) => x.id === id)?.dependsOn);
  const check = useEditor((s) => s.check);
  const dependencies = useMemo(() => {
    // Step indexes only for the labels: recomputed when the dependencies change.
    const index = new Map(store.getState().doc.plan.steps.map((s) => [s.id, s.stepIndex]));
    return (dependsOn ?? []).map((d) => ({ id: d, label: index.has(d) ? `${index.get(d)} · ${d}` : d }));
  }, [dependsOn, store]);
  const step = useMemo(() => (nodeStep ? { ...nodeStep, dependsOn: dependencies.map((d) => d.id) } : undefined), [nodeStep, dependencies]);
  const issues = useMemo(() => check.issues.filter((i) => i.stepId === id), [check, id]);
  const onSelect = useCallback((stepId: string) => commands.selectStep(stepId), [commands]);
  const onDuplicate = useCallback((stepId: string) => void store.getState().duplicate([stepId]), [store]);
  const params = useEditor((s) => s.params);
  const slots = useMemo(() => paramSlots(params, id), [params, id]);
  const planSteps = useEditor((s) => s.doc.plan.steps);
  const references = useMemo(() => ({ steps: planSteps, stepId: id }), [planSteps, id]);
  if (!step) return null;
  return (
    <ReferencesContext.Provider value={references}>
      <ParamSlotsContext.Provider value={slots}>
        <StepInspector
          step={step}
          dependencies={dependencies}
          issues={issues}
          onChange={changeStep}
          onSwitchTool={changeTool}
          onSelect={onSelect}
          onDelete={deleteStep}
          onDuplicate={onDuplicate}
          extra={<StepParams stepId={step.id} toolName={step.toolName} input={step.input} />}
        />
      </ParamSlotsContext.Provider>
    </ReferencesContext.Provider>
  );
}

function MultiSelection({ ids }: { ids: string[] }) {
  const store = useEditorStore();
  return (
    <div className="flex flex-col gap-3 p-4 text-sm" data-testid="multi-selection">
      <h2 className="font-semibold">{ids.length} steps selected</h2>
      <p className="text-muted-foreground">Drag any of them to move them together.</p>
      <div className="flex gap-2">
        <Button variant="outline" size="sm" onClick={() => store.getState().duplicate(ids)}>
          Duplicate
        </Button>
        <Button variant="outline" size="sm" className="text-destructive hover:text-destructive" onClick={() => store.getState().deleteSteps(ids)}>
          Delete
        </Button>
      </div>
    </div>
  );
}

function Overview() {
  const plan = useEditor((s) => s.working);
  const errors = useEditor((s) => s.check.errors);
  const counts = useMemo(
    () => ({ deps: plan.steps.reduce((n, s) => n + s.dependsOn.length, 0), gated: plan.steps.filter((s) => s.requiresApproval).length }),
    [plan],
  );
  return (
    <div className="flex flex-col gap-3 p-4 text-sm">
      <h2 className="font-semibold">Plan overview</h2>
      <dl className="grid grid-cols-2 gap-y-1 text-muted-foreground">
        <dt>Steps</dt>
        <dd className="text-right text-foreground">{plan.steps.length}</dd>
        <dt>Dependencies</dt>
        <dd className="text-right text-foreground">{counts.deps}</dd>
        <dt className="flex items-center gap-1">
          <ShieldCheck className="size-3.5 text-approval" aria-hidden /> Approval gates
        </dt>
        <dd className="text-right text-foreground">{counts.gated}</dd>
        <dt>Problems</dt>
        <dd className={cn("text-right", errors ? "text-destructive" : "text-foreground")}>{errors}</dd>
      </dl>
      <p className="text-muted-foreground">Select a step on the canvas to edit it. Press ? for keyboard shortcuts.</p>
    </div>
  );
}
