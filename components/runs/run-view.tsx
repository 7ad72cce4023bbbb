"use client";

import { TriggerLabel } from "./trigger-label";
import "@xyflow/react/dist/style.css";
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, type Edge, type FitViewOptions } from "@xyflow/react";
import { ArrowLeft, ShieldAlert } from "lucide-react";
import { useTheme } from "next-themes";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { toast } from "sonner";
import { Elapsed, RelativeTime } from "@/components/plans/relative-time";
import { Button } from "@/components/ui/button";
import { inferDirection } from "@/components/canvas/editor-doc";
import { isPhoneWidth } from "@/components/canvas/viewport";
import { planToGraph } from "@/lib/plan/graph";
import { NODE_SIZE } from "@/lib/plan/layout";
import { planStepNumbers } from "@/lib/plan/order";
import type { Plan } from "@/lib/plan/schema";
import { isTerminal, type Status } from "@/lib/runs/status";
import { cn } from "@/lib/utils";
import { CancelRunButton } from "./cancel-run-button";
import { RerunDialog } from "./rerun-dialog";
import { ResultsView, RunViewToggle, useFitWhenShown, useRunViewMode } from "./results-view";
import { RunStepNode, type RunStepFlowNode } from "./run-step-node";
import { useMeasuredNodes } from "./use-measured-nodes";
import { StatusBadge } from "./status";
import { StepPanel } from "./step-panel";
import type { RunData, RunStepData } from "./types";
import { useRun } from "./use-run";

const nodeTypes = { runStep: RunStepNode };
// Readable first: a long plan is panned, not shrunk to illegible text; the bottom padding keeps the last row clear of the minimap.
const FIT_VIEW_OPTIONS: FitViewOptions = { padding: { top: 0.15, left: 0.15, right: 0.15, bottom: "170px" }, maxZoom: 1, minZoom: 0.5 };

/** On a phone (no minimap, a short canvas) the view opens on the step the reviewer is there for. */
function fitOptions(focus: string | null): FitViewOptions {
  if (!isPhoneWidth()) return FIT_VIEW_OPTIONS;
  return focus ? { nodes: [{ id: focus }], padding: 0.3, maxZoom: 0.9 } : { padding: 0.1, maxZoom: 0.9, minZoom: 0.5 };
}

const MINIMAP_COLOR: Partial<Record<Status, string>> = {
  running: "var(--status-running)",
  awaiting_approval: "var(--status-awaiting)",
  approved: "var(--status-success)",
  succeeded: "var(--status-success)",
  failed: "var(--status-failure)",
  rejected: "var(--status-failure)",
  expired: "var(--status-expired)",
};

// Module scope: a new function per render would redraw every minimap node on each status change.
const minimapColor = (n: { data: unknown }) => MINIMAP_COLOR[(n.data as { status: Status }).status] ?? "var(--muted-foreground)";
const PRO_OPTIONS = { hideAttribution: true };

type LayoutNode = ReturnType<typeof planToGraph>["nodes"][number];
type LayoutEdge = ReturnType<typeof planToGraph>["edges"][number];

const sameData = (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
};

// The last node made for each layout node: handed back while its data is the same (a snapshot
// reload makes every step object new, and most steps have not changed).
const madeNodes = new WeakMap<LayoutNode, RunStepFlowNode>();
function runNode(n: LayoutNode, s: RunStepData | undefined, selected: boolean, number: number): RunStepFlowNode {
  const data: RunStepFlowNode["data"] = {
    stepId: n.id,
    stepIndex: n.data.step.stepIndex,
    number,
    toolName: n.data.step.toolName,
    description: n.data.step.description,
    status: s?.status ?? "pending",
    attempts: s?.attempts ?? 0,
    revision: s?.revision ?? 0,
    reused: s?.reused ?? false,
    deliveryUnknown: s?.delivery === "unknown",
    feedbackNotApplied: !!s?.previous?.unchanged,
    ...(s?.approval ? { gateLabel: s.approval.quorum > 1 ? s.approval.label : undefined, notYours: !s.approval.you.may } : {}),
  };
  const last = madeNodes.get(n);
  if (last && last.selected === selected && sameData(last.data, data)) return last;
  const node: RunStepFlowNode = {
    id: n.id,
    type: "runStep",
    position: n.position,
    // A known size: the minimap draws only nodes with dimensions, and these are never measured into the (controlled) nodes.
    width: NODE_SIZE.width,
    height: NODE_SIZE.height,
    selected,
    data,
  };
  madeNodes.set(n, node);
  return node;
}

