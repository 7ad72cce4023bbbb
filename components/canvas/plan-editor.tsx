"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
  type Edge,
  type OnSelectionChangeParams,
} from "@xyflow/react";
import { Download, LayoutGrid, Loader2, Play, Save, ShieldCheck } from "lucide-react";
import { useTheme } from "next-themes";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { clearDraft } from "@/components/plans/draft";
import { RelativeTime } from "@/components/plans/relative-time";
import { PlanRunsSheet } from "@/components/runs/plan-runs-sheet";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { graphToPlan, planToGraph } from "@/lib/plan/graph";
import { planToJson, slugify } from "@/lib/plan/export";
import { layoutGraph } from "@/lib/plan/layout";
import type { Plan } from "@/lib/plan/schema";
import { validatePlan } from "@/lib/plan/validate";
import { StepInspector, type StepPatch } from "./step-inspector";
import { StepNode, type StepFlowNode } from "./step-node";

// Module scope, as React Flow asks: a new object per render would remount every node.
const nodeTypes = { step: StepNode };

export interface PlanEditorProps {
  /** null = an imported draft that has never been saved. */
  planId: string | null;
  version: number | null;
  plan: Plan;
  savedAt?: string | null;
}

export function PlanEditor(props: PlanEditorProps) {
  return (
    <ReactFlowProvider>
      <Editor {...props} />
    </ReactFlowProvider>
  );
}

