import { describe, expect, it } from "vitest";
import { previousRevision, sameContent } from "./revisions";
import type { ApprovalRow } from "./store";

const approval = (revision: number, output: unknown, decision: ApprovalRow["decision"] = "reject", comment: string | null = "Shorter"): ApprovalRow => ({
  id: `a${revision}`,
  run_id: "r",
  step_id: "post",
  revision,
  decision,
  content_hash: "0".repeat(64),
  output,
  comment,
  decided_by: "u",
  decided_at: new Date(0),
  final: true,
  decided_role: "owner",
  decided_approver: true,
});

describe("previousRevision", () => {
  const v0 = { text: "A long post.", hashtags: [], model: "offline" };
  it("is absent at revision 0 and when the rejection recorded no content", () => {
    expect(previousRevision({ step_id: "post", revision: 0, output: v0 }, [])).toBeNull();
    expect(previousRevision({ step_id: "post", revision: 1, output: v0 }, [approval(0, null)])).toBeNull();
  });
  it("compares with the rejected revision: changed content is new", () => {
    const p = previousRevision({ step_id: "post", revision: 1, output: { text: "Short.", hashtags: [], model: "offline" } }, [approval(0, v0)]);
    expect(p).toEqual({ revision: 0, output: v0, feedback: "Shorter", unchanged: false });
  });
  it("the same content with other notes is unchanged: the feedback could not be applied", () => {
    const v1 = { ...v0, notes: ["The offline model could not apply the feedback “Shorter”"] };
    expect(previousRevision({ step_id: "post", revision: 1, output: v1 }, [approval(0, v0)])?.unchanged).toBe(true);
  });
  it("reads only the rejection of the revision before, of the same step", () => {
    const other = { ...approval(0, { text: "x" }), step_id: "image" };
    expect(previousRevision({ step_id: "post", revision: 2, output: v0 }, [other, approval(0, { text: "x" }), approval(1, v0)])).toMatchObject({
      revision: 1,
      unchanged: true,
    });
  });
});

describe("sameContent", () => {
  it("ignores notes, the model's name and key order; not the text", () => {
    expect(sameContent({ a: 1, b: [1, 2], notes: ["x"] }, { b: [1, 2], a: 1, model: "offline" })).toBe(true);
    expect(sameContent({ text: "a" }, { text: "b" })).toBe(false);
  });
});
