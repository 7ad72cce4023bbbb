import { describe, expect, it } from "vitest";
import { formatDuration, stepDuration } from "./step-duration";

const t0 = "2026-12-01T10:00:00.000Z";
const at = (ms: number) => new Date(Date.parse(t0) + ms).toISOString();

describe("stepDuration", () => {
  it("is the time from start to finish of a finished step", () => {
    expect(stepDuration({ startedAt: t0, finishedAt: at(850) }, null)).toBe("850 ms");
    expect(stepDuration({ startedAt: t0, finishedAt: at(4_200) }, null)).toBe("4.2 s");
    expect(stepDuration({ startedAt: t0, finishedAt: at(185_000) }, null)).toBe("3m 05s");
    expect(stepDuration({ startedAt: t0, finishedAt: at(2 * 3_600_000 + 10 * 60_000) }, null)).toBe("2h 10m");
  });

  it("counts up to now while the step has not finished", () => {
    expect(stepDuration({ startedAt: t0, finishedAt: null }, Date.parse(t0) + 12_000)).toBe("12.0 s");
    expect(stepDuration({ startedAt: t0, finishedAt: null }, null)).toBe("—");
  });

  it("is a dash only for a step that never started", () => {
    expect(stepDuration({ startedAt: null, finishedAt: null }, Date.now())).toBe("—");
    expect(stepDuration({ startedAt: null, finishedAt: at(0) }, null)).toBe("—");
    expect(stepDuration({ startedAt: null, finishedAt: at(0), reused: true }, null)).toBe("reused");
  });

  it("never shows a negative duration", () => {
    expect(formatDuration(-5)).toBe("0 ms");
  });
});
