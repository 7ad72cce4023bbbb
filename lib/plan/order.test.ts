import { describe, expect, it } from "vitest";
import { stepNumbers } from "./order";

const step = (id: string, stepIndex: number, dependsOn: string[], x: number, y: number) => ({ id, stepIndex, dependsOn, position: { x, y } });

describe("stepNumbers", () => {
  it("follows the dependencies, not creation order", () => {
    // "summary" was created last but runs second.
    const n = stepNumbers([step("search", 0, [], 0, 0), step("post", 1, ["summary"], 0, 400), step("summary", 2, ["search"], 0, 200)]);
    expect([...n]).toEqual([
      ["search", 1],
      ["summary", 2],
      ["post", 3],
    ]);
  });

  it("breaks ties between independent steps by their place on the canvas", () => {
    const steps = [step("right", 0, [], 400, 0), step("left", 1, [], 0, 0), step("below", 2, [], 0, 300)];
    expect(Object.fromEntries(stepNumbers(steps, "TB"))).toEqual({ left: 1, right: 2, below: 3 });
    // Left-right reading: columns first.
    expect(Object.fromEntries(stepNumbers(steps, "LR"))).toEqual({ left: 1, below: 2, right: 3 });
  });

  it("a dependent never comes before its dependency, wherever it is placed", () => {
    const n = stepNumbers([step("late", 0, ["early"], 0, 0), step("early", 1, [], 0, 500)]);
    expect(n.get("early")).toBe(1);
    expect(n.get("late")).toBe(2);
  });

  it("numbers every step of an invalid plan: cycles and unknown dependencies", () => {
    const n = stepNumbers([step("a", 0, ["b"], 0, 0), step("b", 1, ["a"], 0, 200), step("c", 2, ["ghost"], 0, 400)]);
    expect(new Set(n.values())).toEqual(new Set([1, 2, 3]));
    expect(n.get("c")).toBe(1);
  });

  it("without positions, creation order decides", () => {
    const n = stepNumbers([
      { id: "b", stepIndex: 1, dependsOn: [] },
      { id: "a", stepIndex: 0, dependsOn: [] },
    ]);
    expect(Object.fromEntries(n)).toEqual({ a: 1, b: 2 });
  });
});
