// An AI proposal reviewed as a diff: the proposal is a whole plan; the user accepts or rejects
// each step's change (or all of them). Pure functions over plans, shared by the canvas and tests.
import { diffPlans, type StepDiff } from "./diff";
import { NODE_SIZE, type LayoutDirection } from "./layout";
import type { Plan, PlanStep, Position } from "./schema";
import { findCycle } from "./validate";

const GAP_X = NODE_SIZE.width + 48;
const GAP_Y = NODE_SIZE.height + 72;

/** Resolves a dependency list against the ids that exist, skipping over steps that do not. */
function resolveDeps(deps: readonly string[], exists: (id: string) => boolean, lookup: (id: string) => PlanStep | undefined): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (d: string) => {
    if (seen.has(d)) return;
    seen.add(d);
    if (exists(d)) {
      if (!out.includes(d)) out.push(d);
      return;
    }
    for (const dd of lookup(d)?.dependsOn ?? []) visit(dd);
  };
  for (const d of deps) visit(d);
  return out;
}

/**
 * The plan the proposal leads to once the rejected changes are taken out: a rejected new step is
 * dropped (what depended on it skips over it), a rejected removal keeps the step, a rejected change
 * keeps the current version. Existing steps keep their place and stepIndex.
 */
export function effectiveProposal(current: Plan, proposed: Plan, rejected: ReadonlySet<string> = new Set()): Plan {
  const cur = new Map(current.steps.map((s) => [s.id, s]));
  const prop = new Map(proposed.steps.map((s) => [s.id, s]));
  const picked: PlanStep[] = [];
  let next = current.steps.reduce((m, s) => Math.max(m, s.stepIndex + 1), 0);
  for (const s of proposed.steps) {
    const old = cur.get(s.id);
    if (rejected.has(s.id)) {
      if (old) picked.push(old);
      continue;
    }
    if (old) picked.push({ ...s, stepIndex: old.stepIndex, ...(old.position ? { position: old.position } : {}) });
    else picked.push({ ...s, stepIndex: next++ });
  }
  for (const s of current.steps) if (!prop.has(s.id) && rejected.has(s.id)) picked.push(s);
  const ids = new Set(picked.map((s) => s.id));
  const lookup = (id: string) => prop.get(id) ?? cur.get(id);
  const steps = picked
    .map((s) => (s.dependsOn.every((d) => ids.has(d)) ? s : { ...s, dependsOn: resolveDeps(s.dependsOn, (d) => ids.has(d), lookup) }))
    .sort((a, b) => a.stepIndex - b.stepIndex);
  return { ...current, title: rejected.has("(title)") ? current.title : proposed.title, steps };
}

/** The changes still waiting for a decision. */
export function pendingChanges(current: Plan, proposed: Plan, rejected: ReadonlySet<string> = new Set()): StepDiff[] {
  return diffPlans(current, effectiveProposal(current, proposed, rejected)).steps;
}

export type AcceptResult = { ok: true; plan: Plan } | { ok: false; message: string };

function checked(plan: Plan): AcceptResult {
  const cycle = findCycle(plan.steps);
  return cycle ? { ok: false, message: `Accepting this would create a cycle: ${cycle.join(" → ")}` } : { ok: true, plan };
}

/**
 * Applies one step's change to the current plan. An accepted new step is wired in where the
 * proposal puts it: steps whose only change is to wait for it are reconnected too.
 */
