"use client";

import { useMemo } from "react";
import { toast } from "sonner";
import { planGoal, proposeEdit } from "@/components/plans/api";
import { sinks, uniqueStepId } from "@/lib/plan/edit";
import type { Plan, PlanStep } from "@/lib/plan/schema";
import type { NotPlannedPart } from "@/lib/planner/schema";
import { getTool } from "@/lib/tools/catalog";
import type { AiMode } from "./ai-dialog";
import { useEditorStore } from "./editor-context";
import { savedPlan } from "./editor-doc";
import type { DecisionOutcome } from "./editor-proposal";

/**
 * A planned goal as a proposal for the current plan: its steps go after the current plan's last
 * step, with ids that do not clash.
 */
export function goalProposal(current: Plan, planned: Plan, goal: string, notPlanned: NotPlannedPart[] = []): { proposed: Plan; summary: string } {
  const taken = new Set(current.steps.map((s) => s.id));
  const rename = new Map<string, string>();
  for (const s of planned.steps) {
    const id = taken.has(s.id) ? uniqueStepId(s.toolName, taken) : s.id;
    taken.add(id);
    rename.set(s.id, id);
  }
  const after = sinks(current).at(-1)?.id;
  let index = current.steps.reduce((m, s) => Math.max(m, s.stepIndex + 1), 0);
  const added: PlanStep[] = planned.steps.map((s) => {
    const { position: _p, ...rest } = s;
    const deps = s.dependsOn.map((d) => rename.get(d)!);
    return { ...rest, stepIndex: index++, id: rename.get(s.id)!, dependsOn: deps.length || !after ? deps : [after], origin: "ai" };
  });
  const summary = `Planned “${goal}”: ${added.length} new step${added.length === 1 ? "" : "s"} (${added.map((s) => getTool(s.toolName)?.title ?? s.toolName).join(" → ")})${after ? ` after “${after}”` : ""}.`;
  const left = notPlanned.length ? ` Not planned: ${notPlanned.map((p) => `${p.part} — ${p.reason}`).join("; ")}.` : "";
  return { proposed: { ...current, steps: [...current.steps, ...added] }, summary: summary + left };
}

/**
 * Reviewing an AI proposal: asking for one (a change to this plan, or steps for a goal), then
 * accepting or rejecting each change or all of them, with what happened told in a notification.
 */
export function useProposalReview() {
  const store = useEditorStore();

  return useMemo(() => {
    const reviewed = (r: DecisionOutcome, failed: string) => {
      if (!r.ok && r.message) toast.error(failed, { description: r.message });
      if (r.ok && r.done) toast.success("Proposal reviewed", { description: "Undo with Ctrl+Z." });
    };
    // The canvas fits once it has drawn the new steps (a timer or animation frame can come too early).
    const fitSoon = () => store.getState().requestFit();
    const open = (proposed: Plan, summary: string, source: string) => {
      if (!store.getState().openProposal(proposed, summary, source)) {
        toast.info("The AI proposed no changes", { description: summary });
        return;
      }
      fitSoon();
    };
    /** An accepted new step becomes a real node where the ghost was; the view follows so it is not left off-screen. */
    const addsSteps = (id?: string) => !!store.getState().review?.pending.some((c) => c.kind === "added" && (id === undefined || c.id === id));
    return {
      acceptChange: (id: string) => {
        const adds = addsSteps(id);
        const r = store.getState().acceptChange(id);
        reviewed(r, "Could not accept this change");
        if (r.ok && adds) fitSoon();
      },
      rejectChange: (id: string) => reviewed(store.getState().rejectChange(id), ""),
      acceptAll: () => {
        const adds = addsSteps();
        const r = store.getState().acceptAll();
        if (r.ok && adds) fitSoon();
        if (r.ok) toast.success("Proposal accepted", { description: "Undo with Ctrl+Z." });
        else if (r.message) toast.error("Could not accept the proposal", { description: r.message });
      },
      rejectAll: () => {
        store.getState().rejectAll();
        toast("Proposal rejected", { description: "Nothing changed." });
      },
      /** Asks the AI; true when a proposal came back (the dialog closes). */
      ask: async (mode: AiMode, text: string): Promise<boolean> => {
        const s = store.getState();
        const current = savedPlan(s.doc, s.doc.plan.title || "Untitled plan");
        try {
          if (mode === "edit") {
            const r = await proposeEdit({ ...current, title: current.title || "Untitled plan" }, text);
            open(r.proposal, r.summary, `“${text}”`);
          } else {
            const planned = await planGoal(text);
            const g = goalProposal(current, planned.plan, text, planned.notPlanned);
            open(g.proposed, g.summary, `Goal: “${text}”`);
          }
          return true;
        } catch (e) {
          toast.error("The AI could not propose anything", { description: (e as Error).message });
          return false;
        }
      },
    };
  }, [store]);
}
