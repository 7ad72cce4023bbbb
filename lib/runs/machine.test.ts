import { describe, expect, it } from "vitest";
import { transition, STEP_EVENTS, type RunMachineEvent, type StepEvent, type StepState, type Transition } from "./machine";
import { STATUSES, type Status } from "./status";

// Every (status, event) pair, written out: "<next status> <event type>" for a legal transition
// ("<next status>" alone when it records no event, "=" when nothing changes — a replay), and
// "!<code>" for a refusal. The step is at revision 1, has no output, no delivery marker, and its run
// is running; the event names revision 1. Variations (delivery, revisions, an ended run) follow.

const CASES = {
  begin: { type: "begin", revision: 1 },
  complete: { type: "complete", revision: 1, awaitApproval: false },
  complete_gated: { type: "complete", revision: 1, awaitApproval: true },
  fail: { type: "fail", revision: 1, final: true },
  fail_retry: { type: "fail", revision: 1, final: false },
  propose: { type: "propose", revision: 1 },
  send: { type: "send", revision: 1 },
  delivery_unknown: { type: "delivery_unknown", revision: 1 },
  approve: { type: "approve" },
  edit: { type: "edit" },
  reject: { type: "reject" },
  retry: { type: "retry" },
  mark_done: { type: "mark_done" },
  stop: { type: "stop" },
  settle: { type: "settle" },
  settle_done: { type: "settle_done" },
  expire: { type: "expire" },
  skip: { type: "skip" },
  cancel: { type: "cancel" },
  abandon: { type: "abandon" },
} as const satisfies Record<string, StepEvent>;
type Case = keyof typeof CASES;

const I = "!illegal";
const allIllegal = Object.fromEntries(Object.keys(CASES).map((k) => [k, I])) as Record<Case, string>;
const ended = { cancel: "cancelled step.cancelled", abandon: "skipped step.skipped" };

const STEP_TABLE: Record<Status, Record<Case, string>> = {
  pending: {
    ...allIllegal,
    begin: "running step.running",
    fail: "failed step.failed",
    fail_retry: "pending step.retrying",
    propose: "awaiting_approval step.awaiting_approval",
    skip: "skipped step.skipped",
    ...ended,
  },
  running: {
    ...allIllegal,
    begin: "running step.running",
    complete: "succeeded step.succeeded",
    complete_gated: "awaiting_approval step.awaiting_approval",
    fail: "failed step.failed",
    fail_retry: "running step.retrying",
    send: "running",
    delivery_unknown: "awaiting_approval step.delivery_unknown",
    ...ended,
  },
  awaiting_approval: {
    ...allIllegal,
    propose: "=",
    approve: "approved step.approved",
    edit: "approved step.edited",
    reject: "rejected step.rejected",
    retry: "!wrong_decision",
    mark_done: "!wrong_decision",
    stop: "!wrong_decision",
    expire: "expired step.expired",
    ...ended,
  },
  approved: { ...allIllegal, begin: "running step.running", settle: "=", settle_done: "!wrong_decision" },
  rejected: { ...allIllegal, begin: "!other_revision" },
  succeeded: { ...allIllegal, begin: "=" },
  failed: { ...allIllegal, begin: "=" },
  skipped: allIllegal,
  cancelled: allIllegal,
  expired: allIllegal,
};

const step = (status: Status, over: Partial<StepState> = {}): StepState => ({
  kind: "step",
  status,
  revision: 1,
  attempts: 1,
  delivery: null,
  hasOutput: false,
  run: "running",
  ...over,
});

function describeResult<S extends { status: Status }>(state: S, r: Transition<S>): string {
  if (!r.ok) return `!${r.refusal.code}`;
  if (!r.events.length && JSON.stringify(r.next) === JSON.stringify(state)) return "=";
  return [r.next.status, ...r.events.map((e) => e.type)].join(" ");
}

const stepPairs = STATUSES.flatMap((status) => (Object.keys(CASES) as Case[]).map((c) => [status, c, STEP_TABLE[status][c]] as const));

describe("step transitions: every (status, event) pair", () => {
  it("the table covers every status and every event", () => {
    expect(Object.keys(STEP_TABLE).sort()).toEqual([...STATUSES].sort());
    expect([...new Set(Object.values(CASES).map((e) => e.type))].sort()).toEqual([...STEP_EVENTS].sort());
    expect(stepPairs).toHaveLength(STATUSES.length * Object.keys(CASES).length);
  });

  it.each(stepPairs)("%s + %s → %s", (status, c, expected) => {
    const state = step(status);
    const r = transition(state, CASES[c]);
    expect(describeResult(state, r)).toBe(expected);
    if (r.ok) for (const e of r.events) expect(e.payload.status).toBe(e.type === "step.retrying" ? "running" : r.next.status);
  });
});

