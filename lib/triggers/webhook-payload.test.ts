import { describe, expect, it } from "vitest";
import { mappingSchema, paramsFromPayload, valueAt } from "./webhook-payload";

describe("webhook payload mapping", () => {
  const payload = { order: { id: 7, items: [{ name: "tea" }] }, "odd key": true, question: "Why?" };

  it("reads paths into the payload", () => {
    expect(valueAt(payload, "$")).toBe(payload);
    expect(valueAt(payload, "$.order.id")).toBe(7);
    expect(valueAt(payload, "$.order.items[0].name")).toBe("tea");
    expect(valueAt(payload, '$["odd key"]')).toBe(true);
    expect(valueAt(payload, "$.order.items[3].name")).toBeUndefined();
    expect(valueAt(payload, "$.order.id.more")).toBeUndefined();
    expect(valueAt(payload, "$.constructor")).toBeUndefined();
  });

  it("takes the payload's keys as parameters without a mapping, the mapped paths with one, fixed values underneath", () => {
    expect(paramsFromPayload(payload, null, { words: 300 })).toEqual({ words: 300, ...payload });
    expect(paramsFromPayload(payload, { question: "$.order.items[0].name", sources: "$.missing" }, { words: 300 })).toEqual({ words: 300, question: "tea" });
  });

  it("names a mapping entry that is not a path or not a parameter name", () => {
    const bad = mappingSchema.safeParse({ Question: "$.q", topic: "order.id" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["Question", "topic"]));
  });
});
