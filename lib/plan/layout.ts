import { Graph, layout as dagreLayout } from "@dagrejs/dagre";
import type { Position } from "./schema";

/** Size the canvas draws a step node at; layout spacing is computed from it. */
export const NODE_SIZE = { width: 280, height: 120 } as const;

export type LayoutDirection = "TB" | "LR";

/**
 * Layered (Sugiyama) layout of a dependency graph with dagre. Returns the top-left corner of each
 * node, which is what React Flow positions mean. Deterministic for the same input.
 */
export function layoutGraph(
  nodes: readonly { id: string }[],
  edges: readonly { source: string; target: string }[],
  direction: LayoutDirection = "TB",
): Map<string, Position> {
  const g = new Graph();
  g.setGraph({ rankdir: direction, nodesep: 48, ranksep: 72, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: NODE_SIZE.width, height: NODE_SIZE.height });
  for (const e of edges) g.setEdge(e.source, e.target);
  dagreLayout(g);
  const out = new Map<string, Position>();
  for (const n of nodes) {
    const { x, y } = g.node(n.id);
    out.set(n.id, { x: Math.round(x - NODE_SIZE.width / 2), y: Math.round(y - NODE_SIZE.height / 2) });
  }
  return out;
}
