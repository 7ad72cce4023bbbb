// Unit tests for the pure parts of the embedded runner: expressions, durations, ids, signing.
import { describe, expect, it } from "vitest";
import { compileExpression } from "./expressions";
import { canonicalJson, sign, signatureHeader } from "./protocol";
import { backoffMs, dueTime, seededIds, ulid } from "./schedule";

describe("expressions", () => {
  const run = { name: "plan/run.requested", data: { runId: "r1", n: 2, flag: true, nested: { a: [1, 2] } } };
  const incoming = { name: "plan/step.approved", data: { runId: "r1", n: 2, decision: "approved", nested: { a: [1, 2] } } };
  const t = (src: string) => compileExpression(src).test({ event: run, async: incoming });

  it("evaluates what the SDK compiles from match, if and cancelOn", () => {
    expect(t("event.data.runId == async.data.runId")).toBe(true);
    expect(t("event.data.n != async.data.n")).toBe(false);
    expect(t("async.data.decision == 'approved' && event.data.flag == true")).toBe(true);
    expect(t('async.data.decision == "rejected" || (event.data.n == 2 && async.data.n == 2)')).toBe(true);
    expect(t("event.data.nested == async.data.nested")).toBe(true);
    expect(t("event.data.flag")).toBe(true);
    expect(t("async.data.missing == null")).toBe(false); // a missing field never compares
    expect(t("async.data.missing != 'x'")).toBe(false);
    expect(t("event.data.n == '2'")).toBe(false); // no coercion
    expect(t("event.data.n == 2.0 && -1 != event.data.n")).toBe(true);
    expect(compileExpression("event.data.function_id == 'planvas-run-plan'").test({ event: { data: { function_id: "planvas-run-plan" } } })).toBe(true);
  });

  it("rejects anything outside the subset with a clear error", () => {
    for (const bad of [
      "event.data.n > 1",
      "!event.data.flag",
      "size(event.data.x) == 1",
      "event.data['x'] == 1",
      "data.x == 1",
      "event.data.x ==",
      "(event.data.x == 1",
      "a == b == c",
      "event.data.x in [1]",
      "",
    ]) {
      expect(() => compileExpression(bad), bad).toThrow(/unsupported expression/);
    }
  });
});

describe("durations and backoff", () => {
  it("parses what the SDK sends for Sleep and WaitForEvent", () => {
    expect(dueTime("1w2d3h4m5s", 0)).toBe(((7 + 2) * 24 * 3600 + 3 * 3600 + 4 * 60 + 5) * 1000);
    expect(dueTime("1s", 1000)).toBe(2000);
    expect(dueTime("2026-11-24T10:00:00.000Z", 0)).toBe(Date.parse("2026-11-24T10:00:00.000Z"));
    let empty = 0;
    expect(dueTime("", 5, () => empty++)).toBe(5);
    expect(empty).toBe(1);
    expect(() => dueTime("soon", 0)).toThrow(/unsupported duration/);
    expect(() => dueTime("1h30", 0)).toThrow(/unsupported duration/);
  });

  it("backs off exponentially with jitter and a ceiling", () => {
    const b = { baseMs: 1000, maxMs: 5000 };
    expect(backoffMs(1, b, () => 1)).toBe(1000);
    expect(backoffMs(1, b, () => 0)).toBe(500);
    expect(backoffMs(3, b, () => 1)).toBe(4000);
    expect(backoffMs(10, b, () => 1)).toBe(5000);
  });

  it("makes sortable ids, deterministic for an SDK event id seed", () => {
    const ids = Array.from({ length: 50 }, () => ulid(1_700_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
    const seed = `1700000000000,${Buffer.from("0123456789").toString("base64")}`;
    expect(seededIds(seed, 2)).toEqual(seededIds(seed, 2));
    expect(seededIds(seed, 2)![0]).not.toBe(seededIds(seed, 2)![1]);
    expect(seededIds("nonsense", 1)).toBeNull();
  });
});

describe("signing", () => {
  it("signs the canonical body like the SDK (HMAC-SHA256 over body + timestamp, key without prefix)", () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: "x" }], u: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    const body = canonicalJson({ url: "http://x" });
    expect(sign(body, "signkey-prod-abc", 10)).toBe(sign(body, "abc", 10));
    expect(signatureHeader(body, "signkey-test-abc", 20_000)).toBe(`t=20&s=${sign(body, "abc", 20)}`);
  });
});
