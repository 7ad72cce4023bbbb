import { stepPublishes } from "../tools/catalog";
import { layoutGraph, type LayoutDirection } from "./layout";
import type { Plan, PlanStep, Position } from "./schema";

/** What a step node carries. `positioned` = the step has a saved position (not a computed one). */
export interface StepNodeData extends Record<string, unknown> {
  step: Omit<PlanStep, "position" | "dependsOn">;
  positioned: boolean;
  publishes: boolean;
}

/** Structurally a React Flow node/edge, without importing React into the domain layer. */
export interface StepNode {
  id: string;
  type: "step";
  position: Position;
  data: StepNodeData;
}

export interface DependencyEdge {
  id: string;
  source: string;
  target: string;
}

export interface PlanGraph {
  nodes: StepNode[];
  edges: DependencyEdge[];
}

export const edgeId = (source: string, target: string) => `${source}->${target}`;

/**
 * Plan → graph. Edges follow `dependsOn` order so the conversion back is exact. Steps without a
 * saved position get one from the automatic layout.
 */
export function planToGraph(plan: Plan, direction: LayoutDirection = "TB"): PlanGraph {
  const edges: DependencyEdge[] = plan.steps.flatMap((s) => s.dependsOn.map((dep) => ({ id: edgeId(dep, s.id), source: dep, target: s.id })));
  const needsLayout = plan.steps.some((s) => !s.position);
  const computed = needsLayout ? layoutGraph(plan.steps, edges, direction) : undefined;
  const nodes: StepNode[] = plan.steps.map(({ position, dependsOn: _deps, ...step }) => ({
    id: step.id,
    type: "step",
    position: position ?? computed!.get(step.id)!,
    data: { step, positioned: !!position, publishes: stepPublishes(step.toolName, step.input) },
  }));
  return { nodes, edges };
}

/**
 * Graph → plan, the inverse of planToGraph. A node's position is written back only when it is a
 * saved one, so a plan that never had positions keeps none (`allPositions` writes every node's
 * position: the editor works on plans where every step is placed).
 */
export function graphToPlan(
  meta: Pick<Plan, "title" | "description">,
  graph: { nodes: readonly Pick<StepNode, "id" | "position" | "data">[]; edges: readonly Pick<DependencyEdge, "source" | "target">[] },
  opts: { allPositions?: boolean } = {},
): Plan {
  const deps = new Map<string, string[]>();
  for (const e of graph.edges) {
    const list = deps.get(e.target);
    if (list) list.push(e.source);
    else deps.set(e.target, [e.source]);
  }
  const steps: PlanStep[] = [...graph.nodes]
    .sort((a, b) => a.data.step.stepIndex - b.data.step.stepIndex)
    .map((n) => {
      const step: PlanStep = { ...n.data.step, dependsOn: deps.get(n.id) ?? [] };
      if (n.data.positioned || opts.allPositions) step.position = { x: n.position.x, y: n.position.y };
      return step;
    });
  const plan: Plan = { title: meta.title, steps };
  if (meta.description !== undefined) plan.description = meta.description;
  return plan;
}