export function acceptChange(current: Plan, proposed: Plan, rejected: ReadonlySet<string>, id: string): AcceptResult {
  const target = effectiveProposal(current, proposed, rejected);
  const change = diffPlans(current, target).steps.find((c) => c.id === id);
  if (!change) return { ok: false, message: `No pending change for "${id}"` };
  const want = new Map(target.steps.map((s) => [s.id, s]));
  const has = new Set(current.steps.map((s) => s.id));
  if (change.kind === "removed") {
    const gone = new Set([id]);
    const byId = new Map(current.steps.map((s) => [s.id, s]));
    const steps = current.steps
      .filter((s) => s.id !== id)
      .map((s) =>
        s.dependsOn.includes(id)
          ? {
              ...s,
              dependsOn: resolveDeps(
                s.dependsOn,
                (d) => !gone.has(d) && byId.has(d),
                (d) => byId.get(d),
              ),
            }
          : s,
      );
    return checked({ ...current, steps });
  }
  const after = change.after!;
  if (change.kind === "added") has.add(id);
  const exists = (d: string) => has.has(d);
  const deps = resolveDeps(after.dependsOn, exists, (d) => want.get(d));
  let steps: PlanStep[];
  if (change.kind === "added") {
    const next = current.steps.reduce((m, s) => Math.max(m, s.stepIndex + 1), 0);
    const added: PlanStep = { ...after, stepIndex: next, dependsOn: deps, origin: after.origin ?? "ai" };
    steps = current.steps.map((s) => {
      const w = want.get(s.id);
      if (!w || !w.dependsOn.includes(id)) return s;
      const only = diffPlans({ title: "", steps: [s] }, { title: "", steps: [w] }).steps[0]?.changes.every((c) => c.field === "dependsOn");
      return only ? { ...s, dependsOn: resolveDeps(w.dependsOn, exists, (d) => want.get(d)) } : s;
    });
    steps.push(added);
  } else {
    steps = current.steps.map((s) => {
      if (s.id !== id) return s;
      const next: PlanStep = { ...after, stepIndex: s.stepIndex, dependsOn: deps, origin: "ai" };
      if (s.position) next.position = s.position;
      else delete next.position;
      return next;
    });
  }
  return checked({ ...current, steps });
}

/** Accepts every pending change at once. */
export function acceptAll(current: Plan, proposed: Plan, rejected: ReadonlySet<string>): AcceptResult {
  const target = effectiveProposal(current, proposed, rejected);
  const changed = new Set(diffPlans(current, target).steps.map((c) => c.id));
  return checked({ ...target, steps: target.steps.map((s) => (changed.has(s.id) ? { ...s, origin: s.origin === "manual" ? "manual" : "ai" } : s)) });
}

/**
 * Positions for the steps a proposal adds, near the steps they connect to and clear of the others,
 * so the proposal can be drawn over the current canvas without moving anything.
 */
export function placeNewSteps(current: Plan, proposed: Plan, positionOf: (id: string) => Position | undefined, direction: LayoutDirection = "TB"): Plan {
  const known = new Map<string, Position>();
  for (const s of current.steps) {
    const p = positionOf(s.id) ?? s.position;
    if (p) known.set(s.id, p);
  }
  const occupied = [...known.values()];
  const free = (p: Position) => !occupied.some((o) => Math.abs(o.x - p.x) < NODE_SIZE.width + 16 && Math.abs(o.y - p.y) < NODE_SIZE.height + 16);
  const existing = new Set(current.steps.map((s) => s.id));
  const steps = proposed.steps.map((s) => {
    if (existing.has(s.id)) return known.has(s.id) ? { ...s, position: known.get(s.id)! } : s;
    const parents = s.dependsOn.map((d) => known.get(d)).filter((p): p is Position => !!p);
    const children = proposed.steps
      .filter((c) => c.dependsOn.includes(s.id))
      .map((c) => known.get(c.id))
      .filter((p): p is Position => !!p);
    let p: Position;
    if (parents.length) {
      const base = parents.reduce((a, b) => (direction === "TB" ? (b.y > a.y ? b : a) : b.x > a.x ? b : a));
      p = direction === "TB" ? { x: base.x, y: base.y + GAP_Y } : { x: base.x + GAP_X, y: base.y };
      if (children.length) {
        const c = children[0]!;
        p = direction === "TB" ? { x: base.x, y: Math.round((base.y + c.y) / 2) } : { x: Math.round((base.x + c.x) / 2), y: base.y };
      }
    } else if (occupied.length) {
      const maxX = Math.max(...occupied.map((o) => o.x));
      const minY = Math.min(...occupied.map((o) => o.y));
      p = { x: maxX + GAP_X, y: minY };
    } else p = { x: 0, y: 0 };
    for (let i = 0; i < 200 && !free(p); i++) p = direction === "TB" ? { x: p.x + GAP_X, y: p.y } : { x: p.x, y: p.y + GAP_Y };
    known.set(s.id, p);
    occupied.push(p);
    return { ...s, position: p };
  });
  return { ...proposed, steps };
}
