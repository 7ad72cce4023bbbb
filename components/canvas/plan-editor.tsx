"use client";

import "@xyflow/react/dist/style.css";
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useUpdateNodeInternals,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type NodeHandle,
} from "@xyflow/react";
import {
  AlertCircle,
  ArrowDown,
  ArrowRight,
  ChevronDown,
  Download,
  FileJson,
  FileUp,
  Image as ImageIcon,
  Keyboard,
  LayoutGrid,
  Loader2,
  Magnet,
  Play,
  Redo2,
  Save,
  Shapes,
  ShieldCheck,
  Sparkles,
  Undo2,
} from "lucide-react";
import { useTheme } from "next-themes";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { clearDraft } from "@/components/plans/draft";
import { ImportDialog } from "@/components/plans/import-dialog";
import { RelativeTime } from "@/components/plans/relative-time";
import { PlanRunsSheet } from "@/components/runs/plan-runs-sheet";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Separator } from "@/components/ui/separator";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { checkPlan, type EditorIssue } from "@/lib/plan/check";
import { jsonEqual } from "@/lib/plan/diff";
import { addStep, connectSteps, copySteps, disconnectSteps, pasteSteps, removeSteps, sinks, switchTool, uniqueStepId, updateStep, type StepPatch } from "@/lib/plan/edit";
import { planToJson, slugify } from "@/lib/plan/export";
import { edgeId, planToGraph } from "@/lib/plan/graph";
import { layoutGraph, NODE_SIZE, type LayoutDirection } from "@/lib/plan/layout";
import { acceptAll, acceptChange, effectiveProposal, pendingChanges, placeNewSteps } from "@/lib/plan/proposal";
import type { Plan, PlanStep } from "@/lib/plan/schema";
import { getTool } from "@/lib/tools/catalog";
import { cn } from "@/lib/utils";
import { AiDialog, type AiMode } from "./ai-dialog";
import { ConflictDialog, type Conflict } from "./conflict-dialog";
import { EditorStore, EditorStoreProvider, type ProposalMark } from "./editor-store";
import { canvasImage, download } from "./export-image";
import { reconcile, savedPlan, workingPlan, type Snapshot } from "./graph-state";
import { IssuesPanel } from "./issues-panel";
import { LeaveGuard } from "./leave-guard";
import { Palette, TOOL_MIME } from "./palette";
import { ProposalPanel } from "./proposal-panel";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { StepInspector } from "./step-inspector";
import { StepNode, type StepFlowNode } from "./step-node";
import { useHistory } from "./use-history";
import { useIdempotencyKey } from "../runs/use-idempotency-key";
import { VersionsSheet } from "./versions-sheet";

// Module scope, as React Flow asks: a new object per render would remount every node.
const nodeTypes = { step: StepNode };
const GRID: [number, number] = [16, 16];
const ADDED = "#10b981";
const REMOVED = "#ef4444";

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

/** Steps copied with Ctrl+C, kept for the tab (pasting into another plan works too). */
let clipboard: PlanStep[] | null = null;

/** Which way a saved layout flows, so handles and new steps follow it. */
function inferDirection(plan: Plan): LayoutDirection {
  const at = new Map(plan.steps.map((s) => [s.id, s.position]));
  let dx = 0;
  let dy = 0;
  for (const s of plan.steps)
    for (const d of s.dependsOn) {
      const a = at.get(d);
      const b = s.position;
      if (a && b) {
        dx += Math.abs(b.x - a.x);
        dy += Math.abs(b.y - a.y);
      }
    }
  return dx > dy ? "LR" : "TB";
}

/** A plan with every step placed (saved positions kept, the others laid out). */
function placed(plan: Plan, direction: LayoutDirection): Plan {
  const g = planToGraph(plan, direction);
  const pos = new Map(g.nodes.map((n) => [n.id, n.position]));
  return { ...plan, steps: plan.steps.map((s) => ({ ...s, position: pos.get(s.id)! })) };
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) || !!el.closest("[role=dialog],[role=alertdialog],[role=menu],[role=listbox]");
}

/** Where a step node's handles are (they are 10 px, centred on the node's edges). */
function ghostHandles(direction: LayoutDirection): NodeHandle[] {
  const { width: w, height: h } = NODE_SIZE;
  return direction === "LR"
    ? [
        { type: "target", position: Position.Left, x: -5, y: h / 2 - 5, width: 10, height: 10 },
        { type: "source", position: Position.Right, x: w - 5, y: h / 2 - 5, width: 10, height: 10 },
      ]
    : [
        { type: "target", position: Position.Top, x: w / 2 - 5, y: -5, width: 10, height: 10 },
        { type: "source", position: Position.Bottom, x: w / 2 - 5, y: h - 5, width: 10, height: 10 },
      ];
}

interface ProposalState {
  proposed: Plan;
  summary: string;
  source: string;
  rejected: ReadonlySet<string>;
}

