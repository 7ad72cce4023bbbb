import { describe, expect, it, vi } from "vitest";
import { ConflictError, type PlansApi } from "@/components/plans/api";
import carousel from "@/lib/plan/fixtures/carousel.json";
import type { Plan, PlanStep } from "@/lib/plan/schema";
import { validatePlan } from "@/lib/plan/validate";
import { isDirty, isReviewing, selectedIds, createEditorStore, type ClipboardStorage, type EditorDeps } from "./editor-store";

const seed = (): Plan => {
  const r = validatePlan(carousel);
  if (!r.ok) throw new Error("seed must validate");
  return structuredClone(r.plan);
};

/** A plan that checks clean: every step has the inputs its tool requires. */
function valid(): Plan {
  return {
    title: "Valid",
    steps: [
      { stepIndex: 0, toolName: "web_search", description: "Search", requiresApproval: false, id: "search", input: { query: "AI trends" }, dependsOn: [] },
      { stepIndex: 1, toolName: "summarize", description: "Summarize", requiresApproval: false, id: "sum", input: {}, dependsOn: ["search"] },
    ],
  };
}

function memoryClipboard(): ClipboardStorage & { steps: PlanStep[] | null } {
  const c = {
    steps: null as PlanStep[] | null,
    read: () => c.steps,
    write: (s: readonly PlanStep[]) => void (c.steps = [...s]),
  };
  return c;
}

function fakeApi(over: Partial<PlansApi> = {}): NonNullable<EditorDeps["api"]> {
  return {
    createPlan: vi.fn(async () => ({ id: "new-plan", version: 1 })),
    savePlanVersion: vi.fn(async (_id: string, _plan: Plan, base: number | null) => ({ id: "p1", version: (base ?? 0) + 1 })),
    ...over,
  };
}

function editor(plan: Plan = seed(), opts: { planId?: string | null; version?: number | null } & EditorDeps = {}) {
  let t = 0;
  const { planId = "p1", version = 1, ...deps } = opts;
  return createEditorStore({ planId, version, plan }, { clipboard: memoryClipboard(), api: fakeApi(), now: () => (t += 5000), ...deps });
}

const ids = (s: { doc: { plan: Plan } }) => s.doc.plan.steps.map((x) => x.id);

describe("editor store: the document and React Flow's view of it", () => {
  it("opens every step placed, nodes and edges derived from the plan", () => {
    const s = editor().getState();
    expect(ids(s)).toEqual(["web_search", "generate_outline", "format_post", "generate_image"]);
    expect(s.doc.plan.steps.every((x) => x.position)).toBe(true);
    expect(s.nodes.map((n) => n.id)).toEqual(ids(s));
    expect(s.edges.map((e) => e.id)).toEqual(["web_search->generate_outline", "generate_outline->format_post", "format_post->generate_image"]);
    // Laid out, not placed by the user: the saved plan has no positions.
    expect(s.doc.positioned.size).toBe(0);
  });

  it("an edit keeps the nodes it did not touch (same objects)", () => {
    const store = editor();
    const before = store.getState().nodes;
    store.getState().changeStep("format_post", { description: "Write it" });
    const after = store.getState().nodes;
    expect(after[0]).toBe(before[0]);
    expect(after[2]).not.toBe(before[2]);
    expect(after[2]!.data.step.description).toBe("Write it");
  });

  it("a drag moves nodes without touching the plan; dropping commits one undo step and the layout becomes the user's", () => {
    const store = editor();
    const plan = store.getState().doc.plan;
    store.getState().onNodesChange([{ type: "position", id: "format_post", position: { x: 500, y: 600 }, dragging: true }]);
    expect(store.getState().doc.plan).toBe(plan);
    expect(store.getState().nodes.find((n) => n.id === "format_post")!.position).toEqual({ x: 500, y: 600 });
    expect(store.getState().commitDrag()).toBe(true);
    const s = store.getState();
    expect(s.doc.plan.steps.find((x) => x.id === "format_post")!.position).toEqual({ x: 500, y: 600 });
    expect(s.doc.positioned.size).toBe(4);
    expect(s.past).toHaveLength(1);
    expect(store.getState().commitDrag()).toBe(false);
  });

  it("React Flow cannot add or remove nodes behind the plan's back", () => {
    const store = editor();
    store.getState().onNodesChange([{ type: "remove", id: "format_post" }]);
    expect(store.getState().nodes).toHaveLength(4);
  });
});

