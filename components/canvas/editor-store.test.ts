import { describe, expect, it } from "vitest";
import { selectedIds } from "./editor-store";
import { editor, ids, memoryClipboard, seed, valid } from "./editor-store.fixtures";

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

describe("editor store: step numbers", () => {
  it("numbers steps in run order and renumbers after an edit that reorders them", () => {
    const store = editor();
    const numbers = () => Object.fromEntries(store.getState().numbers);
    expect(numbers()).toEqual({ web_search: 1, generate_outline: 2, format_post: 3, generate_image: 4 });
    // A step added after the first one is created last but runs second.
    expect(
      store.getState().edit((plan) => ({
        ...plan,
        steps: [...plan.steps, { ...plan.steps[0]!, id: "summary", stepIndex: 9, toolName: "summarize", input: {}, dependsOn: ["web_search"] }].map((s) =>
          s.id === "generate_outline" ? { ...s, dependsOn: ["summary"] } : s,
        ),
      })),
    ).toBe(true);
    expect(numbers()).toEqual({ web_search: 1, summary: 2, generate_outline: 3, format_post: 4, generate_image: 5 });
    store.getState().undo();
    expect(numbers()).toEqual({ web_search: 1, generate_outline: 2, format_post: 3, generate_image: 4 });
  });
});
