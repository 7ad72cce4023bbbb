"use client";

import "@xyflow/react/dist/style.css";
import { Background, ReactFlow, ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useTheme } from "next-themes";
import { useEffect, useMemo } from "react";
import { planToGraph } from "@/lib/plan/graph";
import { planStepNumbers } from "@/lib/plan/order";
import type { Plan } from "@/lib/plan/schema";
import { StepDetail, StepNode } from "./step-node";

const nodeTypes = { step: StepNode };

function Preview({ plan }: { plan: Plan }) {
  const { resolvedTheme } = useTheme();
  const { fitView } = useReactFlow();
  const graph = useMemo(() => {
    const g = planToGraph(plan);
    const at = new Map(g.nodes.map((n) => [n.id, n.position]));
    const numbers = planStepNumbers(plan, (id) => at.get(id));
    return { ...g, nodes: g.nodes.map((n) => ({ ...n, data: { ...n.data, number: numbers.get(n.id) } })) };
  }, [plan]);
  const count = graph.nodes.length;
  useEffect(() => {
    // Keep every node in view while new ones arrive.
    const id = requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1, duration: 150 }));
    return () => cancelAnimationFrame(id);
  }, [count, fitView]);
  return (
    <StepDetail>
      <ReactFlow
        nodes={graph.nodes}
        edges={graph.edges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        colorMode={resolvedTheme === "dark" ? "dark" : "light"}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} />
      </ReactFlow>
    </StepDetail>
  );
}

/** A read-only canvas, for plans that are still arriving. */
export function PlanPreview({ plan }: { plan: Plan }) {
  return (
    <ReactFlowProvider>
      <Preview plan={plan} />
    </ReactFlowProvider>
  );
}
