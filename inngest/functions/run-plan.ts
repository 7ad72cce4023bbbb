import type { ModelMessage } from "ai";
import { withCallInput, withOutput } from "@/lib/runs/decisions";
import { historyStart, loadRunSnapshot, markDeliveryDone, proposeSideEffect, revisionMessages, runStepAttempt } from "@/lib/runs/steps";
import { gateOf } from "@/lib/runs/gate";
import { expireStep, failStep, finishRun, settleApprovedStep, skipStep } from "@/lib/runs/lifecycle";
import { outputOfMessages, resolveReferences } from "@/lib/runs/references";
import { hasReferences } from "@/lib/plan/reference-syntax";
import { isTerminal } from "@/lib/runs/status";
import { findDecision } from "@/lib/runs/store";
import { getDb } from "@/lib/db";
import { durationMs, type PlanStep } from "@/lib/plan/schema";
import { getToolDefinition } from "@/lib/tools/registry";
import { inngest } from "../client";
import { runCancelRequested, runRequested } from "../events";

export const DEFAULT_APPROVAL_TIMEOUT = "7d";
/** How many times a rejected step may be produced again with the reviewer's feedback. */
export const MAX_REVISIONS = Math.max(0, Number(process.env.PLANVAS_MAX_REVISIONS ?? 3) || 0);

type Outcome = { status: "ok"; messages: ModelMessage[] } | { status: "failed" | "rejected" | "expired" | "skipped" | "stopped"; error?: string };

const db = () => getDb();
/** Step results come back from the engine as JSON; messages are JSON by construction. */
const asMessages = (m: unknown) => m as ModelMessage[];

/**
 * run-plan: executes one run's plan-version snapshot. Steps run as soon as their dependencies are
 * done (parallel branches in parallel, a join once); each tool call is its own step.run with the
 * plan's stable step id; approval gates wait for `plan/step.decided`, after first checking for a
 * decision recorded before the wait began (Inngest only delivers events sent after a wait starts).
 */
