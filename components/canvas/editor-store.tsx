"use client";

import { createContext, useContext, useSyncExternalStore } from "react";
import type { LayoutDirection } from "@/lib/plan/layout";

export type ProposalMark = "added" | "removed" | "changed";

export interface NodeActions {
  acceptChange(id: string): void;
  rejectChange(id: string): void;
}

/**
 * Per-node state that is not part of the plan (validation problems, proposal marks, handle
 * direction), kept outside React Flow's node data: each node subscribes to its own entry, so a
 * change re-renders only the nodes it concerns, never the whole graph.
 */
export class EditorStore {
  private issues = new Map<string, string>();
  private marks = new Map<string, ProposalMark>();
  private dir: LayoutDirection = "TB";
  private listeners = new Set<() => void>();
  actions: NodeActions = { acceptChange: () => {}, rejectChange: () => {} };

  setActions(actions: NodeActions) {
    this.actions = actions;
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private emit() {
    for (const fn of this.listeners) fn();
  }

  /** `errors:warnings` per step id. */
  setIssues(byStep: ReadonlyMap<string, { errors: number; warnings: number }>) {
    const next = new Map<string, string>();
    for (const [id, c] of byStep) next.set(id, `${c.errors}:${c.warnings}`);
    if (next.size === this.issues.size && [...next].every(([k, v]) => this.issues.get(k) === v)) return;
    this.issues = next;
    this.emit();
  }

  setMarks(marks: ReadonlyMap<string, ProposalMark>) {
    if (marks.size === this.marks.size && [...marks].every(([k, v]) => this.marks.get(k) === v)) return;
    this.marks = new Map(marks);
    this.emit();
  }

  setDirection(d: LayoutDirection) {
    if (d === this.dir) return;
    this.dir = d;
    this.emit();
  }

  issuesOf = (id: string) => this.issues.get(id) ?? "0:0";
  markOf = (id: string) => this.marks.get(id);
  direction = () => this.dir;
}

const Ctx = createContext<EditorStore | null>(null);
export const EditorStoreProvider = Ctx.Provider;

const fallback = new EditorStore();
export function useEditorStore(): EditorStore {
  return useContext(Ctx) ?? fallback;
}

export function useStepIssues(id: string): { errors: number; warnings: number } {
  const store = useEditorStore();
  const key = useSyncExternalStore(store.subscribe, () => store.issuesOf(id), () => "0:0");
  const [errors, warnings] = key.split(":").map(Number);
  return { errors: errors!, warnings: warnings! };
}

export function useStepMark(id: string): ProposalMark | undefined {
  const store = useEditorStore();
  return useSyncExternalStore(store.subscribe, () => store.markOf(id), () => undefined);
}

export function useDirection(): LayoutDirection {
  const store = useEditorStore();
  return useSyncExternalStore(store.subscribe, store.direction, () => "TB" as const);
}
