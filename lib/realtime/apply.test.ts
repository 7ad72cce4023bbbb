import { describe, expect, it } from "vitest";
import type { RunView } from "../runs/service";
import { applyRunEvent } from "./apply";

const run = (): RunView =>
  ({
    id: "r",
    status: "running",
    planId: "p",
    version: 1,
    planTitle: "T",
    seq: 3,
    startedBy: { id: "u", name: "U" },
    createdAt: null,
    startedAt: null,
    finishedAt: null,
    error: null,
    rerunOf: null,
    rerunFrom: null,
    trigger: "manual",
    triggerId: null,
    triggerName: null,
    approvals: [],
    you: { role: "owner", mayRun: true },
    template: null,
    steps: [
      {
        id: "a",
        stepIndex: 0,
        toolName: "format_post",
        status: "running",
        requiresApproval: true,
        gate: "after",
        publishes: true,
        revision: 0,
        input: {},
        output: null,
        contentHash: null,
        attempts: 1,
        error: null,
        logs: [],
        reused: false,
        delivery: null,
        idempotencyKey: null,
        approval: null,
        startedAt: null,
        finishedAt: null,
      },
    ],
  }) as RunView;

const ev = (seq: number, type: string, payload: Record<string, unknown>, stepId: string | null = "a") => ({
  runId: "r",
  seq,
  type,
  stepId,
  payload,
  createdAt: "2026-11-24T00:00:00.000Z",
});

describe("applyRunEvent", () => {
  it("ignores events at or below the view's seq (no duplicates)", () => {
    const r = run();
    expect(applyRunEvent(r, ev(3, "step.failed", { status: "failed" }))).toBe(r);
  });

  it("applies a step status and derives the run's waiting state", () => {
    const next = applyRunEvent(run(), ev(4, "step.awaiting_approval", { status: "awaiting_approval", contentHash: "h", output: { text: "x" } }));
    expect(next.seq).toBe(4);
    expect(next.steps[0]).toMatchObject({ status: "awaiting_approval", contentHash: "h", output: { text: "x" } });
    expect(next.status).toBe("awaiting_approval");
    const approved = applyRunEvent(next, ev(5, "step.approved", { status: "approved" }));
    expect(approved.status).toBe("running");
  });

  it("applies the run's own status changes: run.started, run.status", () => {
    const pending = { ...run(), status: "pending" as const };
    const started = applyRunEvent(pending, ev(4, "run.started", { status: "running" }, null));
    expect(started).toMatchObject({ status: "running", startedAt: "2026-11-24T00:00:00.000Z" });
    const waiting = applyRunEvent(started, ev(5, "run.status", { status: "awaiting_approval" }, null));
    expect(waiting.status).toBe("awaiting_approval");
    expect(applyRunEvent(waiting, ev(6, "run.status", { status: "running" }, null)).status).toBe("running");
  });

  it("takes the terminal status from run.finished", () => {
    const done = applyRunEvent(run(), ev(4, "run.finished", { status: "cancelled" }, null));
    expect(done).toMatchObject({ status: "cancelled", finishedAt: "2026-11-24T00:00:00.000Z" });
  });
});
