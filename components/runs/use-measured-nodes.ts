"use client";

import type { NodeChange } from "@xyflow/react";
import { useCallback, useMemo, useState } from "react";
import type { RunStepFlowNode } from "./run-step-node";

type Size = { width: number; height: number };

/**
 * The run canvas's nodes with the sizes React Flow measured. React Flow forgets a node's measured
 * size when it is handed a new object for it and hides the node until it measures it again; when a
 * run update landed in the same tick as a measurement, the node was never measured again and the
 * canvas stayed blank (seen under load, after a decision). Handing the measured size back with
 * every node object closes that window.
 */
// The same node with the same size is the same object: React Flow re-renders only nodes whose object
// changed, so a status change (one node) does not re-render the whole canvas.
const sized = new WeakMap<RunStepFlowNode, { size: Size; node: RunStepFlowNode }>();
function withSize(n: RunStepFlowNode, size: Size | undefined): RunStepFlowNode {
  if (!size) return n;
  const hit = sized.get(n);
  if (hit?.size === size) return hit.node;
  const node = { ...n, measured: size };
  sized.set(n, { size, node });
  return node;
}

export function useMeasuredNodes(nodes: RunStepFlowNode[]) {
  const [sizes, setSizes] = useState<Record<string, Size>>({});
  const onNodesChange = useCallback((changes: NodeChange<RunStepFlowNode>[]) => {
    const measured = changes.flatMap((c) => (c.type === "dimensions" && c.dimensions ? [[c.id, c.dimensions] as const] : []));
    if (measured.length) setSizes((prev) => ({ ...prev, ...Object.fromEntries(measured) }));
  }, []);
  const withSizes = useMemo(() => nodes.map((n) => withSize(n, sizes[n.id])), [nodes, sizes]);
  return { nodes: withSizes, onNodesChange };
}