describe("editor store: undo and redo", () => {
  it("undoes and redoes every edit", () => {
    const store = editor();
    const s0 = store.getState();
    s0.addTool("summarize");
    expect(ids(store.getState())).toHaveLength(5);
    store.getState().changeTool("summarize", "translate");
    store.getState().undo();
    expect(store.getState().doc.plan.steps.at(-1)!.toolName).toBe("summarize");
    store.getState().undo();
    expect(store.getState().doc).toBe(s0.doc);
    expect(store.getState().undo()).toBe(false);
    expect(store.getState().future).toHaveLength(2);
    store.getState().redo();
    expect(ids(store.getState())).toHaveLength(5);
    // A new edit drops what could be redone.
    store.getState().setTitle("Renamed");
    expect(store.getState().future).toHaveLength(0);
    expect(store.getState().redo()).toBe(false);
  });

  it("typing is one undo step (edits with one key close together coalesce)", () => {
    let t = 0;
    const store = editor(seed(), { now: () => (t += 100) });
    for (const title of ["A", "AB", "ABC"]) store.getState().setTitle(title);
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc.plan.title).toBe("LinkedIn AI Trends Carousel");
  });

  it("an edit that changes nothing is not an undo step", () => {
    const store = editor();
    store.getState().changeStep("format_post", { description: "Write the final carousel copy for LinkedIn" });
    expect(store.getState().past).toHaveLength(0);
  });

  it("undo keeps the selection of the steps that are still there", () => {
    const store = editor();
    store.getState().select("format_post");
    store.getState().addTool("summarize", { x: 0, y: 0 });
    expect(selectedIds(store.getState().nodes)).toEqual(["summarize"]);
    store.getState().select("generate_outline");
    store.getState().undo();
    expect(selectedIds(store.getState().nodes)).toEqual(["generate_outline"]);
  });

  it("delete re-links dependencies, and undo brings the step back", () => {
    const store = editor();
    store.getState().deleteSteps(["generate_outline"]);
    expect(store.getState().doc.plan.steps.find((x) => x.id === "format_post")!.dependsOn).toEqual(["web_search"]);
    store.getState().undo();
    expect(ids(store.getState())).toContain("generate_outline");
  });
});

describe("editor store: copy and paste", () => {
  it("pastes with new ids, dependencies inside the copy remapped, the copies selected and offset", () => {
    const clipboard = memoryClipboard();
    const store = editor(seed(), { clipboard });
    store.getState().copy(["generate_outline", "format_post"]);
    expect(clipboard.steps).toHaveLength(2);
    store.getState().paste();
    const s = store.getState();
    const pasted = s.doc.plan.steps.slice(4);
    expect(pasted.map((x) => x.id)).toEqual(["generate_outline_2", "format_post_2"]);
    // format_post depended on generate_outline: its copy depends on the copy; web_search was not copied.
    expect(pasted.map((x) => x.dependsOn)).toEqual([[], ["generate_outline_2"]]);
    expect(pasted.map((x) => x.stepIndex)).toEqual([4, 5]);
    expect(selectedIds(s.nodes)).toEqual(["generate_outline_2", "format_post_2"]);
    const orig = s.doc.plan.steps.find((x) => x.id === "format_post")!.position!;
    expect(pasted[1]!.position).toEqual({ x: orig.x + 40, y: orig.y + 40 });
    expect(s.edges.map((e) => e.id)).toContain("generate_outline_2->format_post_2");
    // Pasting again goes further along; one undo removes one paste.
    store.getState().paste();
    expect(store.getState().doc.plan.steps.at(-1)!.position).toEqual({ x: orig.x + 80, y: orig.y + 80 });
    store.getState().undo();
    expect(ids(store.getState())).toHaveLength(6);
  });

  it("another editor in the tab pastes what this one copied", () => {
    const clipboard = memoryClipboard();
    editor(seed(), { clipboard }).getState().copy(["web_search"]);
    const other = editor(valid(), { clipboard });
    expect(other.getState().paste()).toBe(true);
    expect(ids(other.getState())).toEqual(["search", "sum", "web_search"]);
  });

  it("duplicate is copy then paste; nothing copied, nothing pasted", () => {
    const store = editor();
    expect(store.getState().paste()).toBe(false);
    store.getState().duplicate(["web_search"]);
    expect(ids(store.getState())).toContain("web_search_2");
  });
});