const VARIATIONS: [string, StepState, StepEvent, string, Partial<StepState>?][] = [
  // A side effect whose delivery is unknown waits (as revision 2) for retry / mark_done / stop only.
  ["unknown delivery: a replay of the attempt", step("awaiting_approval", { revision: 2, delivery: "unknown" }), { type: "begin", revision: 1 }, "="],
  [
    "unknown delivery: a replay of the failure",
    step("awaiting_approval", { revision: 2, delivery: "unknown" }),
    { type: "delivery_unknown", revision: 1 },
    "=",
  ],
  ["unknown delivery: approve", step("awaiting_approval", { revision: 2, delivery: "unknown" }), { type: "approve" }, "!wrong_decision"],
  ["unknown delivery: edit", step("awaiting_approval", { revision: 2, delivery: "unknown" }), { type: "edit" }, "!wrong_decision"],
  ["unknown delivery: reject", step("awaiting_approval", { revision: 2, delivery: "unknown" }), { type: "reject" }, "!wrong_decision"],
  [
    "unknown delivery: retry",
    step("awaiting_approval", { revision: 2, delivery: "unknown" }),
    { type: "retry" },
    "approved step.approved",
    { delivery: "unknown" },
  ],
  ["unknown delivery: mark_done", step("awaiting_approval", { revision: 2, delivery: "unknown" }), { type: "mark_done" }, "approved step.approved"],
  ["unknown delivery: stop", step("awaiting_approval", { revision: 2, delivery: "unknown" }), { type: "stop" }, "rejected step.rejected"],
  [
    "unknown delivery: after retry the call is sent again",
    step("approved", { revision: 2, delivery: "unknown" }),
    { type: "begin", revision: 2 },
    "running step.running",
    { delivery: null, attempts: 1 },
  ],
  [
    "unknown delivery: after mark_done the step succeeds",
    step("approved", { revision: 2, delivery: "unknown" }),
    { type: "settle_done" },
    "succeeded step.succeeded",
  ],
  ["unknown delivery: a stopped step stays stopped on replay", step("rejected", { revision: 2, delivery: "unknown" }), { type: "begin", revision: 1 }, "="],
  // The request may have left when the server stopped: never sent again unasked.
  [
    "sending: a replay after a crash",
    step("running", { delivery: "sending" }),
    { type: "begin", revision: 1 },
    "awaiting_approval step.delivery_unknown",
    { revision: 2, delivery: "unknown" },
  ],
  ["sending: marked again (the key is kept)", step("running", { delivery: "sending" }), { type: "send", revision: 1 }, "="],
  [
    "sending: fails after the request left",
    step("running", { delivery: "sending" }),
    { type: "delivery_unknown", revision: 1 },
    "awaiting_approval step.delivery_unknown",
    { revision: 2 },
  ],
  [
    "sending: fails without sending (cleared)",
    step("running", { delivery: "sending" }),
    { type: "fail", revision: 1, final: true },
    "failed step.failed",
    { delivery: null },
  ],
  // Revisions.
  [
    "a rejected step is produced again as the next revision",
    step("rejected", { hasOutput: true }),
    { type: "begin", revision: 2 },
    "running step.running",
    { revision: 2, attempts: 1, hasOutput: false },
  ],
  ["a retried attempt counts", step("running", { attempts: 2 }), { type: "begin", revision: 1 }, "running step.running", { attempts: 3 }],
  ["a recorded output is handed back, not produced again", step("awaiting_approval", { hasOutput: true }), { type: "begin", revision: 1 }, "="],
  ["an approved output is handed back", step("approved", { hasOutput: true }), { type: "begin", revision: 1 }, "="],
  ["a rejected output is handed back", step("rejected", { hasOutput: true }), { type: "begin", revision: 1 }, "="],
  ["a running step does not start another revision", step("running"), { type: "begin", revision: 2 }, "!other_revision"],
  ["a late result of another revision", step("running"), { type: "complete", revision: 0, awaitApproval: false }, "!other_revision"],
  ["a late failure of another revision", step("running"), { type: "fail", revision: 0, final: true }, "!other_revision"],
  ["sending for another revision", step("running"), { type: "send", revision: 2 }, "!other_revision"],
  ["unknown delivery for another revision", step("running"), { type: "delivery_unknown", revision: 2 }, "!other_revision"],
  [
    "a proposal is the revision the engine names",
    step("pending", { revision: 0 }),
    { type: "propose", revision: 0 },
    "awaiting_approval step.awaiting_approval",
    { revision: 0 },
  ],
  // A run that has ended starts nothing new; a late result finds its step ended.
  ["ended run: begin", step("pending", { run: "cancelled" }), { type: "begin", revision: 1 }, "!run_ended"],
  ["ended run: propose", step("pending", { run: "failed" }), { type: "propose", revision: 1 }, "!run_ended"],
  ["ended run: send", step("running", { run: "cancelled" }), { type: "send", revision: 1 }, "!run_ended"],
  ["ended run: delivery unknown", step("running", { run: "cancelled" }), { type: "delivery_unknown", revision: 1 }, "!run_ended"],
  [
    "ended run: the late result of a cancelled step",
    step("cancelled", { run: "cancelled" }),
    { type: "complete", revision: 1, awaitApproval: false },
    "!illegal",
  ],
];

