// The AI proposal part of the editor's store: a proposed plan drawn over the canvas, each change
// accepted (one undoable edit) or rejected, or all of them at once (lib/plan/proposal.ts).
import type { StoreApi } from "zustand/vanilla";
import { diffPlans, type StepDiff } from "@/lib/plan/diff";
import { acceptAll, acceptChange, effectiveProposal, pendingChanges, placeNewSteps } from "@/lib/plan/proposal";
import type { Plan } from "@/lib/plan/schema";
import type { EditorState } from "./editor-store";

export type ProposalMark = "added" | "removed" | "changed";

export interface ProposalState {
  /** The whole plan the AI proposes, new steps already placed on the canvas. */
  proposed: Plan;
  summary: string;
  /** What was asked, in words. */
  source: string;
  /** Changes decided already (rejected, or accepted and now part of the plan). */
  rejected: ReadonlySet<string>;
}

/** The proposal against the current plan: where it leads, what is left to decide, the canvas marks. */
export interface Review {
  effective: Plan;
  pending: StepDiff[];
  marks: ReadonlyMap<string, ProposalMark>;
}

export type DecisionOutcome = { ok: true; done: boolean } | { ok: false; message?: string };

export interface ProposalSlice {
  proposal: ProposalState | null;
  review: Review | null;
  /** false when the proposal changes nothing (nothing opens). */
  openProposal(proposed: Plan, summary: string, source: string): boolean;
  acceptChange(id: string): DecisionOutcome;
  rejectChange(id: string): DecisionOutcome;
  acceptAll(): DecisionOutcome;
  rejectAll(): void;
}

export function reviewOf(working: Plan, p: ProposalState): Review {
  const effective = effectiveProposal(working, p.proposed, p.rejected);
  const pending = diffPlans(working, effective).steps;
  return { effective, pending, marks: new Map(pending.map((c) => [c.id, c.kind])) };
}

type Get = StoreApi<EditorState>["getState"];
type Set = StoreApi<EditorState>["setState"];

export function proposalSlice(get: Get, set: Set, edit: EditorState["edit"]): ProposalSlice {
  const close = (proposal: ProposalState | null) => set((s) => ({ proposal, review: proposal ? reviewOf(s.working, proposal) : null }));

  /** Records a decision; the proposal closes once nothing is left to decide. */
  const decide = (p: ProposalState, id: string): DecisionOutcome => {
    const decided = new Set([...p.rejected, id]);
    const left = pendingChanges(get().working, p.proposed, decided);
    close(left.length ? { ...p, rejected: decided } : null);
    return { ok: true, done: !left.length };
  };

  return {
    proposal: null,
    review: null,
    openProposal: (proposed, summary, source) => {
      const s = get();
      const positions = new Map(s.nodes.map((n) => [n.id, n.position]));
      const placedPlan = placeNewSteps(s.working, proposed, (id) => positions.get(id), s.direction);
      if (pendingChanges(s.working, placedPlan).length === 0) return false;
      s.select(null);
      close({ proposed: placedPlan, summary, source, rejected: new Set() });
      return true;
    },
    acceptChange: (id) => {
      const { proposal: p, review } = get();
      if (!p) return { ok: false };
      const kind = review?.pending.find((c) => c.id === id)?.kind;
      let message: string | undefined;
      const ok = edit(
        (plan) => {
          const r = acceptChange(plan, p.proposed, p.rejected, id);
          if (r.ok) return r.plan;
          message = r.message;
          return null;
        },
        { positionAll: kind === "added" },
      );
      // Once accepted, the step is the user's: later edits to it are not part of the proposal.
      return ok ? decide(p, id) : { ok: false, message };
    },
    rejectChange: (id) => {
      const p = get().proposal;
      return p ? decide(p, id) : { ok: false };
    },
    acceptAll: () => {
      const { proposal: p, review } = get();
      if (!p) return { ok: false };
      let message: string | undefined;
      const ok = edit(
        (plan) => {
          const r = acceptAll(plan, p.proposed, p.rejected);
          if (r.ok) return r.plan;
          message = r.message;
          return null;
        },
        { positionAll: !!review?.pending.some((c) => c.kind === "added") },
      );
      if (!ok) return { ok: false, message };
      close(null);
      return { ok: true, done: true };
    },
    rejectAll: () => close(null),
  };
}