describe("editor store: AI proposals", () => {
  /** Adds a translation after the post and rewrites the search. */
  function proposal(current: Plan): Plan {
    const p = structuredClone(current);
    p.steps = p.steps.map((s) => (s.id === "web_search" ? { ...s, description: "Search harder" } : s));
    p.steps.push({ stepIndex: 9, toolName: "translate", description: "Translate the post", requiresApproval: false, id: "translate", input: { targetLanguage: "es" }, dependsOn: ["format_post"], origin: "ai" });
    return p;
  }

  it("opens a proposal as pending changes marked on the canvas; nothing changes until accepted", () => {
    const store = editor();
    const doc = store.getState().doc;
    expect(store.getState().openProposal(proposal(store.getState().working), "Two changes", "“translate it”")).toBe(true);
    const s = store.getState();
    expect(isReviewing(s)).toBe(true);
    expect(s.review!.pending.map((c) => `${c.kind}:${c.id}`)).toEqual(["changed:web_search", "added:translate"]);
    expect(s.review!.marks.get("translate")).toBe("added");
    expect(s.review!.effective.steps.find((x) => x.id === "translate")!.position).toBeDefined();
    expect(s.doc).toBe(doc);
  });

  it("a proposal that changes nothing does not open", () => {
    const store = editor();
    expect(store.getState().openProposal(store.getState().working, "Nothing", "“nothing”")).toBe(false);
    expect(store.getState().proposal).toBeNull();
  });

  it("accepts and rejects per step; the proposal closes when nothing is left to decide", () => {
    const store = editor();
    store.getState().openProposal(proposal(store.getState().working), "", "");
    expect(store.getState().acceptChange("translate")).toEqual({ ok: true, done: false });
    const s = store.getState();
    expect(s.doc.plan.steps.find((x) => x.id === "translate")!.dependsOn).toEqual(["format_post"]);
    expect(s.review!.pending.map((c) => c.id)).toEqual(["web_search"]);
    expect(store.getState().rejectChange("web_search")).toEqual({ ok: true, done: true });
    expect(store.getState().proposal).toBeNull();
    expect(store.getState().doc.plan.steps[0]!.description).toBe("Search for top 5 AI marketing trends in 2026");
    // The accepted change is one undoable edit.
    store.getState().undo();
    expect(ids(store.getState())).not.toContain("translate");
  });

  it("accepts or rejects the whole proposal", () => {
    const store = editor();
    const doc = store.getState().doc;
    store.getState().openProposal(proposal(store.getState().working), "", "");
    store.getState().rejectAll();
    expect(store.getState().proposal).toBeNull();
    expect(store.getState().doc).toBe(doc);

    store.getState().openProposal(proposal(store.getState().working), "", "");
    expect(store.getState().acceptAll()).toEqual({ ok: true, done: true });
    const s = store.getState();
    expect(s.proposal).toBeNull();
    expect(s.review).toBeNull();
    expect(s.doc.plan.steps[0]!.description).toBe("Search harder");
    expect(ids(s)).toContain("translate");
    expect(s.past).toHaveLength(1);
  });

  it("undo during a review undoes an accepted change; what was decided stays decided", () => {
    const store = editor();
    store.getState().openProposal(proposal(store.getState().working), "", "");
    store.getState().acceptChange("web_search");
    expect(store.getState().doc.plan.steps[0]!.description).toBe("Search harder");
    expect(store.getState().review!.pending.map((c) => c.id)).toEqual(["translate"]);
    store.getState().undo();
    expect(store.getState().doc.plan.steps[0]!.description).toBe("Search for top 5 AI marketing trends in 2026");
    expect(store.getState().review!.pending.map((c) => c.id)).toEqual(["translate"]);
    expect(store.getState().review!.marks.has("web_search")).toBe(false);
  });
});

