"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  MiniMap,
  Position,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type NodeHandle,
} from "@xyflow/react";
import { Shapes } from "lucide-react";
import { useTheme } from "next-themes";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import type { EditorIssue } from "@/lib/plan/check";
import { edgeId } from "@/lib/plan/graph";
import { NODE_SIZE, type LayoutDirection } from "@/lib/plan/layout";
import { useEditor, useEditorStore } from "./editor-context";
import type { Review } from "./editor-proposal";
import { IssuesPanel } from "./issues-panel";
import { TOOL_MIME } from "./palette";
import { drawsFullDetail, StepDetail, StepNode, type StepFlowNode } from "./step-node";
import type { EditorCommands } from "./use-editor-commands";
import { fitAll, MINIMAP_SIZE, openingViewport, ZOOM_LIMITS } from "./viewport";

// Module scope, as React Flow asks: a new object per render would remount every node.
const nodeTypes = { step: StepNode };
const GRID: [number, number] = [16, 16];
const ADDED = "#10b981";
const REMOVED = "#ef4444";
const PRO_OPTIONS = { hideAttribution: true };
const MULTI_SELECT_KEYS = ["Meta", "Control"];
/**
 * Drawing only the nodes and edges in view costs a pass over all of them on each update of React
 * Flow's store, that is on every pointer move of a drag. It pays when most are off screen and each
 * is costly: zoomed in to full detail on a big plan. Zoomed out, a plan of up to a couple of
 * thousand steps is mostly in view as cheap boxes, and drawing all is faster (1,000 steps, whole
 * plan in view: 11 % of drag frames over 16.7 ms with it, 4 % without). Above that, always.
 */
const DRAW_VISIBLE_ONLY = { zoomedIn: 200, always: 2000 } as const;

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

/** The plan's nodes, plus a proposal's new steps drawn as ghosts. */
export function displayNodes(nodes: StepFlowNode[], review: Review | null, direction: LayoutDirection): StepFlowNode[] {
  if (!review?.pending.length) return nodes;
  const ghosts: StepFlowNode[] = review.pending
    .filter((c) => c.kind === "added")
    .map((c) => {
      const s = review.effective.steps.find((x) => x.id === c.id)!;
      const { position, dependsOn: _d, ...step } = s;
      // Drawn at a known size with known handles, so its edges render without waiting for a measurement.
      return {
        id: s.id,
        type: "step",
        position: position ?? { x: 0, y: 0 },
        width: NODE_SIZE.width,
        height: NODE_SIZE.height,
        handles: ghostHandles(direction),
        draggable: false,
        selectable: false,
        connectable: false,
        data: { step, positioned: true, publishes: false, ghost: true },
      };
    });
  return [...nodes, ...ghosts];
}

/** The plan's edges, with the ones a proposal removes struck through and the ones it adds dashed. */
export function displayEdges(edges: Edge[], review: Review | null): Edge[] {
  if (!review?.pending.length) return edges;
  const want = new Set(review.effective.steps.flatMap((s) => s.dependsOn.map((d) => edgeId(d, s.id))));
  const have = new Set(edges.map((e) => e.id));
  const styled = edges.map((e) =>
    want.has(e.id) ? e : { ...e, style: { stroke: REMOVED, strokeDasharray: "6 4", strokeWidth: 2 }, className: "proposal-removed" },
  );
  const added: Edge[] = review.effective.steps.flatMap((s) =>
    s.dependsOn
      .filter((d) => !have.has(edgeId(d, s.id)))
      .map((d) => ({
        id: `proposal:${edgeId(d, s.id)}`,
        source: d,
        target: s.id,
        animated: true,
        selectable: false,
        className: "proposal-added",
        style: { stroke: ADDED, strokeDasharray: "6 4", strokeWidth: 2 },
      })),
  );
  return [...styled, ...added];
}

