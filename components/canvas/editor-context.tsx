"use client";

import { createContext, useContext, useState } from "react";
import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import { createStore, type StoreApi } from "zustand/vanilla";
import type { LayoutDirection } from "@/lib/plan/layout";
import type { ProposalMark } from "./editor-proposal";
import { createEditorStore, selectedIds, type EditorDeps, type EditorInit, type EditorState, type EditorStore } from "./editor-store";

const Ctx = createContext<EditorStore | null>(null);

/** One store per editor instance, created on mount (a new plan or version remounts the editor). */
export function EditorProvider({ init, deps, children }: { init: EditorInit; deps?: EditorDeps; children: React.ReactNode }) {
  const [store] = useState(() => createEditorStore(init, deps));
  return <Ctx.Provider value={store}>{children}</Ctx.Provider>;
}

export function useEditorStore(): EditorStore {
  const store = useContext(Ctx);
  if (!store) throw new Error("useEditor needs an <EditorProvider>");
  return store;
}

/** A slice of the editor's state; the component re-renders only when the slice changes. */
export function useEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}

/** The selected step ids, stable while the selection does not change (drags do not re-render). */
export function useSelectedIds(): string[] {
  return useEditor(useShallow((s) => selectedIds(s.nodes)));
}

// What a step node reads. A node also draws outside an editor (the read-only plan preview): there
// it reads from a store that never changes.
const stillStore = createStore<{ still: true }>()(() => ({ still: true }));

function useNodeView<T>(fromEditor: (s: EditorState) => T, outside: T): T {
  const store: StoreApi<EditorState | { still: true }> = useContext(Ctx) ?? stillStore;
  return useStore(store, (s) => ("still" in s ? outside : fromEditor(s)));
}

export function useStepIssues(id: string): { errors: number; warnings: number } {
  const key = useNodeView((s) => {
    const c = s.check.byStep.get(id);
    return c ? `${c.errors}:${c.warnings}` : "0:0";
  }, "0:0");
  const [errors, warnings] = key.split(":").map(Number);
  return { errors: errors!, warnings: warnings! };
}

export function useStepMark(id: string): ProposalMark | undefined {
  return useNodeView((s) => (s.review && s.review.pending.length ? s.review.marks.get(id) : undefined), undefined);
}

export function useDirection(): LayoutDirection {
  return useNodeView((s) => s.direction, "TB");
}

/** The step's number on the canvas (run order); null outside an editor and for a proposal's ghost steps. */
export function useStepNumber(id: string): number | null {
  return useNodeView((s) => s.numbers.get(id) ?? null, null);
}

/** The step's template parameter slots ("sections" → "slides"); none outside an editor. */
export function useStepParamSlots(id: string): [string, string][] {
  const key = useNodeView((s) => s.params.flatMap((p) => p.bindings.filter((b) => b.stepId === id).map((b) => `${b.path.join(".")}=${p.name}`)).join("\n"), "");
  return key ? key.split("\n").map((kv) => kv.split("=") as [string, string]) : [];
}