describe("editor store: saving", () => {
  it("tracks unsaved changes against the document last saved", async () => {
    const store = editor(valid());
    expect(isDirty(store.getState())).toBe(false);
    store.getState().setTitle("Valid, renamed");
    expect(isDirty(store.getState())).toBe(true);
    store.getState().undo();
    expect(isDirty(store.getState())).toBe(false);
    store.getState().redo();
    const r = await store.getState().save();
    expect(r).toMatchObject({ status: "saved", version: 2, created: false });
    expect(store.getState().version).toBe(2);
    expect(isDirty(store.getState())).toBe(false);
    store.getState().undo();
    expect(isDirty(store.getState())).toBe(true);
  });

  it("a draft that was never saved is unsaved; its first save creates the plan", async () => {
    const api = fakeApi();
    const store = editor(valid(), { planId: null, version: null, api });
    expect(isDirty(store.getState())).toBe(true);
    expect(await store.getState().save()).toMatchObject({ status: "saved", id: "new-plan", version: 1, created: true });
    expect(api.createPlan).toHaveBeenCalledOnce();
  });

  it("saves only the positions the user placed", async () => {
    const api = fakeApi();
    const store = editor(valid(), { api });
    store.getState().setTitle("  Valid  ");
    await store.getState().save();
    const sent = vi.mocked(api.savePlanVersion).mock.calls[0]!;
    expect(sent[1].title).toBe("Valid");
    expect(sent[1].steps.every((s) => s.position === undefined)).toBe(true);
    expect(sent[2]).toBe(1);
  });

  it("a newer version on the server is a conflict: nothing saved, the choice is the user's", async () => {
    const api = fakeApi({ savePlanVersion: vi.fn(async () => Promise.reject(new ConflictError("version 1 is not the latest", 3, {}))) });
    const store = editor(valid(), { api });
    store.getState().setTitle("Mine");
    expect(await store.getState().save()).toEqual({ status: "conflict", conflict: { baseVersion: 1, latestVersion: 3 } });
    expect(store.getState().conflict).toEqual({ baseVersion: 1, latestVersion: 3 });
    expect(isDirty(store.getState())).toBe(true);
    expect(store.getState().saving).toBe(false);
    // Save as a copy: a new plan with the canvas's content.
    expect(await store.getState().save({ copy: true })).toMatchObject({ status: "copied", id: "new-plan" });
    expect(vi.mocked(api.createPlan).mock.calls[0]![0].title).toBe("Mine (copy)");
    store.getState().closeConflict();
    expect(store.getState().conflict).toBeNull();
    // Or reload: the canvas is what the page shows next, nothing is unsaved.
    store.getState().setTitle("Mine again");
    await store.getState().save();
    store.getState().reloadAfterConflict();
    expect(store.getState().conflict).toBeNull();
    expect(isDirty(store.getState())).toBe(false);
  });

  it("refuses to save a plan with problems, and one save at a time", async () => {
    let release!: () => void;
    const api = fakeApi({ savePlanVersion: vi.fn(() => new Promise<{ id: string; version: number }>((r) => (release = () => r({ id: "p1", version: 2 })))) });
    const store = editor(valid(), { api });
    store.getState().changeStep("search", { description: "" });
    const invalid = await store.getState().save();
    expect(invalid.status).toBe("invalid");
    store.getState().undo();
    store.getState().setTitle("x");
    const first = store.getState().save();
    expect(store.getState().saving).toBe(true);
    expect(await store.getState().save()).toEqual({ status: "busy" });
    release();
    expect((await first).status).toBe("saved");
    expect(api.savePlanVersion).toHaveBeenCalledOnce();
  });

  it("a failed save says why and keeps the changes", async () => {
    const api = fakeApi({ savePlanVersion: vi.fn(async () => Promise.reject(new Error("offline"))) });
    const store = editor(valid(), { api });
    store.getState().setTitle("x");
    expect(await store.getState().save()).toEqual({ status: "failed", message: "offline" });
    expect(isDirty(store.getState())).toBe(true);
  });
});
