// The canvas editor's state, one store per editor: the plan and its undo history, the selection,
// the clipboard, an AI proposal under review and the save state. Every edit is one of the pure
// operations of lib/plan/edit.ts; React Flow's nodes and edges are derived from the plan (and
// React Flow's own changes — drags, measurements, selection — are applied to them here).
import { applyEdgeChanges, applyNodeChanges, type Edge, type EdgeChange, type NodeChange } from "@xyflow/react";
import { createStore, type StoreApi } from "zustand/vanilla";
import { plansApi, type PlansApi, type TemplatePin } from "@/components/plans/api";
import { checkPlan, type PlanCheck } from "@/lib/plan/check";
import { jsonEqual } from "@/lib/plan/diff";
import {
  addStep,
  connectSteps,
  copySteps,
  disconnectSteps,
  pasteSteps,
  removeSteps,
  switchTool,
  updateStep,
  type ConnectResult,
  type StepPatch,
} from "@/lib/plan/edit";
import { layoutGraph, type LayoutDirection } from "@/lib/plan/layout";
import { stepNumbers } from "@/lib/plan/order";
import type { Plan, PlanStep, Position } from "@/lib/plan/schema";
import { sessionClipboard, type ClipboardStorage } from "./clipboard";
import { deriveGraph, inferDirection, normalized, openDoc, placed, workingPlan, type Doc } from "./editor-doc";
import { saveSlice, type SaveSlice } from "./editor-save";
import { proposalSlice, reviewOf, type ProposalSlice, type ProposalState, type Review } from "./editor-proposal";
import type { StepFlowNode } from "./step-node";
import { templateSlice, type TemplateSlice } from "./editor-template";
import type { Conflict, SaveOutcome } from "./editor-save";

/** Edits with the same key this close together are one undo step (typing, for example). */
const COALESCE_MS = 1200;
const HISTORY_LIMIT = 200;

/** What an edit returns: the new plan (optionally with the steps to select), or nothing to do. */
export type EditOutcome = Plan | { plan: Plan; select?: readonly string[] } | null | undefined;
export interface EditOptions {
  /** Coalescing key: edits with the same key in quick succession are one undo step. */
  key?: string;
  /** Every step's position becomes the user's (saved with the plan). */
  positionAll?: boolean;
  /** Exactly these steps' positions are the user's. */
  positioned?: ReadonlySet<string>;
}

/** The editor's panels and dialogs. */
export type Panel = "issues" | "versions" | "shortcuts" | "import" | "ai" | "template";

export interface EditorState extends ProposalSlice, SaveSlice, TemplateSlice {
  planId: string | null;
  /** The present document (the head of the history). */
  doc: Doc;
  past: Doc[];
  future: Doc[];
  /** React Flow's view of `doc`: the same steps plus selection, measurements and drags in progress. */
  nodes: StepFlowNode[];
  edges: Edge[];
  /** The plan the checks and operations see (title trimmed), and its problems. */
  working: Plan;
  check: PlanCheck;
  /** The number each step shows: run order, then reading order on the canvas (lib/plan/order.ts). */
  numbers: ReadonlyMap<string, number>;
  direction: LayoutDirection;
  clipboard: readonly PlanStep[] | null;
  panels: Readonly<Record<Panel, boolean>>;
  snap: boolean;
  /** Bumped to ask the canvas to fit the view once it has drawn what the store holds now. */
  fitRequest: number;

  edit(fn: (plan: Plan) => EditOutcome, opts?: EditOptions): boolean;
  undo(): boolean;
  redo(): boolean;
  setTitle(title: string): void;
  onNodesChange(changes: NodeChange<StepFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<Edge>[]): void;
  /** After a drag: moved steps keep their new place, and the whole layout becomes the user's. */
  commitDrag(): boolean;
  select(id: string | null): void;
  selectAll(): void;
  addTool(toolName: string, at?: Position): boolean;
  changeStep(id: string, patch: StepPatch, key?: string): boolean;
  changeTool(id: string, toolName: string): boolean;
  /** null when connected (or already connected), else why not. */
  connect(source: string, target: string): Extract<ConnectResult, { ok: false }> | null;
  /** Deletes one step (dependencies re-linked). */
  deleteStep(id: string): boolean;
  /** Deletes the steps and any selected edges (dependencies re-linked). */
  deleteSteps(ids: readonly string[]): boolean;
  copy(ids: readonly string[]): boolean;
  paste(): boolean;
  duplicate(ids: readonly string[]): boolean;
  autoLayout(direction: LayoutDirection): boolean;
  /** Replaces the canvas with another plan (import, restore): one undoable edit. */
  replaceWith(plan: Plan): boolean;
  setPanel(panel: Panel, open: boolean): void;
  toggleSnap(): void;
  requestFit(): void;
}

export type EditorStore = StoreApi<EditorState>;
export type { ClipboardStorage, Conflict, SaveOutcome };

