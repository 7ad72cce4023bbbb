import type { LayoutDirection } from "./layout";
import type { Plan, Position } from "./schema";

interface Orderable {
  id: string;
  stepIndex: number;
  dependsOn: readonly string[];
  position?: Position;
}

/**
 * The number a person reads on each step (1, 2, 3, …): the order the steps can run in — a step
 * always after the steps it depends on — and, among steps that could go next, the one placed
 * first on the canvas (top to bottom in a top-down layout, left to right in a left-right one).
 * `stepIndex` is creation order, which says nothing once steps are inserted or moved; it only
 * breaks ties. Steps caught in a cycle (an invalid plan) come last, in the same reading order.
 */
export function stepNumbers(steps: readonly Orderable[], direction: LayoutDirection = "TB"): Map<string, number> {
  const ids = new Set(steps.map((s) => s.id));
  const before = (a: Orderable, b: Orderable): number => {
    const pa = a.position ?? { x: 0, y: 0 };
    const pb = b.position ?? { x: 0, y: 0 };
    const [major, minor] = direction === "LR" ? (["x", "y"] as const) : (["y", "x"] as const);
    return pa[major] - pb[major] || pa[minor] - pb[minor] || a.stepIndex - b.stepIndex || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
  const waiting = new Map(steps.map((s) => [s.id, new Set(s.dependsOn.filter((d) => ids.has(d) && d !== s.id))]));
  const dependents = new Map<string, string[]>();
  for (const s of steps) for (const d of waiting.get(s.id)!) dependents.set(d, [...(dependents.get(d) ?? []), s.id]);
  const byId = new Map(steps.map((s) => [s.id, s]));
  const out = new Map<string, number>();
  let ready = steps.filter((s) => waiting.get(s.id)!.size === 0);
  while (out.size < steps.length) {
    if (!ready.length) {
      // A cycle: nothing is free. Number its steps in reading order and carry on from there.
      ready = steps
        .filter((s) => !out.has(s.id))
        .sort(before)
        .slice(0, 1);
    }
    ready.sort(before);
    const next = ready.shift()!;
    if (out.has(next.id)) continue;
    out.set(next.id, out.size + 1);
    for (const child of dependents.get(next.id) ?? []) {
      const w = waiting.get(child)!;
      w.delete(next.id);
      if (w.size === 0 && !out.has(child)) ready.push(byId.get(child)!);
    }
  }
  return out;
}

/** stepNumbers for a plan drawn on a canvas, where a step's place is its node's (laid out or saved). */
export function planStepNumbers(plan: Plan, positionOf: (id: string) => Position | undefined, direction: LayoutDirection = "TB"): Map<string, number> {
  return stepNumbers(
    plan.steps.map((s) => ({ ...s, position: positionOf(s.id) ?? s.position })),
    direction,
  );
}