function Editor({ planId, version: loadedVersion, plan: initial, savedAt }: PlanEditorProps) {
  const router = useRouter();
  const { resolvedTheme } = useTheme();
  const rf = useReactFlow<StepFlowNode, Edge>();
  const updateNodeInternals = useUpdateNodeInternals();
  const [store] = useState(() => new EditorStore());
  const [start] = useState(() => {
    const direction = inferDirection(initial);
    const g = planToGraph(initial, direction);
    return { direction, snapshot: { title: initial.title, nodes: g.nodes as StepFlowNode[], edges: g.edges as Edge[] } satisfies Snapshot };
  });
  const history = useHistory<Snapshot>(start.snapshot);
  const [nodes, setNodes] = useState<StepFlowNode[]>(start.snapshot.nodes);
  const [edges, setEdges] = useState<Edge[]>(start.snapshot.edges);
  const [title, setTitle] = useState(initial.title);
  const [saved, setSaved] = useState<Snapshot | null>(planId === null ? null : start.snapshot);
  const [version, setVersion] = useState(loadedVersion);
  const [saving, setSaving] = useState(false);
  const [direction, setDirection] = useState<LayoutDirection>(start.direction);
  const [snap, setSnap] = useState(true);
  const [issuesOpen, setIssuesOpen] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [aiOpen, setAiOpen] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [proposal, setProposal] = useState<ProposalState | null>(null);
  const description = initial.description;

  // The latest state for event handlers and stable callbacks (updated after every render).
  const live = useRef({ nodes, edges, title });
  useEffect(() => {
    live.current = { nodes, edges, title };
  });
  useEffect(() => store.setDirection(direction), [store, direction]);

  const meta = useCallback((t: string) => ({ title: t.trim(), ...(description !== undefined ? { description } : {}) }), [description]);
  const present = history.present;
  const presentPlan = useMemo(() => workingPlan(meta(present.title), present.nodes, present.edges), [present, meta]);
  const check = useMemo(() => checkPlan(presentPlan), [presentPlan]);
  useEffect(() => store.setIssues(check.byStep), [store, check]);
  const dirty = saved === null || present !== saved;

  /**
   * Every edit goes through here: the plan on the canvas is changed by a pure operation, the nodes
   * and edges are reconciled (untouched ones keep their identity) and the result is one undo step.
   */
  const apply = useCallback(
    (fn: (plan: Plan) => Plan | { plan: Plan; select?: string[] } | null | undefined, opts: { key?: string; positionAll?: boolean; positioned?: ReadonlySet<string> } = {}) => {
      const cur = live.current;
      const before = workingPlan(meta(cur.title), cur.nodes, cur.edges);
      const out = fn(before);
      if (!out) return false;
      const after = "steps" in out ? out : out.plan;
      const select = "steps" in out ? undefined : out.select;
      if (after === before) return false;
      const g = reconcile(cur, after, { positionAll: opts.positionAll, ...(select ? { select } : {}) });
      let nodesNext = g.nodes;
      if (opts.positioned) nodesNext = nodesNext.map((n) => (n.data.positioned === opts.positioned!.has(n.id) ? n : { ...n, data: { ...n.data, positioned: opts.positioned!.has(n.id) } }));
      const nextTitle = after.title !== before.title ? after.title : cur.title;
      live.current = { nodes: nodesNext, edges: g.edges, title: nextTitle };
      setNodes(nodesNext);
      setEdges(g.edges);
      if (nextTitle !== cur.title) setTitle(nextTitle);
      history.commit({ title: nextTitle, nodes: nodesNext, edges: g.edges }, opts.key);
      return true;
    },
    [history, meta],
  );

  /** Shows a snapshot from the history, keeping what is selected now. */
  const restore = useCallback((s: Snapshot) => {
    const liveById = new Map(live.current.nodes.map((n) => [n.id, n]));
    const nodesNext = s.nodes.map((n) => {
      const l = liveById.get(n.id);
      const selected = l?.selected ?? false;
      const measured = l?.measured ?? n.measured;
      return n.selected === selected && n.measured === measured ? n : { ...n, selected, measured };
    });
    live.current = { nodes: nodesNext, edges: s.edges, title: s.title };
    setNodes(nodesNext);
    setEdges(s.edges);
    setTitle(s.title);
  }, []);

  const undo = useCallback(() => {
    const s = history.undo();
    if (s) restore(s);
  }, [history, restore]);
  const redo = useCallback(() => {
    const s = history.redo();
    if (s) restore(s);
  }, [history, restore]);

  // ── selection ──
  const selectionKey = useMemo(() => nodes.filter((n) => n.selected).map((n) => n.id).join("\n"), [nodes]);
  const selectedIds = useMemo(() => (selectionKey ? selectionKey.split("\n") : []), [selectionKey]);
  const selectedId = selectedIds.length === 1 ? selectedIds[0]! : null;

  const selectStep = useCallback(
    (id: string | null, focus = false) => {
      setNodes((ns) => ns.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })));
      setEdges((es) => (es.some((e) => e.selected) ? es.map((e) => (e.selected ? { ...e, selected: false } : e)) : es));
      if (id && focus) requestAnimationFrame(() => void rf.fitView({ nodes: [{ id }], duration: 250, maxZoom: 1, padding: 0.6 }));
    },
    [rf],
  );

  const onNodesChange = useCallback((changes: NodeChange<StepFlowNode>[]) => {
    setNodes((ns) => applyNodeChanges(changes.filter((c) => c.type !== "remove" && c.type !== "add" && c.type !== "replace"), ns));
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<Edge>[]) => {
    setEdges((es) => applyEdgeChanges(changes.filter((c) => c.type === "select"), es));
  }, []);

  // Once the user places a node by hand, the whole layout is theirs and is saved with the plan.
  const onNodeDragStop = useCallback(() => {
    const cur = live.current;
    const before = new Map(history.current().nodes.map((n) => [n.id, n.position]));
    if (cur.nodes.every((n) => before.get(n.id) === n.position)) return;
    const nodesNext = cur.nodes.map((n) => (n.data.positioned ? n : { ...n, data: { ...n.data, positioned: true } }));
    live.current = { ...cur, nodes: nodesNext };
    setNodes(nodesNext);
    history.commit({ title: cur.title, nodes: nodesNext, edges: cur.edges });
  }, [history]);

  const onConnect = useCallback(
    (c: Connection) => {
      apply((plan) => {
        const r = connectSteps(plan, c.source, c.target);
        if (r.ok) return r.plan;
        if (r.reason !== "duplicate") toast.error("Connection refused", { description: r.message });
        return null;
      });
    },
    [apply],
  );

  // ── editing ──
  const selectedIdRef = useRef<string | null>(null);
  useEffect(() => {
    selectedIdRef.current = selectedId;
  }, [selectedId]);
  const addTool = useCallback(
    (toolName: string, at?: { x: number; y: number }) => {
      apply(
        (plan) => {
          const anchor = at ? null : (selectedIdRef.current ?? undefined);
          const r = addStep(plan, toolName, { after: anchor, direction, ...(at ? { position: at } : {}) });
          return { plan: r.plan, select: [r.id] };
        },
        { positionAll: true },
      );
    },
    [apply, direction],
  );

  const changeStep = useCallback(
    (id: string, patch: StepPatch, key?: string) => {
      apply(
        (plan) => {
          const step = plan.steps.find((s) => s.id === id);
          if (!step || Object.entries(patch).every(([k, v]) => jsonEqual(step[k as keyof PlanStep], v))) return null;
          return updateStep(plan, id, patch);
        },
        { key },
      );
    },
    [apply],
  );
  const changeTool = useCallback((id: string, toolName: string) => apply((plan) => ({ ...plan, steps: plan.steps.map((s) => (s.id === id ? switchTool(s, toolName) : s)) })), [apply]);

  const deleteSteps = useCallback(
    (ids: readonly string[]) => {
      const edgesSel = live.current.edges.filter((e) => e.selected);
      if (!ids.length && !edgesSel.length) return;
      apply((plan) => {
        let next = removeSteps(plan, ids);
        for (const e of edgesSel) next = disconnectSteps(next, e.source, e.target);
        return next;
      });
    },
    [apply],
  );

  const pasteCount = useRef(0);
  const copy = useCallback((ids: readonly string[]) => {
    if (!ids.length) return false;
    const cur = live.current;
    clipboard = copySteps(workingPlan({ title: cur.title }, cur.nodes, cur.edges), ids);
    pasteCount.current = 0;
    return true;
  }, []);
  const paste = useCallback(() => {
    const fragment = clipboard;
    if (!fragment?.length) return;
    const k = ++pasteCount.current;
    apply(
      (plan) => {
        const r = pasteSteps(plan, fragment, { x: 40 * k, y: 40 * k });
        return { plan: r.plan, select: r.ids };
      },
      { positionAll: true },
    );
  }, [apply]);
  const duplicate = useCallback(
    (ids: readonly string[]) => {
      if (copy(ids)) paste();
    },
    [copy, paste],
  );

  const autoLayout = useCallback(
    (dir: LayoutDirection) => {
      setDirection(dir);
      store.setDirection(dir);
      apply(
        (plan) => {
          const positions = layoutGraph(plan.steps, plan.steps.flatMap((s) => s.dependsOn.map((d) => ({ source: d, target: s.id }))), dir);
          return { ...plan, steps: plan.steps.map((s) => ({ ...s, position: positions.get(s.id)! })) };
        },
        { positionAll: true },
      );
      requestAnimationFrame(() => {
        updateNodeInternals(live.current.nodes.map((n) => n.id));
        void rf.fitView({ duration: 200, padding: 0.2, maxZoom: 1 });
      });
    },
    [apply, rf, store, updateNodeInternals],
  );

  /** Replaces the canvas with another plan (import, restore): one undoable edit. */
  const replaceWith = useCallback(
    (plan: Plan) => {
      const withSaved = new Set(plan.steps.filter((s) => s.position).map((s) => s.id));
      const dir = withSaved.size ? inferDirection(plan) : direction;
      apply(() => placed(plan, dir), { positioned: withSaved });
      requestAnimationFrame(() => void rf.fitView({ duration: 200, padding: 0.2, maxZoom: 1 }));
    },
    [apply, direction, rf],
  );

  const changeTitle = useCallback(
    (t: string) => {
      setTitle(t);
      const cur = live.current;
      live.current = { ...cur, title: t };
      history.commit({ title: t, nodes: cur.nodes, edges: cur.edges }, "title");
    },
    [history],
  );

  // ── saving ──
  const savingRef = useRef(false);
  const saveSnapshot = useCallback(
    async (opts: { copy?: boolean } = {}): Promise<boolean> => {
      if (savingRef.current) return false;
      const snapshot = history.current();
      const plan = savedPlan(meta(opts.copy ? `${snapshot.title.trim()} (copy)` : snapshot.title), snapshot.nodes, snapshot.edges);
      const problems = checkPlan(workingPlan(meta(snapshot.title), snapshot.nodes, snapshot.edges));
      if (!problems.ok) {
        const first = problems.issues.find((i) => i.severity === "error")!;
        toast.error("This plan cannot be saved yet", { description: `${problems.errors} problem${problems.errors === 1 ? "" : "s"}: ${first.path}: ${first.message}` });
        setIssuesOpen(true);
        return false;
      }
      savingRef.current = true;
      setSaving(true);
      try {
        const res =
          planId && !opts.copy
            ? await fetch(`/api/plans/${planId}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ plan, baseVersion: version }) })
            : await fetch("/api/plans", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(plan) });
        const body = (await res.json().catch(() => ({}))) as { id?: string; version?: number; error?: string; latestVersion?: number };
        if (res.ok && body.id && body.version) {
          setSaved(snapshot);
          if (opts.copy) {
            toast.success("Saved as a new plan", { description: plan.title });
            router.push(`/plans/${body.id}`);
            return true;
          }
          setVersion(body.version);
          toast.success(`Saved version ${body.version}`);
          if (!planId) {
            clearDraft();
            router.replace(`/plans/${body.id}`);
          }
          return true;
        }
        if (res.status === 409 && version) setConflict({ baseVersion: version, latestVersion: body.latestVersion ?? version + 1 });
        else toast.error("Save failed", { description: body.error ?? `HTTP ${res.status}` });
      } catch (e) {
        toast.error("Save failed", { description: (e as Error).message });
      } finally {
        savingRef.current = false;
        setSaving(false);
      }
      return false;
    },
    [history, meta, planId, version, router],
  );
  const save = useCallback(() => void saveSnapshot(), [saveSnapshot]);

  const restoreVersion = useCallback(
    async (n: number, plan: Plan) => {
      replaceWith(plan);
      if (await saveSnapshot()) {
        setVersionsOpen(false);
        toast.success(`Restored v${n}`, { description: "Its content is now the latest version; undo brings back what was on the canvas." });
      }
    },
    [replaceWith, saveSnapshot],
  );

  const [starting, setStarting] = useState(false);
  const runKey = useIdempotencyKey();
  const startRun = useCallback(async () => {
    if (!planId || !version) return;
    setStarting(true);
    try {
      const res = await fetch("/api/runs", { method: "POST", headers: { "content-type": "application/json", "idempotency-key": runKey.current() }, body: JSON.stringify({ planId, version }) });
      runKey.settle();
      const body = (await res.json().catch(() => ({}))) as { runId?: string; error?: string };
      if (res.ok && body.runId) router.push(`/runs/${body.runId}`);
      else toast.error("The run could not start", { description: body.error ?? `HTTP ${res.status}` });
    } finally {
      setStarting(false);
    }
  }, [planId, version, router, runKey]);

  // ── export / import ──
  const canvasPlan = useCallback(() => {
    const s = history.current();
    return savedPlan(meta(s.title), s.nodes, s.edges);
  }, [history, meta]);

  const exportJson = useCallback(() => {
    const plan = canvasPlan();
    const url = URL.createObjectURL(new Blob([planToJson(plan)], { type: "application/json" }));
    download(url, `${slugify(plan.title)}.json`);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, [canvasPlan]);

  const exportImage = useCallback(
    async (format: "png" | "svg") => {
      const real = rf.getNodes().filter((n) => !n.data.ghost);
      if (!real.length) {
        toast.info("Nothing to export yet", { description: "Add a step first." });
        return;
      }
      try {
        const url = await canvasImage(format, real, { background: getComputedStyle(document.body).backgroundColor });
        download(url, `${slugify(live.current.title)}.${format}`);
      } catch (e) {
        toast.error(`Could not export the ${format.toUpperCase()} image`, { description: (e as Error).message });
      }
    },
    [rf],
  );

  const importPlan = useCallback(
    (plan: Plan) => {
      replaceWith(plan);
      toast.success(`Imported ${plan.steps.length} step${plan.steps.length === 1 ? "" : "s"}`, { description: "It replaced the canvas; undo with Ctrl+Z." });
    },
    [replaceWith],
  );

  // ── AI proposals ──
  const [model, setModel] = useState<string | null>(null);
  useEffect(() => {
    if (!aiOpen || model) return;
    void fetch("/api/planner", { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<{ description: string }>) : null))
      .then((b) => b && setModel(b.description))
      .catch(() => {});
  }, [aiOpen, model]);

  const openProposal = useCallback(
    (proposed: Plan, summary: string, source: string) => {
      const cur = live.current;
      const current = workingPlan(meta(cur.title), cur.nodes, cur.edges);
      const positions = new Map(cur.nodes.map((n) => [n.id, n.position]));
      const placedPlan = placeNewSteps(current, proposed, (id) => positions.get(id), direction);
      if (pendingChanges(current, placedPlan).length === 0) {
        toast.info("The AI proposed no changes", { description: summary });
        return;
      }
      selectStep(null);
      setProposal({ proposed: placedPlan, summary, source, rejected: new Set() });
      // Two frames: the proposal's new steps are on the canvas before the view is fitted to them.
      requestAnimationFrame(() => requestAnimationFrame(() => void rf.fitView({ duration: 250, padding: 0.2, maxZoom: 1 })));
    },
    [direction, meta, rf, selectStep],
  );

  const askAi = useCallback(
    async (mode: AiMode, text: string): Promise<boolean> => {
      const cur = live.current;
      const current = savedPlan(meta(cur.title || "Untitled plan"), cur.nodes, cur.edges);
      try {
        if (mode === "edit") {
          const res = await fetch("/api/planner/edit", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ plan: { ...current, title: current.title || "Untitled plan" }, instruction: text }) });
          const body = (await res.json().catch(() => ({}))) as { proposal?: Plan; summary?: string; error?: string };
          if (!res.ok || !body.proposal) throw new Error(body.error ?? `HTTP ${res.status}`);
          openProposal(body.proposal, body.summary ?? "", `“${text}”`);
          return true;
        }
        const res = await fetch("/api/planner", { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ goal: text }) });
        const body = (await res.json().catch(() => ({}))) as { plan?: Plan; error?: string };
        if (!res.ok || !body.plan) throw new Error(body.error ?? `HTTP ${res.status}`);
        // The new steps go after the current plan's last step, with ids that do not clash.
        const taken = new Set(current.steps.map((s) => s.id));
        const rename = new Map<string, string>();
        for (const s of body.plan.steps) {
          const id = taken.has(s.id) ? uniqueStepId(s.toolName, taken) : s.id;
          taken.add(id);
          rename.set(s.id, id);
        }
        const after = sinks(current).at(-1)?.id;
        let index = current.steps.reduce((m, s) => Math.max(m, s.stepIndex + 1), 0);
        const added: PlanStep[] = body.plan.steps.map((s) => {
          const { position: _p, ...rest } = s;
          const deps = s.dependsOn.map((d) => rename.get(d)!);
          return { ...rest, stepIndex: index++, id: rename.get(s.id)!, dependsOn: deps.length || !after ? deps : [after], origin: "ai" };
        });
        const summary = `Planned “${text}”: ${added.length} new step${added.length === 1 ? "" : "s"} (${added.map((s) => getTool(s.toolName)?.title ?? s.toolName).join(" → ")})${after ? ` after “${after}”` : ""}.`;
        openProposal({ ...current, steps: [...current.steps, ...added] }, summary, `Goal: “${text}”`);
        return true;
      } catch (e) {
        toast.error("The AI could not propose anything", { description: (e as Error).message });
        return false;
      }
    },
    [meta, openProposal],
  );

  const effective = useMemo(() => (proposal ? effectiveProposal(presentPlan, proposal.proposed, proposal.rejected) : null), [proposal, presentPlan]);
  const pending = useMemo(() => (proposal ? pendingChanges(presentPlan, proposal.proposed, proposal.rejected) : []), [proposal, presentPlan]);
  const reviewing = proposal !== null && pending.length > 0;

  /** Records a decision; the proposal closes once nothing is left to decide. */
  const decide = useCallback(
    (p: ProposalState, id: string) => {
      const decided = new Set([...p.rejected, id]);
      const cur = live.current;
      const left = pendingChanges(workingPlan(meta(cur.title), cur.nodes, cur.edges), p.proposed, decided);
      setProposal(left.length ? { ...p, rejected: decided } : null);
      if (!left.length) toast.success("Proposal reviewed", { description: "Undo with Ctrl+Z." });
    },
    [meta],
  );
  const acceptOne = useCallback(
    (id: string) => {
      if (!proposal) return;
      const kind = pending.find((c) => c.id === id)?.kind;
      const ok = apply(
        (plan) => {
          const r = acceptChange(plan, proposal.proposed, proposal.rejected, id);
          if (r.ok) return r.plan;
          toast.error("Could not accept this change", { description: r.message });
          return null;
        },
        { positionAll: kind === "added" },
      );
      // Once accepted, the step is the user's: later edits to it are not part of the proposal.
      if (ok) decide(proposal, id);
    },
    [apply, decide, pending, proposal],
  );
  const rejectOne = useCallback((id: string) => proposal && decide(proposal, id), [decide, proposal]);
  const acceptEverything = useCallback(() => {
    if (!proposal) return;
    const ok = apply(
      (plan) => {
        const r = acceptAll(plan, proposal.proposed, proposal.rejected);
        if (r.ok) return r.plan;
        toast.error("Could not accept the proposal", { description: r.message });
        return null;
      },
      { positionAll: pending.some((c) => c.kind === "added") },
    );
    if (ok) {
      setProposal(null);
      toast.success("Proposal accepted", { description: "Undo with Ctrl+Z." });
    }
  }, [apply, pending, proposal]);
  const rejectEverything = useCallback(() => {
    setProposal(null);
    toast("Proposal rejected", { description: "Nothing changed." });
  }, []);

  useEffect(() => {
    store.setActions({ acceptChange: acceptOne, rejectChange: rejectOne });
  }, [store, acceptOne, rejectOne]);

  const marks = useMemo(() => new Map<string, ProposalMark>(reviewing ? pending.map((c) => [c.id, c.kind]) : []), [pending, reviewing]);
  useEffect(() => store.setMarks(marks), [store, marks]);

  const displayNodes = useMemo(() => {
    if (!reviewing || !effective) return nodes;
    const ghosts: StepFlowNode[] = pending
      .filter((c) => c.kind === "added")
      .map((c) => {
        const s = effective.steps.find((x) => x.id === c.id)!;
        const { position, dependsOn: _d, ...step } = s;
        // Drawn at a known size with known handles, so its edges render without waiting for a measurement.
        return { id: s.id, type: "step", position: position ?? { x: 0, y: 0 }, width: NODE_SIZE.width, height: NODE_SIZE.height, handles: ghostHandles(direction), draggable: false, selectable: false, connectable: false, data: { step, positioned: true, publishes: false, ghost: true } };
      });
    return [...nodes, ...ghosts];
  }, [nodes, reviewing, effective, pending, direction]);

  const displayEdges = useMemo(() => {
    if (!reviewing || !effective) return edges;
    const want = new Set(effective.steps.flatMap((s) => s.dependsOn.map((d) => edgeId(d, s.id))));
    const have = new Set(edges.map((e) => e.id));
    const styled = edges.map((e) => (want.has(e.id) ? e : { ...e, style: { stroke: REMOVED, strokeDasharray: "6 4", strokeWidth: 2 }, className: "proposal-removed" }));
    const added: Edge[] = effective.steps.flatMap((s) =>
      s.dependsOn
        .filter((d) => !have.has(edgeId(d, s.id)))
        .map((d) => ({ id: `proposal:${edgeId(d, s.id)}`, source: d, target: s.id, animated: true, selectable: false, className: "proposal-added", style: { stroke: ADDED, strokeDasharray: "6 4", strokeWidth: 2 } })),
    );
    return [...styled, ...added];
  }, [edges, reviewing, effective]);

  // ── keyboard ──
  const keys = useRef<(e: KeyboardEvent) => void>(() => {});
  useEffect(() => {
    keys.current = (e: KeyboardEvent) => {
      const mod = e.metaKey || e.ctrlKey;
      const k = e.key.toLowerCase();
      if (mod && !e.shiftKey && !e.altKey && k === "s") {
        e.preventDefault();
        save();
        return;
      }
      if (isTyping(e.target)) return;
      if (mod && k === "z") {
        e.preventDefault();
        if (e.shiftKey) redo();
        else undo();
      } else if (mod && k === "y") {
        e.preventDefault();
        redo();
      } else if (reviewing) {
        return;
      } else if (mod && k === "c") {
        if (copy(selectedIds)) toast(`Copied ${selectedIds.length} step${selectedIds.length === 1 ? "" : "s"}`);
      } else if (mod && k === "v") {
        e.preventDefault();
        paste();
      } else if (mod && k === "d") {
        e.preventDefault();
        duplicate(selectedIds);
      } else if (mod && k === "a") {
        e.preventDefault();
        setNodes((ns) => ns.map((n) => (n.selected ? n : { ...n, selected: true })));
      } else if ((e.key === "Delete" || e.key === "Backspace") && !mod) {
        e.preventDefault();
        deleteSteps(selectedIds);
      } else if (e.key === "Escape") {
        selectStep(null);
      } else if (e.key === "?") {
        e.preventDefault();
        setShortcutsOpen(true);
      }
    };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => keys.current(e);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // ── drag from the palette ──
  const onDragOver = useCallback((e: React.DragEvent) => {
    if (!e.dataTransfer.types.includes(TOOL_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  }, []);
  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const tool = e.dataTransfer.getData(TOOL_MIME);
      if (!tool) return;
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const at = { x: p.x - NODE_SIZE.width / 2, y: p.y - NODE_SIZE.height / 2 };
      addTool(tool, snap ? { x: Math.round(at.x / GRID[0]) * GRID[0], y: Math.round(at.y / GRID[1]) * GRID[1] } : at);
    },
    [rf, addTool, snap],
  );

  // ── side panels ──
  const selectedStep = useMemo(() => (selectedId ? nodes.find((n) => n.id === selectedId)?.data.step : undefined), [nodes, selectedId]);
  const dependencies = useMemo(() => {
    if (!selectedId) return [];
    return edges
      .filter((e) => e.target === selectedId)
      .map((e) => {
        const n = nodes.find((x) => x.id === e.source);
        return { id: e.source, label: n ? `${n.data.step.stepIndex} · ${e.source}` : e.source };
      });
    // nodes only for labels: recomputed when the selection or the edges change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, edges]);
  const inspectorStep = useMemo(() => (selectedStep ? { ...selectedStep, dependsOn: dependencies.map((d) => d.id) } : undefined), [selectedStep, dependencies]);
  const stepIssues = useMemo(() => (selectedId ? check.issues.filter((i) => i.stepId === selectedId) : []), [check, selectedId]);
  const pickIssue = useCallback((i: EditorIssue) => i.stepId && selectStep(i.stepId, true), [selectStep]);
  const focusStep = useCallback((id: string) => requestAnimationFrame(() => void rf.fitView({ nodes: [{ id }], duration: 250, maxZoom: 1, padding: 0.6 })), [rf]);
  // Also gives the proposal's ghost nodes pointer events, so their Accept/Reject buttons work.
  const onNodeClick = useCallback((_e: React.MouseEvent, node: StepFlowNode) => {
    if (node.data.ghost) document.querySelector(`[data-testid="proposal-panel"] [data-step-id="${node.id}"]`)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, []);
  const deleteOne = useCallback((id: string) => apply((plan) => removeSteps(plan, [id])), [apply]);
  const duplicateOne = useCallback((id: string) => duplicate([id]), [duplicate]);

  const gated = useMemo(() => presentPlan.steps.filter((s) => s.requiresApproval).length, [presentPlan]);
  const anchorLabel = selectedStep ? `“${getTool(selectedStep.toolName)?.title ?? selectedStep.toolName}” (${selectedStep.id})` : undefined;
  const canRun = !!planId && !dirty && check.ok && presentPlan.steps.length > 0;

  return (
    <EditorStoreProvider value={store}>
      <div className="flex h-full flex-col">
        <div className="flex flex-wrap items-center gap-2 border-b px-3 py-2" role="toolbar" aria-label="Plan editor">
          <Input aria-label="Plan title" value={title} onChange={(e) => changeTitle(e.target.value)} className="h-8 w-64 font-medium" />
          {version ? (
            <Badge variant="secondary" data-testid="plan-version">
              v{version}
            </Badge>
          ) : (
            <Badge variant="outline">Unsaved draft</Badge>
          )}
          <span data-testid="dirty-indicator" className={cn("text-xs", dirty ? "font-medium text-foreground" : "text-muted-foreground")} aria-live="polite">
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
          <div className="ml-auto flex flex-wrap items-center gap-1">
            <ToolButton label="Undo" hint="Undo (Ctrl+Z)" onClick={undo} disabled={!history.canUndo}>
              <Undo2 />
            </ToolButton>
            <ToolButton label="Redo" hint="Redo (Shift+Ctrl+Z)" onClick={redo} disabled={!history.canRedo}>
              <Redo2 />
            </ToolButton>
            <Separator orientation="vertical" className="mx-1 !h-5" />
            <Button variant="ghost" size="sm" onClick={() => setAiOpen(true)} disabled={reviewing}>
              <Sparkles className="text-violet-500" /> Ask AI
            </Button>
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="ghost" size="sm" disabled={reviewing}>
                  <LayoutGrid /> Auto-layout <ChevronDown className="size-3 opacity-60" />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                <DropdownMenuItem onSelect={() => autoLayout("TB")}>
                  <ArrowDown /> Top-down
                </DropdownMenuItem>
                <DropdownMenuItem onSelect={() => autoLayout("LR")}>
                  <ArrowRight /> Left-right
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
            <ToolButton label="Snap to grid" hint={snap ? "Snap to grid: on" : "Snap to grid: off"} onClick={() => setSnap((s) => !s)} pressed={snap}>
              <Magnet />
            </ToolButton>
            <Button variant="ghost" size="sm" onClick={() => setIssuesOpen((o) => !o)} aria-pressed={issuesOpen} data-testid="issues-button">
              <AlertCircle className={check.errors ? "text-destructive" : undefined} /> Issues
              {check.issues.length > 0 && (
                <span className={cn("rounded-full px-1.5 text-xs font-semibold", check.errors ? "bg-destructive text-white" : "bg-approval text-approval-foreground")} data-testid="issue-count">
                  {check.issues.length}
                </span>
              )}
            </Button>
            <Separator orientation="vertical" className="mx-1 !h-5" />
            {planId && <VersionsSheet planId={planId} open={versionsOpen} onOpenChange={setVersionsOpen} current={version} canvasPlan={canvasPlan} onRestore={restoreVersion} onStepClick={focusStep} />}
            {planId && <PlanRunsSheet planId={planId} />}
            <ToolButton label="Import" hint="Import plan JSON into the canvas" onClick={() => setImportOpen(true)} disabled={reviewing}>
              <FileUp />
            </ToolButton>
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="outline" size="sm">
                  <Download /> Export <ChevronDown className="size-3 opacity-60" />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                <DropdownMenuLabel className="text-xs text-muted-foreground">Download the plan as</DropdownMenuLabel>
                <DropdownMenuItem onSelect={exportJson}>
                  <FileJson /> JSON
                </DropdownMenuItem>
                <DropdownMenuSeparator />
                <DropdownMenuItem onSelect={() => void exportImage("png")}>
                  <ImageIcon /> PNG image
                </DropdownMenuItem>
                <DropdownMenuItem onSelect={() => void exportImage("svg")}>
                  <ImageIcon /> SVG image
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
            <Tooltip>
              <TooltipTrigger asChild>
                <span tabIndex={!check.ok ? 0 : -1}>
                  <Button size="sm" onClick={save} disabled={saving || (!dirty && planId !== null) || !check.ok || reviewing}>
                    {saving ? <Loader2 className="animate-spin" /> : <Save />} Save
                  </Button>
                </span>
              </TooltipTrigger>
              <TooltipContent>{!check.ok ? `Fix ${check.errors} problem${check.errors === 1 ? "" : "s"} to save` : reviewing ? "Finish reviewing the proposal first" : "Save as a new version (Ctrl+S)"}</TooltipContent>
            </Tooltip>
            <Tooltip>
              <TooltipTrigger asChild>
                {/* A span keeps the tooltip working while the button is disabled. */}
                <span tabIndex={canRun ? -1 : 0}>
                  <Button size="sm" variant="secondary" onClick={() => void startRun()} disabled={starting || !canRun}>
                    {starting ? <Loader2 className="animate-spin" /> : <Play />} Run
                  </Button>
                </span>
              </TooltipTrigger>
              <TooltipContent>{!check.ok ? "An invalid plan cannot run" : dirty || !planId ? "Save the plan to run it" : `Run version ${version}`}</TooltipContent>
            </Tooltip>
            <ToolButton label="Keyboard shortcuts" hint="Keyboard shortcuts (?)" onClick={() => setShortcutsOpen(true)}>
              <Keyboard />
            </ToolButton>
          </div>
        </div>
        <div className="flex min-h-0 flex-1">
          <Palette onAdd={addTool} disabled={reviewing} anchorLabel={anchorLabel} />
          <div className="relative min-w-0 flex-1" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
            <ReactFlow
              nodes={displayNodes}
              edges={displayEdges}
              nodeTypes={nodeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              onNodeDragStop={onNodeDragStop}
              onPaneClick={() => selectStep(null)}
              onNodeClick={onNodeClick}
              nodesDraggable={!reviewing}
              nodesConnectable={!reviewing}
              deleteKeyCode={null}
              selectionKeyCode="Shift"
              multiSelectionKeyCode={["Meta", "Control"]}
              snapToGrid={snap}
              snapGrid={GRID}
              colorMode={resolvedTheme === "dark" ? "dark" : "light"}
              onlyRenderVisibleElements={nodes.length > 200}
              fitView
              fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
              minZoom={0.02}
              maxZoom={2}
              proOptions={{ hideAttribution: true }}
            >
              <Background gap={GRID[0]} />
              <Controls />
              <MiniMap pannable zoomable nodeStrokeWidth={0} />
            </ReactFlow>
            {nodes.length === 0 && !reviewing && (
              <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center gap-1 text-center" data-testid="canvas-empty">
                <Shapes className="mb-2 size-8 text-muted-foreground" aria-hidden />
                <p className="font-medium">This plan has no steps yet</p>
                <p className="text-sm text-muted-foreground">Drag a tool from the palette, click one to add it, or ask AI to plan a goal.</p>
              </div>
            )}
            {issuesOpen && <IssuesPanel issues={check.issues} onPick={pickIssue} onClose={() => setIssuesOpen(false)} />}
          </div>
          <aside className="w-80 shrink-0 overflow-y-auto border-l bg-background" aria-label="Step details">
            {reviewing && proposal ? (
              <ProposalPanel
                summary={proposal.summary}
                source={proposal.source}
                pending={pending}
                onAccept={acceptOne}
                onReject={rejectOne}
                onAcceptAll={acceptEverything}
                onRejectAll={rejectEverything}
                onStepClick={focusStep}
              />
            ) : inspectorStep ? (
              <StepInspector
                step={inspectorStep}
                dependencies={dependencies}
                issues={stepIssues}
                onChange={changeStep}
                onSwitchTool={changeTool}
                onSelect={selectStep}
                onDelete={deleteOne}
                onDuplicate={duplicateOne}
              />
            ) : selectedIds.length > 1 ? (
              <div className="flex flex-col gap-3 p-4 text-sm" data-testid="multi-selection">
                <h2 className="font-semibold">{selectedIds.length} steps selected</h2>
                <p className="text-muted-foreground">Drag any of them to move them together.</p>
                <div className="flex gap-2">
                  <Button variant="outline" size="sm" onClick={() => duplicate(selectedIds)}>
                    Duplicate
                  </Button>
                  <Button variant="outline" size="sm" className="text-destructive hover:text-destructive" onClick={() => deleteSteps(selectedIds)}>
                    Delete
                  </Button>
                </div>
              </div>
            ) : (
              <div className="flex flex-col gap-3 p-4 text-sm">
                <h2 className="font-semibold">Plan overview</h2>
                <dl className="grid grid-cols-2 gap-y-1 text-muted-foreground">
                  <dt>Steps</dt>
                  <dd className="text-right text-foreground">{presentPlan.steps.length}</dd>
                  <dt>Dependencies</dt>
                  <dd className="text-right text-foreground">{edges.length}</dd>
                  <dt className="flex items-center gap-1">
                    <ShieldCheck className="size-3.5 text-approval" aria-hidden /> Approval gates
                  </dt>
                  <dd className="text-right text-foreground">{gated}</dd>
                  <dt>Problems</dt>
                  <dd className={cn("text-right", check.errors ? "text-destructive" : "text-foreground")}>{check.errors}</dd>
                </dl>
                <p className="text-muted-foreground">Select a step on the canvas to edit it. Press ? for keyboard shortcuts.</p>
              </div>
            )}
          </aside>
        </div>
      </div>
      <LeaveGuard dirty={dirty} />
      <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
      <ImportDialog open={importOpen} onOpenChange={setImportOpen} onPlan={importPlan} />
      <AiDialog open={aiOpen} onOpenChange={setAiOpen} model={model} onSubmit={askAi} />
      {planId && (
        <>
          <ConflictDialog
            planId={planId}
            conflict={conflict}
            canvasPlan={canvasPlan}
            onClose={() => setConflict(null)}
            onReload={() => {
              setSaved(history.current());
              setConflict(null);
              router.refresh();
            }}
            onSaveCopy={async () => {
              if (await saveSnapshot({ copy: true })) setConflict(null);
            }}
          />
        </>
      )}
    </EditorStoreProvider>
  );
}

function ToolButton({ label, hint, onClick, disabled, pressed, children }: { label: string; hint: string; onClick: () => void; disabled?: boolean; pressed?: boolean; children: React.ReactNode }) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Button variant="ghost" size="icon" className={cn("size-8", pressed && "bg-accent text-accent-foreground")} aria-label={label} aria-pressed={pressed} onClick={onClick} disabled={disabled}>
          {children}
        </Button>
      </TooltipTrigger>
      <TooltipContent>{hint}</TooltipContent>
    </Tooltip>
  );
}