export interface EditorInit {
  /** null = an imported draft that has never been saved. */
  planId: string | null;
  version: number | null;
  plan: Plan;
  /** The template version the plan was made from. */
  template?: TemplatePin | null;
}

export interface EditorDeps {
  api?: Pick<PlansApi, "createPlan" | "savePlanVersion">;
  clipboard?: ClipboardStorage;
  now?: () => number;
}

export const selectedIds = (nodes: readonly StepFlowNode[]): string[] => nodes.filter((n) => n.selected).map((n) => n.id);
export const isDirty = (s: Pick<EditorState, "saved" | "doc">) => s.saved === null || s.doc !== s.saved;
export const isReviewing = (s: Pick<EditorState, "review">) => !!s.review && s.review.pending.length > 0;

export function createEditorStore(init: EditorInit, deps: EditorDeps = {}): EditorStore {
  const api = deps.api ?? plansApi;
  const clip = deps.clipboard ?? sessionClipboard;
  const now = deps.now ?? Date.now;
  let lastEdit: { key?: string; at: number } = { at: 0 };
  let pasteCount = 0;

  return createStore<EditorState>()((set, get) => {
    /** What follows from a new document: nodes and edges, the checks, the proposal's pending changes. */
    const derived = (s: EditorState, doc: Doc, select?: ReadonlySet<string>, proposal: ProposalState | null = s.proposal) => {
      const working = workingPlan(doc.plan);
      const check = working === s.working ? s.check : checkPlan(working);
      const numbers = working === s.working ? s.numbers : stepNumbers(working.steps, s.direction);
      const review: Review | null = proposal ? (working === s.working && proposal === s.proposal ? s.review : reviewOf(working, proposal)) : null;
      return { doc, working, check, numbers, review, ...deriveGraph(s, doc, select) };
    };

    const commit = (doc: Doc, key?: string, select?: ReadonlySet<string>) => {
      const s = get();
      if (doc === s.doc) return;
      const at = now();
      const merge = key !== undefined && lastEdit.key === key && at - lastEdit.at < COALESCE_MS && s.past.length > 0;
      lastEdit = { key, at };
      set({ ...derived(s, doc, select), past: merge ? s.past : [...s.past, s.doc].slice(-HISTORY_LIMIT), future: [] });
    };

    const edit: EditorState["edit"] = (fn, opts = {}) => {
      const s = get();
      const before = s.working;
      const out = fn(before);
      if (!out) return false;
      const next = "steps" in out ? out : out.plan;
      const select = "steps" in out ? undefined : out.select;
      if (next === before) return false;
      const live = new Map(s.nodes.map((n) => [n.id, n]));
      // Every step placed: a new step without a position goes where its node is, or the origin.
      let plan = normalized(next);
      if (plan.steps.some((st) => !st.position))
        plan = { ...plan, steps: plan.steps.map((st) => (st.position ? st : { ...st, position: live.get(st.id)?.position ?? { x: 0, y: 0 } })) };
      const title = plan.title !== before.title ? plan.title : s.doc.plan.title;
      if (title !== plan.title) plan = { ...plan, title };
      const anyPositioned = s.doc.positioned.size > 0;
      const positioned =
        opts.positioned ??
        new Set(plan.steps.filter((st) => opts.positionAll || (live.has(st.id) ? s.doc.positioned.has(st.id) : anyPositioned)).map((st) => st.id));
      commit({ plan, positioned }, opts.key, select ? new Set(select) : undefined);
      return true;
    };

    const step = (dir: "undo" | "redo") => {
      const s = get();
      const target = dir === "undo" ? s.past.at(-1) : s.future[0];
      if (!target) return false;
      lastEdit = { at: 0 };
      const history = dir === "undo" ? { past: s.past.slice(0, -1), future: [s.doc, ...s.future] } : { past: [...s.past, s.doc], future: s.future.slice(1) };
      set({ ...derived(s, target), ...history });
      return true;
    };

    const { doc, direction } = openDoc(init.plan);
    const working = workingPlan(doc.plan);
    const base = deriveGraph({ nodes: [], edges: [] }, doc);
    const review = proposalSlice(get, set, edit);

    return {
      planId: init.planId,
      doc,
      past: [],
      future: [],
      ...base,
      working,
      check: checkPlan(working),
      numbers: stepNumbers(working.steps, direction),
      direction,
      clipboard: clip.read(),
      panels: { issues: false, versions: false, shortcuts: false, import: false, ai: false, template: false },
      snap: true,
      fitRequest: 0,
      ...review,
      ...saveSlice(get, set, api, { planId: init.planId, version: init.version, doc }),
      ...templateSlice(get, set, { template: init.template }),

      edit,
      undo: () => step("undo"),
      redo: () => step("redo"),
      setTitle: (title) => commit({ ...get().doc, plan: { ...get().doc.plan, title } }, "title"),

      onNodesChange: (changes) => {
        const keep = changes.filter((c) => c.type !== "remove" && c.type !== "add" && c.type !== "replace");
        if (keep.length) set({ nodes: applyNodeChanges(keep, get().nodes) });
      },
      onEdgesChange: (changes) => {
        const keep = changes.filter((c) => c.type === "select");
        if (keep.length) set({ edges: applyEdgeChanges(keep, get().edges) });
      },
      commitDrag: () => {
        const s = get();
        const at = new Map(s.nodes.map((n) => [n.id, n.position]));
        const moved = (st: PlanStep) => {
          const p = at.get(st.id);
          return !!p && (p.x !== st.position?.x || p.y !== st.position?.y);
        };
        if (!s.doc.plan.steps.some(moved)) return false;
        const steps = s.doc.plan.steps.map((st) => (moved(st) ? { ...st, position: { x: at.get(st.id)!.x, y: at.get(st.id)!.y } } : st));
        commit({ plan: { ...s.doc.plan, steps }, positioned: new Set(steps.map((st) => st.id)) });
        return true;
      },
      select: (id) =>
        set((s) => ({
          nodes: s.nodes.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })),
          edges: s.edges.some((e) => e.selected) ? s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)) : s.edges,
        })),
      selectAll: () => set((s) => ({ nodes: s.nodes.map((n) => (n.selected ? n : { ...n, selected: true })) })),

      addTool: (toolName, at) => {
        const sel = selectedIds(get().nodes);
        const anchor = at ? null : sel.length === 1 ? sel[0] : undefined;
        return edit(
          (plan) => {
            const r = addStep(plan, toolName, { after: anchor, direction: get().direction, ...(at ? { position: at } : {}) });
            return { plan: r.plan, select: [r.id] };
          },
          { positionAll: true },
        );
      },
      changeStep: (id, patch, key) =>
        edit(
          (plan) => {
            const st = plan.steps.find((x) => x.id === id);
            if (!st || Object.entries(patch).every(([k, v]) => jsonEqual(st[k as keyof PlanStep], v))) return null;
            return updateStep(plan, id, patch);
          },
          { key },
        ),
      changeTool: (id, toolName) => edit((plan) => ({ ...plan, steps: plan.steps.map((s) => (s.id === id ? switchTool(s, toolName) : s)) })),
      connect: (source, target) => {
        let refused: Extract<ConnectResult, { ok: false }> | null = null;
        edit((plan) => {
          const r = connectSteps(plan, source, target);
          if (r.ok) return r.plan;
          refused = r;
          return null;
        });
        return refused;
      },
      deleteStep: (id) => edit((plan) => removeSteps(plan, [id])),
      deleteSteps: (ids) => {
        const edgesSel = get().edges.filter((e) => e.selected);
        if (!ids.length && !edgesSel.length) return false;
        return edit((plan) => {
          let next = removeSteps(plan, ids);
          for (const e of edgesSel) next = disconnectSteps(next, e.source, e.target);
          return next;
        });
      },
      copy: (ids) => {
        if (!ids.length) return false;
        const clipboard = copySteps(get().working, ids);
        pasteCount = 0;
        clip.write(clipboard);
        set({ clipboard });
        return true;
      },
      paste: () => {
        const fragment = get().clipboard;
        if (!fragment?.length) return false;
        const k = ++pasteCount;
        return edit(
          (plan) => {
            const r = pasteSteps(plan, fragment, { x: 40 * k, y: 40 * k });
            return { plan: r.plan, select: r.ids };
          },
          { positionAll: true },
        );
      },
      duplicate: (ids) => get().copy(ids) && get().paste(),
      autoLayout: (dir) => {
        set({ direction: dir });
        return edit(
          (plan) => {
            const positions = layoutGraph(
              plan.steps,
              plan.steps.flatMap((s) => s.dependsOn.map((d) => ({ source: d, target: s.id }))),
              dir,
            );
            return { ...plan, steps: plan.steps.map((s) => ({ ...s, position: positions.get(s.id)! })) };
          },
          { positionAll: true },
        );
      },
      replaceWith: (plan) => {
        const withSaved = new Set(plan.steps.filter((s) => s.position).map((s) => s.id));
        const p = placed(plan, withSaved.size ? inferDirection(plan) : get().direction);
        const { description } = get().doc.plan; // the plan's description stays this plan's
        return edit(() => ({ title: p.title, ...(description !== undefined ? { description } : {}), steps: p.steps }), { positioned: withSaved });
      },

      requestFit: () => set((s) => ({ fitRequest: s.fitRequest + 1 })),
      setPanel: (panel, open) => set((s) => (s.panels[panel] === open ? s : { panels: { ...s.panels, [panel]: open } })),
      toggleSnap: () => set((s) => ({ snap: !s.snap })),
    };
  });
}
