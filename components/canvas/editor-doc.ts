// The editor's document and how React Flow's nodes and edges are derived from it. Pure functions:
// the store calls them, tests check them.
import type { Edge } from "@xyflow/react";
import { edgeId, planToGraph } from "@/lib/plan/graph";
import { NODE_SIZE, type LayoutDirection } from "@/lib/plan/layout";
import type { Plan, PlanStep } from "@/lib/plan/schema";
import { stepPublishes } from "@/lib/tools/catalog";
import type { StepFlowNode } from "./step-node";

/**
 * One undoable state of the editor: the plan on the canvas, every step placed, the title as typed;
 * `positioned` = the steps whose position is the user's (saved with the plan), the others were laid
 * out automatically. Unchanged steps are the same objects from one state to the next.
 */
export interface Doc {
  plan: Plan;
  positioned: ReadonlySet<string>;
}

export type PlacedStep = PlanStep & { position: NonNullable<PlanStep["position"]> };

/** The plan the checks and operations see: the title trimmed (the same object when it already is). */
export function workingPlan(plan: Plan): Plan {
  const title = plan.title.trim();
  return title === plan.title ? plan : { ...plan, title };
}

/** The plan as it is saved: positions only where the user placed steps. */
export function savedPlan(doc: Doc, title = doc.plan.title): Plan {
  const plan: Plan = {
    title: title.trim(),
    steps: doc.plan.steps.map((s) => {
      if (doc.positioned.has(s.id) || !s.position) return s;
      const { position: _p, ...rest } = s;
      return rest;
    }),
  };
  if (doc.plan.description !== undefined) plan.description = doc.plan.description;
  return plan;
}

/** Which way a saved layout flows, so handles and new steps follow it. */
export function inferDirection(plan: Plan): LayoutDirection {
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

/** A plan with every step placed (saved positions kept, the others laid out), in stepIndex order. */
export function placed(plan: Plan, direction: LayoutDirection): Plan {
  const g = planToGraph(plan, direction);
  const pos = new Map(g.nodes.map((n) => [n.id, n.position]));
  return normalized({ ...plan, steps: plan.steps.map((s) => ({ ...s, position: pos.get(s.id)! })) });
}

/** Steps in stepIndex order (the order the canvas has always saved them in). */
export function normalized(plan: Plan): Plan {
  const sorted = plan.steps.every((s, i) => i === 0 || plan.steps[i - 1]!.stepIndex <= s.stepIndex);
  return sorted ? plan : { ...plan, steps: [...plan.steps].sort((a, b) => a.stepIndex - b.stepIndex) };
}

/** The document a plan opens as. */
export function openDoc(plan: Plan): { doc: Doc; direction: LayoutDirection } {
  const direction = inferDirection(plan);
  const positioned = new Set(plan.steps.filter((s) => s.position).map((s) => s.id));
  return { doc: { plan: placed(plan, direction), positioned }, direction };
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
    a.approvalRule === b.approvalRule &&
    a.origin === b.origin
  );
}

function nodeStep(s: PlanStep): NodeStep {
  const { position: _p, dependsOn: _d, ...step } = s;
  return step;
}

/**
 * React Flow's nodes and edges for a document, reusing every node and edge object whose content did
 * not change (so only what an edit touched re-renders), and keeping what React Flow itself owns:
 * selection (unless `select` says otherwise) and measurements.
 */
export function deriveGraph(
  prev: { nodes: readonly StepFlowNode[]; edges: readonly Edge[] },
  doc: Doc,
  select?: ReadonlySet<string>,
): { nodes: StepFlowNode[]; edges: Edge[] } {
  const byId = new Map(prev.nodes.map((n) => [n.id, n]));
  const nodes = doc.plan.steps.map((s): StepFlowNode => {
    const old = byId.get(s.id);
    const positioned = doc.positioned.has(s.id);
    const position = s.position ?? old?.position ?? { x: 0, y: 0 };
    const selected = select ? select.has(s.id) : (old?.selected ?? false);
    const same = !!old && sameStep(old.data.step, s);
    if (old && same && old.data.positioned === positioned && old.position.x === position.x && old.position.y === position.y) {
      return old.selected === selected ? old : { ...old, selected };
    }
    const data = old && same ? { ...old.data, positioned } : { step: nodeStep(s), positioned, publishes: stepPublishes(s.toolName, s.input) };
    // A known size before the first measurement: fitting the view counts a step added a moment ago.
    return { ...(old ?? {}), id: s.id, type: "step", position, data, selected, initialWidth: NODE_SIZE.width, initialHeight: NODE_SIZE.height };
  });
  const oldEdges = new Map(prev.edges.map((e) => [e.id, e]));
  const edges = doc.plan.steps.flatMap((s) =>
    s.dependsOn.map((dep): Edge => {
      const id = edgeId(dep, s.id);
      return oldEdges.get(id) ?? { id, source: dep, target: s.id };
    }),
  );
  return { nodes, edges };
}