function Editor({ planId, version: loadedVersion, plan: initial, savedAt }: PlanEditorProps) {
  const router = useRouter();
  const { resolvedTheme } = useTheme();
  const { fitView } = useReactFlow();
  const initialGraph = useMemo(() => planToGraph(initial), [initial]);
  const [nodes, setNodes, onNodesChange] = useNodesState<StepFlowNode>(initialGraph.nodes);
  const [edges, , onEdgesChange] = useEdgesState<Edge>(initialGraph.edges);
  const [title, setTitle] = useState(initial.title);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [version, setVersion] = useState(loadedVersion);
  const [dirty, setDirty] = useState(planId === null);
  const [saving, setSaving] = useState(false);

  const currentPlan = useCallback(
    () => graphToPlan({ title: title.trim(), ...(initial.description !== undefined ? { description: initial.description } : {}) }, { nodes, edges }),
    [title, initial.description, nodes, edges],
  );

  const selectStep = useCallback(
    (id: string | null) => {
      setSelectedId(id);
      setNodes((ns) => ns.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })));
    },
    [setNodes],
  );

  const onSelectionChange = useCallback(({ nodes: sel }: OnSelectionChangeParams) => {
    setSelectedId(sel.length === 1 ? sel[0]!.id : null);
  }, []);

  // Once the user places a node by hand, the whole layout is theirs and is saved with the plan.
  const onNodeDragStop = useCallback(() => {
    setNodes((ns) => ns.map((n) => (n.data.positioned ? n : { ...n, data: { ...n.data, positioned: true } })));
    setDirty(true);
  }, [setNodes]);

  const updateStep = useCallback(
    (id: string, patch: StepPatch) => {
      setNodes((ns) => ns.map((n) => (n.id === id ? { ...n, data: { ...n.data, step: { ...n.data.step, ...patch } } } : n)));
      setDirty(true);
    },
    [setNodes],
  );

  const autoLayout = useCallback(() => {
    const positions = layoutGraph(nodes, edges);
    setNodes((ns) => ns.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position, data: { ...n.data, positioned: true } })));
    setDirty(true);
    requestAnimationFrame(() => void fitView({ duration: 200 }));
  }, [nodes, edges, setNodes, fitView]);

  const savingRef = useRef(false);
  const save = useCallback(async () => {
    if (savingRef.current) return;
    const checked = validatePlan(currentPlan());
    if (!checked.ok) {
      const first = checked.issues[0]!;
      toast.error("This plan cannot be saved yet", { description: `${first.path}: ${first.message}` });
      return;
    }
    savingRef.current = true;
    setSaving(true);
    try {
      const res = planId
        ? await fetch(`/api/plans/${planId}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ plan: checked.plan, baseVersion: version }) })
        : await fetch("/api/plans", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(checked.plan) });
      const body = (await res.json().catch(() => ({}))) as { id?: string; version?: number; error?: string };
      if (res.ok && body.id && body.version) {
        setDirty(false);
        setVersion(body.version);
        toast.success(`Saved version ${body.version}`);
        if (!planId) {
          clearDraft();
          router.replace(`/plans/${body.id}`);
        }
      } else if (res.status === 409) {
        toast.error("Someone saved a newer version", {
          description: body.error,
          duration: Infinity,
          action: { label: "Reload", onClick: () => window.location.reload() },
        });
      } else {
        toast.error("Save failed", { description: body.error ?? `HTTP ${res.status}` });
      }
    } catch (e) {
      toast.error("Save failed", { description: (e as Error).message });
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  }, [currentPlan, planId, version, router]);

  const [starting, setStarting] = useState(false);
  const startRun = useCallback(async () => {
    if (!planId || !version) return;
    setStarting(true);
    try {
      const res = await fetch("/api/runs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ planId, version }) });
      const body = (await res.json().catch(() => ({}))) as { runId?: string; error?: string };
      if (res.ok && body.runId) router.push(`/runs/${body.runId}`);
      else toast.error("The run could not start", { description: body.error ?? `HTTP ${res.status}` });
    } finally {
      setStarting(false);
    }
  }, [planId, version, router]);

  const exportJson = useCallback(() => {
    const plan = currentPlan();
    const url = URL.createObjectURL(new Blob([planToJson(plan)], { type: "application/json" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: `${slugify(plan.title)}.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, [currentPlan]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [save]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const selected = selectedId ? nodes.find((n) => n.id === selectedId) : undefined;
  const dependencies = useMemo(() => {
    if (!selectedId) return [];
    const labels = new Map(nodes.map((n) => [n.id, `${n.data.step.stepIndex} · ${n.id}`]));
    return edges.filter((e) => e.target === selectedId).map((e) => ({ id: e.source, label: labels.get(e.source) ?? e.source }));
  }, [selectedId, nodes, edges]);
  const gated = nodes.filter((n) => n.data.step.requiresApproval).length;

  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b px-4 py-2">
        <Input
          aria-label="Plan title"
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            setDirty(true);
          }}
          className="h-8 max-w-md font-medium"
        />
        {version ? (
          <Badge variant="secondary" data-testid="plan-version">
            v{version}
          </Badge>
        ) : (
          <Badge variant="outline">Unsaved draft</Badge>
        )}
        <span data-testid="dirty-indicator" className="text-xs text-muted-foreground" aria-live="polite">
          {dirty ? (
            "● Unsaved changes"
          ) : savedAt && version === loadedVersion ? (
            <>
              Saved <RelativeTime iso={savedAt} />
            </>
          ) : (
            "All changes saved"
          )}
        </span>
        <div className="ml-auto flex items-center gap-1">
          {planId && <PlanRunsSheet planId={planId} />}
          <Tooltip>
            <TooltipTrigger asChild>
              <Button variant="ghost" size="sm" onClick={autoLayout}>
                <LayoutGrid /> Auto-layout
              </Button>
            </TooltipTrigger>
            <TooltipContent>Arrange steps top-down</TooltipContent>
          </Tooltip>
          <Tooltip>
            <TooltipTrigger asChild>
              <Button variant="outline" size="sm" onClick={exportJson}>
                <Download /> Export JSON
              </Button>
            </TooltipTrigger>
            <TooltipContent>Download the plan as JSON</TooltipContent>
          </Tooltip>
          <Tooltip>
            <TooltipTrigger asChild>
              <Button size="sm" onClick={() => void save()} disabled={saving || (!dirty && planId !== null)}>
                {saving ? <Loader2 className="animate-spin" /> : <Save />} Save
              </Button>
            </TooltipTrigger>
            <TooltipContent>Save as a new version (Ctrl+S)</TooltipContent>
          </Tooltip>
          <Tooltip>
            <TooltipTrigger asChild>
              {/* A span keeps the tooltip working while the button is disabled. */}
              <span tabIndex={dirty || !planId ? 0 : -1}>
                <Button size="sm" variant="secondary" onClick={() => void startRun()} disabled={starting || dirty || !planId || nodes.length === 0}>
                  {starting ? <Loader2 className="animate-spin" /> : <Play />} Run
                </Button>
              </span>
            </TooltipTrigger>
            <TooltipContent>{dirty || !planId ? "Save the plan to run it" : `Run version ${version}`}</TooltipContent>
          </Tooltip>
        </div>
      </div>
      <div className="flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1" data-testid="canvas">
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onSelectionChange={onSelectionChange}
            onNodeDragStop={onNodeDragStop}
            onPaneClick={() => selectStep(null)}
            nodesConnectable={false}
            deleteKeyCode={null}
            colorMode={resolvedTheme === "dark" ? "dark" : "light"}
            fitView
            fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
            minZoom={0.05}
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={16} />
            <Controls />
            <MiniMap pannable zoomable />
          </ReactFlow>
          {nodes.length === 0 && (
            <div className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-muted-foreground">This plan has no steps yet.</div>
          )}
        </div>
        <aside className="w-80 shrink-0 overflow-y-auto border-l bg-background" aria-label="Step details">
          {selected ? (
            <StepInspector
              step={{ ...selected.data.step, dependsOn: dependencies.map((d) => d.id) }}
              dependencies={dependencies}
              onChange={(patch) => updateStep(selected.id, patch)}
              onSelect={selectStep}
            />
          ) : (
            <div className="flex flex-col gap-3 p-4 text-sm">
              <h2 className="font-semibold">Plan overview</h2>
              <dl className="grid grid-cols-2 gap-y-1 text-muted-foreground">
                <dt>Steps</dt>
                <dd className="text-right text-foreground">{nodes.length}</dd>
                <dt>Dependencies</dt>
                <dd className="text-right text-foreground">{edges.length}</dd>
                <dt className="flex items-center gap-1">
                  <ShieldCheck className="size-3.5 text-approval" aria-hidden /> Approval gates
                </dt>
                <dd className="text-right text-foreground">{gated}</dd>
              </dl>
              <p className="text-muted-foreground">Select a step on the canvas to see its details.</p>
            </div>
          )}
        </aside>
      </div>
    </div>
  );
}