export const runPlan = inngest.createFunction(
  {
    id: "run-plan",
    name: "Run a plan",
    triggers: [runRequested],
    cancelOn: [{ event: runCancelRequested, match: "data.runId" }],
    retries: 3,
  },
  async ({ event, step, attempt, maxAttempts }) => {
    const { runId } = event.data;
    const snap = await step.run("load", () => loadRunSnapshot(runId));
    if (isTerminal(snap.status)) return { status: snap.status };
    const steps = new Map(snap.plan.steps.map((s) => [s.id, s]));
    // Step ids are user-chosen ("constructor", "valueOf" are valid): look them up in Maps only.
    const reusedMessages = new Map(Object.entries(snap.reused));
    const max = maxAttempts ?? 4;

    /** Every ancestor's messages, in plan order: the step's history after the goal. */
    const ancestors = (s: PlanStep, acc = new Set<string>()): Set<string> => {
      for (const d of s.dependsOn) if (!acc.has(d)) ancestors(steps.get(d)!, acc.add(d));
      return acc;
    };
    const outcomes = new Map<string, Promise<Outcome>>();
    const historyFor = async (s: PlanStep) => {
      const ids = [...ancestors(s)].sort((a, b) => steps.get(a)!.stepIndex - steps.get(b)!.stepIndex);
      const msgs: ModelMessage[] = [];
      for (const id of ids) {
        const o = await outcomes.get(id)!;
        if (o.status === "ok") msgs.push(...o.messages);
      }
      return [...historyStart(snap.goal), ...msgs];
    };

    type Decision =
      | {
          kind: "decided";
          decision: "approve" | "edit" | "reject" | "retry" | "mark_done" | "stop";
          output: unknown;
          feedback: string | null;
          decidedBy: string;
        }
      | { kind: "expired" };
    const awaitDecision = async (s: PlanStep, revision: number): Promise<Decision> => {
      const key = revision ? `${s.id}:rev:${revision}` : s.id;
      const read = async () => {
        const d = await findDecision(await db(), runId, s.id, revision);
        return d ? { decision: d.decision, output: d.output, feedback: d.comment, decidedBy: d.decided_by } : null;
      };
      let found = await step.run(`check:${key}`, async () => read());
      if (!found) {
        const timeout = durationMs(s.approvalTimeout ?? DEFAULT_APPROVAL_TIMEOUT);
        const evt = await step.waitForEvent(`approval:${key}`, {
          event: "plan/step.decided",
          timeout,
          if: `async.data.runId == "${runId}" && async.data.stepId == "${s.id}" && async.data.revision == ${revision}`,
        });
        // The database is the record of decisions; the event only says when to look.
        found = await step.run(`decision:${key}`, async () => read());
        if (!evt && !found) {
          await step.run(`expire:${key}`, async () => {
            await expireStep(await db(), runId, s.id);
          });
          return { kind: "expired" };
        }
      }
      if (!found) throw new Error(`step ${s.id}: a decision event arrived but no decision is recorded`);
      return { kind: "decided", ...found };
    };

    /**
     * The step with its references to earlier outputs resolved into its static inputs (so the model
     * cannot change them), from the ancestors' outcomes — the same memoized results on every replay.
     */
    const withReferences = async (s: PlanStep): Promise<{ step: PlanStep } | { error: string }> => {
      if (!hasReferences(s.input)) return { step: s };
      const outputs = new Map<string, { output: unknown }>();
      for (const id of ancestors(s)) {
        const o = await outcomes.get(id)!;
        const out = o.status === "ok" ? outputOfMessages(o.messages) : undefined;
        if (out) outputs.set(id, out);
      }
      try {
        return { step: { ...s, input: resolveReferences(s.id, s.input, (id) => outputs.get(id)).input } };
      } catch (e) {
        return { error: (e as Error).message };
      }
    };

    const base = (s: PlanStep, revision: number, history: ModelMessage[]) => ({
      runId,
      startedBy: snap.startedBy,
      step: s,
      revision,
      history,
      attempt,
      maxAttempts: max,
    });
    const ended = (r: { status: string; error?: string }): Outcome => ({ status: r.status === "failed" ? "failed" : "stopped", error: r.error });

    /**
     * Performs an (approved) side-effecting call. It is never sent twice silently: when its delivery
     * is unknown (a failure after the request may have left, or a crash meanwhile) the step waits
     * for a reviewer, who sends it again (same idempotency key), marks it done, or stops the run.
     */
    const sendSideEffect = async (
      s: PlanStep,
      call: { toolCallId: string; input: Record<string, unknown>; messages: ModelMessage[] },
      history: ModelMessage[],
    ): Promise<Outcome> => {
      for (let revision = 0; ;) {
        const id = revision ? `step:${s.id}:rev:${revision}` : `step:${s.id}`;
        const done = await step.run(id, () => runStepAttempt({ ...base(s, revision, history), awaitApproval: false, approvedCall: call, sideEffect: true }));
        if (done.status === "done") return { status: "ok", messages: asMessages(done.messages) };
        if (done.status !== "unknown") return ended({ status: done.status, error: "error" in done ? done.error : undefined });
        const d = await awaitDecision(s, done.revision);
        if (d.kind === "expired") return { status: "expired" };
        if (d.decision === "retry") {
          revision = done.revision;
          continue;
        }
        if (d.decision === "mark_done") {
          const settled = await step.run(`settle:${s.id}:rev:${done.revision}`, () =>
            markDeliveryDone({ runId, step: s, call, decidedBy: d.decidedBy, note: d.feedback }),
          );
          return { status: "ok", messages: asMessages(settled.messages) };
        }
        return { status: "rejected", error: d.feedback ?? `stopped by the reviewer: ${done.error}` };
      }
    };

    const execute = async (planned: PlanStep): Promise<Outcome> => {
      const deps = await Promise.all(planned.dependsOn.map((d) => outcome(d)));
      if (deps.some((d) => d.status !== "ok")) {
        await step.run(`skip:${planned.id}`, async () => skipStep(await db(), runId, planned.id, "an earlier step did not complete"));
        return { status: "skipped" };
      }
      const reused = reusedMessages.get(planned.id);
      if (reused) return { status: "ok", messages: asMessages(reused) };
      const referenced = await withReferences(planned);
      if ("error" in referenced) {
        await step.run(`references:${planned.id}`, async () => failStep(await db(), runId, planned.id, 0, referenced.error, true));
        return { status: "failed", error: referenced.error };
      }
      const s = referenced.step;
      const history = await historyFor(s);
      const tool = getToolDefinition(s.toolName);
      const gate = gateOf(s, tool);

      // Side effects are approved before they happen: the proposal is what the reviewer decides on.
      if (gate === "before") {
        const proposal = await step.run(`propose:${s.id}`, () => proposeSideEffect(base(s, 0, history)));
        if (proposal.status !== "proposed") return ended({ status: proposal.status, error: "error" in proposal ? proposal.error : undefined });
        const d = await awaitDecision(s, 0);
        if (d.kind === "expired") return { status: "expired" };
        if (d.decision === "reject") return { status: "rejected", error: d.feedback ?? undefined };
        const proposed = { ...proposal.call, messages: asMessages(proposal.call.messages) };
        const call =
          d.decision === "edit"
            ? { ...proposed, input: d.output as Record<string, unknown>, messages: withCallInput(proposed.messages, proposed.toolCallId, d.output) }
            : proposed;
        return sendSideEffect(s, call, history);
      }
      // An ungated call that may have side effects (its method is only known once proposed).
      if (gate === "none" && tool?.sideEffectsBeforeRun) {
        const proposal = await step.run(`propose:${s.id}`, () => proposeSideEffect(base(s, 0, history), false));
        if (proposal.status !== "proposed") return ended({ status: proposal.status, error: "error" in proposal ? proposal.error : undefined });
        const call = { ...proposal.call, messages: asMessages(proposal.call.messages) };
        if (tool.sideEffectsBeforeRun(call.input as never)) return sendSideEffect(s, call, history);
        const done = await step.run(`step:${s.id}`, () => runStepAttempt({ ...base(s, 0, history), awaitApproval: false, approvedCall: call }));
        return done.status === "done"
          ? { status: "ok", messages: asMessages(done.messages) }
          : ended({ status: done.status, error: "error" in done ? done.error : undefined });
      }

      let extra: ModelMessage[] = [];
      for (let revision = 0; ; revision++) {
        const id = revision ? `step:${s.id}:rev:${revision}` : `step:${s.id}`;
        const done = await step.run(id, () => runStepAttempt({ ...base(s, revision, [...history, ...extra]), awaitApproval: s.requiresApproval }));
        if (done.status !== "done") return ended({ status: done.status, error: "error" in done ? done.error : undefined });
        if (!s.requiresApproval) return { status: "ok", messages: asMessages(done.messages) };
        const d = await awaitDecision(s, revision);
        if (d.kind === "expired") return { status: "expired" };
        if (d.decision === "approve" || d.decision === "edit") {
          await step.run(`settle:${s.id}${revision ? `:rev:${revision}` : ""}`, async () => settleApprovedStep(await db(), runId, s.id));
          const messages = asMessages(done.messages);
          return { status: "ok", messages: d.decision === "edit" ? (withOutput(messages, d.output) ?? messages) : messages };
        }
        if (!d.feedback || revision >= MAX_REVISIONS) return { status: "rejected", error: d.feedback ?? "rejected without feedback" };
        extra = [...extra, ...revisionMessages(asMessages(done.messages), d.feedback, revision + 1)];
      }
    };

    function outcome(id: string): Promise<Outcome> {
      let p = outcomes.get(id);
      if (!p) {
        p = execute(steps.get(id)!);
        outcomes.set(id, p);
      }
      return p;
    }

    const results = await Promise.all(snap.plan.steps.map((s) => outcome(s.id)));
    const worst = (["rejected", "expired", "failed", "stopped"] as const).find((st) => results.some((r) => r.status === st));
    const final = worst === undefined ? "succeeded" : worst === "stopped" ? "cancelled" : worst;
    const error = results.find((r) => r.status === worst && "error" in r && r.error);
    await step.run("finish", async () => finishRun(await db(), runId, final, error && "error" in error ? error.error : undefined));
    return { status: final };
  },
);

export const functions = [runPlan];
