import { describe, expect, it, vi } from "vitest";
import { ConflictError } from "@/components/plans/api";
import type { Plan } from "@/lib/plan/schema";
import { isDirty, isReviewing } from "./editor-store";
import { editor, fakeApi, ids, valid } from "./editor-store.fixtures";

describe("editor store: AI proposals", () => {
  /** Adds a translation after the post and rewrites the search. */
  function proposal(current: Plan): Plan {
    const p = structuredClone(current);
    p.steps = p.steps.map((s) => (s.id === "web_search" ? { ...s, description: "Search harder" } : s));
    p.steps.push({
      stepIndex: 9,
      toolName: "translate",
      description: "Translate the post",
      requiresApproval: false,
      id: "translate",
      input: { targetLanguage: "es" },
      dependsOn: ["format_post"],
      origin: "ai",
    });
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
