import { describe, expect, it } from "vitest";
import { createEditorStore, isDirty } from "./editor-store";
import { fakeApi, memoryClipboard, valid } from "./editor-store.fixtures";

const pin = { id: "00000000-0000-4000-8000-000000000001", version: 1, params: { topic: "ai" } };

describe("editor store: template parameters and pins", () => {
  it("keeps parameters beside the plan: binding and unbinding do not touch the plan or its history", () => {
    const store = createEditorStore({ planId: "p1", version: 1, plan: valid() }, { clipboard: memoryClipboard(), api: fakeApi() });
    const doc = store.getState().doc;
    store.getState().bindParam({ name: "query", label: "Query", required: true }, { stepId: "search", path: ["query"] });
    expect(store.getState().params).toEqual([{ name: "query", label: "Query", required: true, bindings: [{ stepId: "search", path: ["query"] }] }]);
    expect(store.getState().doc).toBe(doc);
    expect(isDirty(store.getState())).toBe(false);
    store.getState().unbindParam("search", ["query"]);
    expect(store.getState().params).toEqual([]);
  });

  it("an accepted upgrade is an unsaved edit that re-pins with the next save, once", async () => {
    const api = fakeApi();
    const store = createEditorStore({ planId: "p1", version: 3, plan: valid(), template: pin }, { clipboard: memoryClipboard(), api });
    const merged = valid();
    merged.steps[1] = { ...merged.steps[1]!, description: "Summarize briefly" };
    const next = { ...pin, version: 2 };
    expect(store.getState().acceptUpgrade(merged, next)).toBe(true);
    expect(isDirty(store.getState())).toBe(true);
    expect(store.getState().template).toEqual(next);
    expect((await store.getState().save()).status).toBe("saved");
    expect(api.savePlanVersion).toHaveBeenLastCalledWith("p1", expect.objectContaining({ title: "Valid" }), 3, next);
    expect(store.getState().pendingPin).toBeNull();
    store.getState().setTitle("Valid again");
    await store.getState().save();
    expect(api.savePlanVersion).toHaveBeenLastCalledWith("p1", expect.anything(), 4, undefined);
  });
});
