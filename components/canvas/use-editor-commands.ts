"use client";

import { useReactFlow, useStoreApi, useUpdateNodeInternals, type Edge } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useCallback, useMemo } from "react";
import { toast } from "sonner";
import { clearDraft } from "@/components/plans/draft";
import { planToJson, slugify } from "@/lib/plan/export";
import type { LayoutDirection } from "@/lib/plan/layout";
import type { Plan } from "@/lib/plan/schema";
import { useEditorStore } from "./editor-context";
import { savedPlan } from "./editor-doc";
import { canvasImage, download } from "./export-image";
import { fitAll, fitReadable } from "./viewport";
import type { StepFlowNode } from "./step-node";

/**
 * The editor's commands that reach beyond the store: the viewport (fit, focus), the router
 * (after a save), files (export) and the notifications that tell the user what happened.
 */
export function useEditorCommands() {
  const store = useEditorStore();
  const router = useRouter();
  const rf = useReactFlow<StepFlowNode, Edge>();
  const updateNodeInternals = useUpdateNodeInternals();
  const flow = useStoreApi<StepFlowNode, Edge>();

  const saveAs = useCallback(
    async (opts: { copy?: boolean } = {}): Promise<boolean> => {
      const r = await store.getState().save(opts);
      switch (r.status) {
        case "invalid": {
          const first = r.check.issues.find((i) => i.severity === "error")!;
          toast.error("This plan cannot be saved yet", {
            description: `${r.check.errors} problem${r.check.errors === 1 ? "" : "s"}: ${first.path}: ${first.message}`,
          });
          store.getState().setPanel("issues", true);
          return false;
        }
        case "copied":
          toast.success("Saved as a new plan", { description: r.plan.title });
          router.push(`/plans/${r.id}`);
          return true;
        case "saved":
          toast.success(`Saved version ${r.version}`);
          if (r.created) {
            clearDraft();
            router.replace(`/plans/${r.id}`);
          }
          return true;
        case "failed":
          toast.error("Save failed", { description: r.message });
          return false;
        default:
          return false; // busy, or a conflict (its dialog opens)
      }
    },
    [store, router],
  );

  const fitSoon = useCallback(() => requestAnimationFrame(() => void rf.fitView({ ...fitAll(), duration: 200 })), [rf]);
  const focusStep = useCallback(
    (id: string) => requestAnimationFrame(() => void rf.fitView({ nodes: [{ id }], duration: 250, maxZoom: 1, padding: 0.6 })),
    [rf],
  );
  const selectStep = useCallback(
    (id: string | null, focus = false) => {
      store.getState().select(id);
      if (id && focus) focusStep(id);
    },
    [store, focusStep],
  );

  /** The plan on the canvas as it would be saved. */
  const canvasPlan = useCallback(() => savedPlan(store.getState().doc), [store]);

  return useMemo(
    () => ({
      saveAs,
      save: () => void saveAs(),
      saveCopy: () => saveAs({ copy: true }),
      refresh: () => router.refresh(),
      focusStep,
      selectStep,
      canvasPlan,
      autoLayout: (dir: LayoutDirection) => {
        store.getState().autoLayout(dir);
        requestAnimationFrame(() => {
          updateNodeInternals(store.getState().nodes.map((n) => n.id));
          const { width, height } = flow.getState();
          fitReadable(rf, { width, height });
        });
      },
      importPlan: (plan: Plan) => {
        store.getState().replaceWith(plan);
        fitSoon();
        toast.success(`Imported ${plan.steps.length} step${plan.steps.length === 1 ? "" : "s"}`, { description: "It replaced the canvas; undo with Ctrl+Z." });
      },
      restoreVersion: async (n: number, plan: Plan) => {
        store.getState().replaceWith(plan);
        fitSoon();
        if (await saveAs()) {
          store.getState().setPanel("versions", false);
          toast.success(`Restored v${n}`, { description: "Its content is now the latest version; undo brings back what was on the canvas." });
        }
      },
      exportJson: () => {
        const plan = canvasPlan();
        const url = URL.createObjectURL(new Blob([planToJson(plan)], { type: "application/json" }));
        download(url, `${slugify(plan.title)}.json`);
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      },
      exportImage: async (format: "png" | "svg") => {
        const real = rf.getNodes().filter((n) => !n.data.ghost);
        if (!real.length) {
          toast.info("Nothing to export yet", { description: "Add a step first." });
          return;
        }
        try {
          const url = await canvasImage(format, real, { background: getComputedStyle(document.body).backgroundColor });
          download(url, `${slugify(store.getState().doc.plan.title)}.${format}`);
        } catch (e) {
          toast.error(`Could not export the ${format.toUpperCase()} image`, { description: (e as Error).message });
        }
      },
    }),
    [saveAs, focusStep, selectStep, canvasPlan, fitSoon, store, rf, flow, updateNodeInternals, router],
  );
}

export type EditorCommands = ReturnType<typeof useEditorCommands>;