const madeEdges = new WeakMap<LayoutEdge, Edge>();
function runEdge(e: LayoutEdge, animated: boolean): Edge {
  const last = madeEdges.get(e);
  if (last && last.animated === animated) return last;
  const edge = { ...e, animated };
  madeEdges.set(e, edge);
  return edge;
}

function View({ initial, plan, initialStep }: { initial: RunData; plan: Plan; initialStep?: string }) {
  const { resolvedTheme } = useTheme();
  const { run, refresh } = useRun(initial.id, initial);
  const [selectedId, setSelectedId] = useState<string | null>(() => initialStep ?? initial.steps.find((s) => s.status === "awaiting_approval")?.id ?? null);
  const layout = useMemo(() => planToGraph(plan), [plan]);
  const [mode, setMode] = useRunViewMode(run.status, initialStep);
  useFitWhenShown(mode);
  // The first fit only; read in the browser (not part of the markup).
  const [initialFit] = useState(() => fitOptions(selectedId));
  const numbers = useMemo(() => {
    const at = new Map(layout.nodes.map((n) => [n.id, n.position]));
    return planStepNumbers(plan, (id) => at.get(id), inferDirection(plan));
  }, [plan, layout]);

  // Node and edge objects change only when what they show changes (runNode, runEdge), so a status
  // change re-renders its node, not the whole canvas.
  const byId = useMemo(() => new Map(run.steps.map((s) => [s.id, s])), [run.steps]);
  const fresh: RunStepFlowNode[] = useMemo(
    () => layout.nodes.map((n) => runNode(n, byId.get(n.id), n.id === selectedId, numbers.get(n.id) ?? n.data.step.stepIndex + 1)),
    [layout, byId, selectedId, numbers],
  );
  const { nodes, onNodesChange } = useMeasuredNodes(fresh);
  const edges: Edge[] = useMemo(
    () => layout.edges.map((e) => runEdge(e, byId.get(e.target)?.status === "running" || byId.get(e.source)?.status === "running")),
    [layout, byId],
  );

  const waiting = run.steps.filter((s) => s.status === "awaiting_approval");
  const selected = selectedId ? byId.get(selectedId) : undefined;

  // The same element while its inputs are the same: an event about another step (every status
  // change of the run) does not re-render the selected step's panel and its output.
  const finished = isTerminal(run.status);
  const mayRun = run.you.mayRun;
  const approvals = run.approvals;
  const panel = useMemo(
    () =>
      selected ? (
        <StepPanel
          key={selected.id}
          runId={initial.id}
          step={selected}
          description={plan.steps.find((p) => p.id === selected.id)?.description ?? ""}
          planned={plan.steps.find((p) => p.id === selected.id)?.input}
          approvals={approvals.filter((a) => a.stepId === selected.id)}
          onDecided={() => void refresh()}
          rerun={finished && mayRun ? <RerunDialog runId={initial.id} plan={plan} fromStep={selected.id} /> : undefined}
        />
      ) : (
        <div className="p-4 text-sm text-muted-foreground">Select a step to see its input, output, logs and approvals.</div>
      ),
    [selected, initial.id, plan, approvals, refresh, finished, mayRun],
  );

  // Stable handlers: React Flow copies changed props into its store, which re-renders its subscribers.
  const selectNode = useCallback((_: unknown, n: { id: string }) => setSelectedId(n.id), []);
  const clearSelection = useCallback(() => setSelectedId(null), []);

  const cancel = useCallback(async () => {
    const res = await fetch(`/api/runs/${run.id}/cancel`, { method: "POST" });
    if (res.ok) toast.success("Run cancelled");
    else toast.error("Could not cancel", { description: ((await res.json().catch(() => ({}))) as { error?: string }).error });
    void refresh();
  }, [run.id, refresh]);

  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b px-4 py-2 text-sm">
        <Button variant="ghost" size="icon" asChild aria-label="Back to the plan">
          <Link href={`/plans/${run.planId}`}>
            <ArrowLeft />
          </Link>
        </Button>
        <div className="min-w-0 max-sm:flex-1 max-sm:basis-[calc(100%-3.25rem)]">
          <p className="truncate font-medium">{run.planTitle}</p>
          <p className="text-xs text-muted-foreground">
            v{run.version} · started {run.startedAt ? <RelativeTime iso={run.startedAt} /> : "—"} by {run.startedBy.name || "someone"}
            <TriggerLabel trigger={run.trigger} name={run.triggerName} className="ml-1" />
            {run.startedAt ? (
              <>
                {" · "}
                <Elapsed from={run.startedAt} to={run.finishedAt} />
              </>
            ) : null}
          </p>
          {run.template && (
            <p className="truncate text-xs text-muted-foreground" data-testid="run-template" title={templateValues(run.template.params)}>
              from template {run.template.name} v{run.template.version}
              {Object.keys(run.template.params).length > 0 && <> · {templateValues(run.template.params)}</>}
            </p>
          )}
        </div>
        <span data-testid="run-status" data-status={run.status}>
          <StatusBadge status={run.status} />
        </span>
        {run.error && (
          <span className="truncate text-xs text-destructive" title={run.error}>
            {run.error}
          </span>
        )}
        <div className="ml-auto flex items-center gap-2">
          {isTerminal(run.status) && <RunViewToggle mode={mode} onChange={setMode} />}
          {!isTerminal(run.status) && run.you.mayRun && <CancelRunButton onConfirm={cancel} />}
        </div>
      </div>
      {mode === "results" && isTerminal(run.status) && <ResultsView run={run} plan={plan} onShowStep={(id) => (setSelectedId(id), setMode("canvas"))} />}
      {/* Side by side from md up; on a phone the canvas keeps a fixed height and the step panel (output,
          decision) stacks below it, the page scrolling instead of squeezing the canvas to nothing. */}
      <div
        className={cn("flex min-h-0 flex-1 flex-col overflow-y-auto md:flex-row md:overflow-hidden", mode === "results" && isTerminal(run.status) && "hidden")}
      >
        <div className="relative h-[45dvh] min-h-64 w-full shrink-0 md:h-auto md:min-h-0 md:min-w-0 md:flex-1 md:shrink" data-testid="run-canvas">
          <ReactFlow
            nodes={nodes}
            onNodesChange={onNodesChange}
            edges={edges}
            nodeTypes={nodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            onNodeClick={selectNode}
            onPaneClick={clearSelection}
            colorMode={resolvedTheme === "dark" ? "dark" : "light"}
            fitView
            fitViewOptions={initialFit}
            minZoom={0.05}
            proOptions={PRO_OPTIONS}
          >
            <Background gap={16} />
            <Controls showInteractive={false} />
            <MiniMap pannable zoomable className="max-sm:!hidden" nodeStrokeWidth={0} nodeColor={minimapColor} />
          </ReactFlow>
        </div>
        <aside className="flex w-full flex-col border-t md:w-[26rem] md:shrink-0 md:overflow-y-auto md:border-t-0 md:border-l" aria-label="Run details">
          {waiting.length > 0 && (
            <section className="border-b p-3" data-testid="approvals-panel">
              <h2 className="mb-2 flex items-center gap-1.5 text-sm font-semibold">
                <ShieldAlert className="size-4 text-status-awaiting" aria-hidden /> Approvals ({waiting.length})
              </h2>
              <ul className="flex flex-col gap-1">
                {waiting.map((s) => (
                  <li key={s.id}>
                    <button type="button" onClick={() => setSelectedId(s.id)} className="w-full rounded-md px-2 py-1 text-left text-sm hover:bg-accent">
                      {numbers.get(s.id) ?? s.stepIndex + 1}. {s.toolName} <span className="text-muted-foreground">· {s.id}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {panel}
        </aside>
      </div>
    </div>
  );
}

export function RunView(props: { initial: RunData; plan: Plan; initialStep?: string }) {
  return (
    <ReactFlowProvider>
      <View {...props} />
    </ReactFlowProvider>
  );
}

/** "topic = AI agents, slides = 6": the values a templated run was made with. */
function templateValues(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} = ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(", ");
}