/** The canvas: React Flow drawing the store's nodes and edges; its changes go back to the store. */
export function EditorCanvas({ commands }: { commands: EditorCommands }) {
  const store = useEditorStore();
  const { onNodesChange, onEdgesChange, commitDrag } = store.getState();
  const { resolvedTheme } = useTheme();
  const rf = useReactFlow<StepFlowNode, Edge>();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const review = useEditor((s) => s.review);
  const direction = useEditor((s) => s.direction);
  const snap = useEditor((s) => s.snap);
  const issuesOpen = useEditor((s) => s.panels.issues);
  const issues = useEditor((s) => s.check.issues);
  const reviewing = !!review?.pending.length;
  const fullDetail = useStore(drawsFullDetail);
  // Read once, in the browser: it is not part of the markup, so the server's guess does not matter.
  const [fitOptions] = useState(fitAll);
  // The first fit: only what has been drawn. A very big plan draws only the visible ones, and
  // fitting all of them at once would draw the whole plan at a glance-sized zoom on opening.
  const [initialFit] = useState(() => ({ ...fitAll(), includeHiddenNodes: false }));
  // React Flow mounts once the pane's size is known (a layout effect, before the first paint), so it
  // opens at the fitted viewport: see openingViewport.
  const paneRef = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<{ viewport: ReturnType<typeof openingViewport> } | null>(null);
  useLayoutEffect(() => {
    const el = paneRef.current;
    if (el)
      setOpening({
        viewport: openingViewport(displayNodes(store.getState().nodes, null, store.getState().direction), { width: el.offsetWidth, height: el.offsetHeight }),
      });
  }, [store]);
  // The minimap draws every step again (a component and a store subscription per node): it mounts
  // once the canvas has drawn them, so a big plan is interactive without waiting for its overview.
  const drawn = useNodesInitialized();
  const [minimap, setMinimap] = useState(false);
  useEffect(() => {
    if (minimap || !opening || (!drawn && nodes.length > 0)) return;
    const t = setTimeout(() => setMinimap(true), 0);
    return () => clearTimeout(t);
  }, [minimap, opening, drawn, nodes.length]);
  const fitRequest = useEditor((s) => s.fitRequest);
  // After the commit that drew them (React Flow's own store is synced by then), so new steps count.
  useEffect(() => {
    if (fitRequest) void rf.fitView({ ...fitAll(), duration: 250 });
  }, [fitRequest, rf]);
  const shownNodes = useMemo(() => displayNodes(nodes, review, direction), [nodes, review, direction]);
  const shownEdges = useMemo(() => displayEdges(edges, review), [edges, review]);
  const { selectStep } = commands;

  const onConnect = useCallback(
    (c: Connection) => {
      const refused = store.getState().connect(c.source, c.target);
      if (refused && refused.reason !== "duplicate") toast.error("Connection refused", { description: refused.message });
    },
    [store],
  );
  const onPaneClick = useCallback(() => selectStep(null), [selectStep]);
  // Also gives the proposal's ghost nodes pointer events, so their Accept/Reject buttons work.
  const onNodeClick = useCallback((_e: React.MouseEvent, node: StepFlowNode) => {
    if (node.data.ghost)
      document.querySelector(`[data-testid="proposal-panel"] [data-step-id="${node.id}"]`)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, []);
  const pickIssue = useCallback((i: EditorIssue) => i.stepId && selectStep(i.stepId, true), [selectStep]);
  const closeIssues = useCallback(() => store.getState().setPanel("issues", false), [store]);

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
      store.getState().addTool(tool, store.getState().snap ? { x: Math.round(at.x / GRID[0]) * GRID[0], y: Math.round(at.y / GRID[1]) * GRID[1] } : at);
    },
    [rf, store],
  );

  return (
    <div
      className="relative h-[55dvh] min-h-72 w-full shrink-0 md:h-auto md:min-h-0 md:min-w-0 md:flex-1 md:shrink"
      data-testid="canvas"
      ref={paneRef}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      {opening && (
        <StepDetail>
          <ReactFlow
            nodes={shownNodes}
            edges={shownEdges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onNodeDragStop={commitDrag}
            onPaneClick={onPaneClick}
            onNodeClick={onNodeClick}
            nodesDraggable={!reviewing}
            nodesConnectable={!reviewing}
            deleteKeyCode={null}
            selectionKeyCode="Shift"
            multiSelectionKeyCode={MULTI_SELECT_KEYS}
            snapToGrid={snap}
            snapGrid={GRID}
            colorMode={resolvedTheme === "dark" ? "dark" : "light"}
            onlyRenderVisibleElements={nodes.length > DRAW_VISIBLE_ONLY.always || (fullDetail && nodes.length > DRAW_VISIBLE_ONLY.zoomedIn)}
            fitView
            fitViewOptions={initialFit}
            defaultViewport={opening.viewport}
            minZoom={ZOOM_LIMITS.min}
            maxZoom={ZOOM_LIMITS.max}
            proOptions={PRO_OPTIONS}
          >
            <Background gap={GRID[0]} />
            <Controls fitViewOptions={fitOptions} />
            {minimap && <MiniMap pannable zoomable nodeStrokeWidth={0} style={MINIMAP_SIZE} className="max-sm:!hidden" />}
          </ReactFlow>
        </StepDetail>
      )}
      {nodes.length === 0 && !reviewing && (
        <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center gap-1 text-center" data-testid="canvas-empty">
          <Shapes className="mb-2 size-8 text-muted-foreground" aria-hidden />
          <p className="font-medium">This plan has no steps yet</p>
          <p className="text-sm text-muted-foreground">Drag a tool from the palette, click one to add it, or ask AI to plan a goal.</p>
        </div>
      )}
      {issuesOpen && <IssuesPanel issues={issues} onPick={pickIssue} onClose={closeIssues} />}
    </div>
  );
}
