// The floor of `npm run bench:canvas`: a bare @xyflow/react page drawing the same plan as the
// product's canvas — the same nodes (280 × 120, React Flow's default node showing the step's
// description), the same edges, laid out by the same dagre call (lib/plan/layout.ts) inside the
// page after it loads, in a pane of the product canvas's size, fitted with fitView. No validation,
// no editor store, no custom node, no minimap/controls/background: what React Flow itself costs.
// The benchmark bundles this file with esbuild and serves it from a throwaway directory.
import "@xyflow/react/dist/style.css";
import { ReactFlow, type Edge, type Node } from "@xyflow/react";
import { createRoot } from "react-dom/client";
import { layoutGraph, NODE_SIZE } from "../lib/plan/layout";
import { bigPlan } from "./bench-canvas-plan";

const q = new URLSearchParams(location.search);
const n = Number(q.get("n") ?? 1000);
const width = Number(q.get("w") ?? innerWidth);
const height = Number(q.get("h") ?? innerHeight);

const plan = bigPlan(n);
const edges: Edge[] = plan.steps.flatMap((s) => s.dependsOn.map((d) => ({ id: `${d}->${s.id}`, source: d, target: s.id })));
const at = layoutGraph(plan.steps, edges, "TB");
const nodes: Node[] = plan.steps.map((s) => ({
  id: s.id,
  position: at.get(s.id)!,
  data: { label: s.description },
  style: { width: NODE_SIZE.width, height: NODE_SIZE.height },
}));

createRoot(document.getElementById("root")!).render(
  <div style={{ width, height }}>
    <ReactFlow defaultNodes={nodes} defaultEdges={edges} fitView minZoom={0.02} maxZoom={2} />
  </div>,
);
