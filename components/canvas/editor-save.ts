// The save part of the editor's store: the document last saved (dirty = the present is another
// one), the version it is, a save under way, and a conflict when someone saved a newer version.
import type { StoreApi } from "zustand/vanilla";
import { ConflictError, type PlansApi } from "@/components/plans/api";
import type { PlanCheck } from "@/lib/plan/check";
import type { Plan } from "@/lib/plan/schema";
import { savedPlan, type Doc } from "./editor-doc";
import type { EditorState } from "./editor-store";

export interface Conflict {
  baseVersion: number;
  latestVersion: number;
}

export type SaveOutcome =
  | { status: "saved"; id: string; version: number; plan: Plan; created: boolean }
  | { status: "copied"; id: string; plan: Plan }
  | { status: "invalid"; check: PlanCheck }
  | { status: "conflict"; conflict: Conflict }
  | { status: "failed"; message: string }
  | { status: "busy" };

export interface SaveSlice {
  /** The document last saved (null: never saved), the version it is, whether a save is under way. */
  saved: Doc | null;
  version: number | null;
  saving: boolean;
  conflict: Conflict | null;
  /** Saves the present document as a new version (or, with `copy`, as a new plan). */
  save(opts?: { copy?: boolean }): Promise<SaveOutcome>;
  /** The conflict is resolved by reloading: what is on the canvas no longer counts as unsaved. */
  reloadAfterConflict(): void;
  closeConflict(): void;
}

type Get = StoreApi<EditorState>["getState"];
type Set = StoreApi<EditorState>["setState"];

export function saveSlice(
  get: Get,
  set: Set,
  api: Pick<PlansApi, "createPlan" | "savePlanVersion">,
  init: { planId: string | null; version: number | null; doc: Doc },
): SaveSlice {
  return {
    saved: init.planId === null ? null : init.doc,
    version: init.version,
    saving: false,
    conflict: null,
    save: async (opts = {}) => {
      const s = get();
      if (s.saving) return { status: "busy" };
      if (!s.check.ok) return { status: "invalid", check: s.check };
      const d = s.doc;
      const plan = savedPlan(d, opts.copy ? `${d.plan.title.trim()} (copy)` : d.plan.title);
      set({ saving: true });
      try {
        // An accepted upgrade re-pins the plan with this save; a copy keeps the plan's pin.
        const pin = s.pendingPin ?? undefined;
        const r = s.planId && !opts.copy ? await api.savePlanVersion(s.planId, plan, s.version, pin) : await api.createPlan(plan, s.template ?? undefined);
        if (pin && !opts.copy) s.pinSaved();
        if (opts.copy) {
          set({ saved: d });
          return { status: "copied", id: r.id, plan };
        }
        set({ saved: d, version: r.version });
        return { status: "saved", id: r.id, version: r.version, plan, created: !s.planId };
      } catch (e) {
        if (e instanceof ConflictError && s.version) {
          const conflict = { baseVersion: s.version, latestVersion: e.latestVersion ?? s.version + 1 };
          set({ conflict });
          return { status: "conflict", conflict };
        }
        return { status: "failed", message: (e as Error).message };
      } finally {
        set({ saving: false });
      }
    },
    reloadAfterConflict: () => set((s) => ({ saved: s.doc, conflict: null })),
    closeConflict: () => set({ conflict: null }),
  };
}
