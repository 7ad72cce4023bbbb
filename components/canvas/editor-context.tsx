"use client";

import { createContext, useContext, useRef, useState } from "react";
import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import { shallow } from "zustand/shallow";
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

/** What a step node shows from the editor's state beyond its own data. */
export interface StepView {
  errors: number;
  warnings: number;
  /** How a proposal under review changes the step. */
  mark: ProposalMark | undefined;
  /** The step's number on the canvas (run order); null outside an editor and for a proposal's ghost steps. */
  number: number | null;
  /** The step's template parameter slots as "path=name" lines ("sections=slides"); none outside an editor. */
  slots: string;
  direction: LayoutDirection;
}

const OUTSIDE: StepView = { errors: 0, warnings: 0, mark: undefined, number: null, slots: "", direction: "TB" };

function stepView(s: EditorState, id: string): StepView {
  const c = s.check.byStep.get(id);
  return {
    errors: c?.errors ?? 0,
    warnings: c?.warnings ?? 0,
    mark: s.review && s.review.pending.length ? s.review.marks.get(id) : undefined,
    number: s.numbers.get(id) ?? null,
    slots: s.params.flatMap((p) => p.bindings.filter((b) => b.stepId === id).map((b) => `${b.path.join(".")}=${p.name}`)).join("\n"),
    direction: s.direction,
  };
}

/**
 * Everything a step node reads from the editor, in one subscription (a big plan has a thousand
 * nodes, and every store update runs each node's selector): the node re-renders only when one of
 * these values changes.
 */
export function useStepView(id: string): StepView {
  const last = useRef<{ from: ViewInputs; view: StepView } | null>(null);
  return useNodeView((s: EditorState) => {
    // A drag changes only the nodes' positions: every node's selector runs on each pointer move,
    // so it answers from the last view unless what a view is made of changed.
    const prev = last.current;
    if (prev && sameInputs(prev.from, s)) return prev.view;
    const next = stepView(s, id);
    const view = prev && shallow(prev.view, next) ? prev.view : next;
    last.current = { from: inputsOf(s), view };
    return view;
  }, OUTSIDE);
}

type ViewInputs = Pick<EditorState, "check" | "review" | "numbers" | "params" | "direction">;
const inputsOf = ({ check, review, numbers, params, direction }: EditorState): ViewInputs => ({ check, review, numbers, params, direction });
const sameInputs = (a: ViewInputs, s: EditorState) =>
  a.check === s.check && a.review === s.review && a.numbers === s.numbers && a.params === s.params && a.direction === s.direction;