describe("step transitions: delivery, revisions, ended runs", () => {
  it.each(VARIATIONS)("%s", (_name, state, event, expected, fields) => {
    const r = transition(state, event);
    expect(describeResult(state, r)).toBe(expected);
    if (fields && r.ok) expect(r.next).toMatchObject(fields);
  });

  it("the events carry the revision and attempt the store records", () => {
    const r = transition(step("running", { attempts: 2 }), { type: "begin", revision: 1 });
    expect(r.ok && r.events).toEqual([{ type: "step.running", payload: { status: "running", revision: 1, attempt: 3 } }]);
    const u = transition(step("running", { delivery: "sending" }), { type: "delivery_unknown", revision: 1 });
    expect(u.ok && u.events).toEqual([{ type: "step.delivery_unknown", payload: { status: "awaiting_approval", revision: 2, delivery: "unknown" } }]);
    const d = transition(step("awaiting_approval"), { type: "edit" });
    expect(d.ok && d.events).toEqual([{ type: "step.edited", payload: { status: "approved", revision: 1, decision: "edit" } }]);
  });

  it("can a rejected step become approved? only as a new revision that waits for approval again", () => {
    const rejected = step("rejected", { hasOutput: true });
    for (const c of ["approve", "edit", "settle", "complete"] as const) expect(transition(rejected, CASES[c]).ok).toBe(false);
    const again = transition(rejected, { type: "begin", revision: 2 });
    if (!again.ok) throw new Error("refused");
    const produced = transition(again.next, { type: "complete", revision: 2, awaitApproval: true });
    if (!produced.ok) throw new Error("refused");
    const approved = transition(produced.next, { type: "approve" });
    expect(approved.ok && approved.next).toMatchObject({ status: "approved", revision: 2 });
  });

  it("never throws: every status, delivery, revision and run status gives a transition or a refusal", () => {
    const deliveries = [null, "sending", "unknown"] as const;
    let n = 0;
    for (const status of STATUSES)
      for (const delivery of deliveries)
        for (const run of STATUSES)
          for (const hasOutput of [false, true])
            for (const event of Object.values(CASES))
              for (const offset of [-1, 0, 1]) {
                const e = ("revision" in event ? { ...event, revision: 1 + offset } : event) as StepEvent;
                const r = transition(step(status, { delivery, run, hasOutput }), e);
                expect(r.ok ? STATUSES.includes(r.next.status) : typeof r.refusal.message).toBe(r.ok ? true : "string");
                n++;
              }
    expect(n).toBe(10 * 3 * 10 * 2 * 20 * 3);
  });
});

const RUN_CASES = {
  start: { type: "start" },
  wait: { type: "wait" },
  resume: { type: "resume" },
  finish_succeeded: { type: "finish", to: "succeeded" },
  finish_cancelled: { type: "finish", to: "cancelled" },
} as const satisfies Record<string, RunMachineEvent>;
type RunCase = keyof typeof RUN_CASES;

const runEnded = { start: "!run_ended", wait: "!run_ended", resume: "!run_ended", finish_succeeded: "!run_ended", finish_cancelled: "!run_ended" };
const finishes = { finish_succeeded: "succeeded run.finished", finish_cancelled: "cancelled run.finished" };

const RUN_TABLE: Record<Status, Record<RunCase, string>> = {
  pending: { start: "running run.started", wait: I, resume: I, ...finishes },
  running: { start: "=", wait: "awaiting_approval run.status", resume: "=", ...finishes },
  awaiting_approval: { start: "=", wait: "=", resume: "running run.status", ...finishes },
  // Runs are never approved or skipped: those are step statuses.
  approved: { start: I, wait: I, resume: I, finish_succeeded: I, finish_cancelled: I },
  rejected: runEnded,
  succeeded: runEnded,
  failed: runEnded,
  skipped: runEnded,
  cancelled: runEnded,
  expired: runEnded,
};

const runPairs = STATUSES.flatMap((status) => (Object.keys(RUN_CASES) as RunCase[]).map((c) => [status, c, RUN_TABLE[status][c]] as const));

describe("run transitions: every (status, event) pair", () => {
  it("the table covers every status", () => {
    expect(Object.keys(RUN_TABLE).sort()).toEqual([...STATUSES].sort());
    expect(runPairs).toHaveLength(STATUSES.length * Object.keys(RUN_CASES).length);
  });

  it.each(runPairs)("%s + %s → %s", (status, c, expected) => {
    const state = { kind: "run" as const, status };
    const r = transition(state, RUN_CASES[c]);
    expect(describeResult(state, r)).toBe(expected);
    if (r.ok) for (const e of r.events) expect(e.payload).toEqual({ status: r.next.status });
  });
});
