import type { Edge } from "@xyflow/react";
import { edgeId, graphToPlan } from "@/lib/plan/graph";
import type { Plan, PlanStep } from "@/lib/plan/schema";
import { stepPublishes } from "@/lib/tools/catalog";
import type { StepFlowNode } from "./step-node";

/** One undoable state of the editor. Node and edge objects are shared between snapshots. */
export interface Snapshot {
  title: string;
  nodes: StepFlowNode[];
  edges: Edge[];
}

export type PlanMeta = Pick<Plan, "title" | "description">;

const real = (nodes: readonly StepFlowNode[]) => nodes.filter((n) => !n.data.ghost);

/** The plan as it is saved: positions only where the user placed nodes. */
export function savedPlan(meta: PlanMeta, nodes: readonly StepFlowNode[], edges: readonly Edge[]): Plan {
  return graphToPlan(meta, { nodes: real(nodes), edges });
}

/** The plan the editing operations work on: every step with the position it is drawn at. */
export function workingPlan(meta: PlanMeta, nodes: readonly StepFlowNode[], edges: readonly Edge[]): Plan {
  return graphToPlan(meta, { nodes: real(nodes), edges }, { allPositions: true });
}

type NodeStep = StepFlowNode["data"]["step"];

function sameStep(a: NodeStep, b: PlanStep): boolean {
  return (
    a.id === b.id &&
    a.stepIndex === b.stepIndex &&
    a.toolName === b.toolName &&
    a.description === b.description &&
    a.requiresApproval === b.requiresApproval &&
    a.input === b.input &&
    a.approvalTimeout === b.approvalTimeout &&
    a.origin === b.origin
  );
}

function nodeStep(s: PlanStep): NodeStep {
  const { position: _p, dependsOn: _d, ...step } = s;
  return step;
}

/**
 * The nodes and edges for `plan`, reusing every node and edge object whose content did not change,
 * so React Flow (and the memoized nodes) only re-render what an edit touched.
 */
export function reconcile(
  prev: { nodes: readonly StepFlowNode[]; edges: readonly Edge[] },
  plan: Plan,
  opts: { positionAll?: boolean; select?: readonly string[] } = {},
): { nodes: StepFlowNode[]; edges: Edge[] } {
  const byId = new Map(prev.nodes.map((n) => [n.id, n]));
  const anyPositioned = prev.nodes.some((n) => n.data.positioned);
  const select = opts.select ? new Set(opts.select) : undefined;
  const nodes = plan.steps.map((s): StepFlowNode => {
    const old = byId.get(s.id);
    const positioned = opts.positionAll ? true : (old?.data.positioned ?? anyPositioned);
    const position = s.position ?? old?.position ?? { x: 0, y: 0 };
    const selected = select ? select.has(s.id) : (old?.selected ?? false);
    if (old && !old.data.ghost && sameStep(old.data.step, s) && old.data.positioned === positioned && old.position.x === position.x && old.position.y === position.y) {
      return old.selected === selected ? old : { ...old, selected };
    }
    const data = old && !old.data.ghost && sameStep(old.data.step, s) ? { ...old.data, positioned } : { step: nodeStep(s), positioned, publishes: stepPublishes(s.toolName, s.input) };
    return { ...(old && !old.data.ghost ? old : {}), id: s.id, type: "step", position, data, selected };
  });
  const oldEdges = new Map(prev.edges.map((e) => [e.id, e]));
  const edges = plan.steps.flatMap((s) =>
    s.dependsOn.map((dep): Edge => {
      const id = edgeId(dep, s.id);
      return oldEdges.get(id) ?? { id, source: dep, target: s.id };
    }),
  );
  return { nodes, edges };
}
