// The template part of the editor's store: the parameters being made on this plan (which step
// inputs are slots a template user fills in), the template version the plan is pinned to (made from
// it, persisted with the plan), a re-pin waiting for the next save (after an upgrade), and the
// template this editor published (so "Publish new version" knows its id and base version).
//
// Parameters live in the editor, not in the plan document: a plan stays a plan (lib/plan/schema.ts
// is unchanged and old plans load as before); they become part of a template when it is published.
import type { StoreApi } from "zustand/vanilla";
import type { TemplatePin } from "@/components/plans/api";
import type { Plan } from "@/lib/plan/schema";
import { bindParam, unbindParam } from "@/lib/templates/editing";
import type { ParamBinding, TemplateParam } from "@/lib/templates/params";
import type { EditorState } from "./editor-store";

export interface TemplateSlice {
  params: TemplateParam[];
  /** The template version the plan was made from (as saved), or null. */
  template: TemplatePin | null;
  /** A pin the next save records (an accepted upgrade). */
  pendingPin: TemplatePin | null;
  /** The workspace template this editor last published, and its version. */
  published: { id: string; name: string; version: number } | null;
  bindParam(param: Omit<TemplateParam, "bindings">, binding: ParamBinding): void;
  unbindParam(stepId: string, path: readonly string[]): void;
  setParams(params: TemplateParam[]): void;
  setPublished(published: { id: string; name: string; version: number }): void;
  /** Puts the merged plan on the canvas (one undoable edit, unsaved) and re-pins on the next save. */
  acceptUpgrade(plan: Plan, pin: TemplatePin): boolean;
  /** After a save recorded the pending pin. */
  pinSaved(): void;
}

type Get = StoreApi<EditorState>["getState"];
type Set = StoreApi<EditorState>["setState"];

export function templateSlice(get: Get, set: Set, init: { template?: TemplatePin | null }): TemplateSlice {
  return {
    params: [],
    template: init.template ?? null,
    pendingPin: null,
    published: null,
    bindParam: (param, binding) => set((s) => ({ params: bindParam(s.params, param, binding) })),
    unbindParam: (stepId, path) => set((s) => ({ params: unbindParam(s.params, stepId, path) })),
    setParams: (params) => set({ params }),
    setPublished: (published) => set({ published }),
    acceptUpgrade: (plan, pin) => {
      const changed = get().replaceWith(plan);
      set({ pendingPin: pin, template: pin });
      return changed;
    },
    pinSaved: () => set({ pendingPin: null }),
  };
}
