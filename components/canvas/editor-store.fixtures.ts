// Shared by the editor store's tests: plans, a fake plans API, an in-memory clipboard.
import { vi } from "vitest";
import type { PlansApi } from "@/components/plans/api";
import carousel from "@/lib/plan/fixtures/carousel.json";
import type { Plan, PlanStep } from "@/lib/plan/schema";
import { validatePlan } from "@/lib/plan/validate";
import { createEditorStore, type ClipboardStorage, type EditorDeps } from "./editor-store";

export const seed = (): Plan => {
  const r = validatePlan(carousel);
  if (!r.ok) throw new Error("seed must validate");
  return structuredClone(r.plan);
};

/** A plan that checks clean: every step has the inputs its tool requires. */
export function valid(): Plan {
  return {
    title: "Valid",
    steps: [
      { stepIndex: 0, toolName: "web_search", description: "Search", requiresApproval: false, id: "search", input: { query: "AI trends" }, dependsOn: [] },
      { stepIndex: 1, toolName: "summarize", description: "Summarize", requiresApproval: false, id: "sum", input: {}, dependsOn: ["search"] },
    ],
  };
}

export function memoryClipboard(): ClipboardStorage & { steps: PlanStep[] | null } {
  const c = {
    steps: null as PlanStep[] | null,
    read: () => c.steps,
    write: (s: readonly PlanStep[]) => void (c.steps = [...s]),
  };
  return c;
}

export function fakeApi(over: Partial<PlansApi> = {}): NonNullable<EditorDeps["api"]> {
  return {
    createPlan: vi.fn(async () => ({ id: "new-plan", version: 1 })),
    savePlanVersion: vi.fn(async (_id: string, _plan: Plan, base: number | null) => ({ id: "p1", version: (base ?? 0) + 1 })),
    ...over,
  };
}

export function editor(plan: Plan = seed(), opts: { planId?: string | null; version?: number | null } & EditorDeps = {}) {
  let t = 0;
  const { planId = "p1", version = 1, ...deps } = opts;
  return createEditorStore({ planId, version, plan }, { clipboard: memoryClipboard(), api: fakeApi(), now: () => (t += 5000), ...deps });
}

export const ids = (s: { doc: { plan: Plan } }) => s.doc.plan.steps.map((x) => x.id);
