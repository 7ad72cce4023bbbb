// The bodies of the durable steps: what run-plan calls inside each step.run. Each records its
// effect in Postgres (with its run event) and returns plain JSON for the engine to memoize. Nothing
// here knows about Inngest; nothing in the tools knows about runs.
import type { ModelMessage } from "ai";
import { createModels, type Models } from "../ai/models";
import { getDb } from "../db";
import { proposeStepCall, runProposedCall, StepExecutionError, type ProposedCall } from "../executor";
import type { Plan, PlanStep } from "../plan/schema";
import { validatePlan } from "../plan/validate";
import { envelopes } from "../ai/envelope";
import { goalMessage } from "../planner/prompt";
import { createToolContext } from "../tools/context";
import type { AnyTool } from "../tools/registry";
import { FetchRefusedError } from "../net/ssrf";
import {
  beginStep,
  completeStep,
  failStep,
  FRESH_STEP,
  markDeliveryUnknown,
  markRunStarted,
  markSending,
  proposeStep,
  RunEndedError,
  settleMarkedDone,
} from "./lifecycle";
import { appendStepLog, getStepRows } from "./store";
import { asService } from "../db/rls";
import { getPlanVersionForEngine } from "./plans";
import type { Status } from "./status";
import { peekProcessSingleton, setProcessSingleton } from "../singleton";

/** Test and benchmark hooks: other tools or models than the configured ones. */
interface EngineOverrides {
  resolveTool?: (name: string) => AnyTool | undefined;
  models?: Models;
}

export function configureEngine(overrides: EngineOverrides | undefined) {
  setProcessSingleton("engineOverrides", overrides);
}
const overrides = () => peekProcessSingleton<EngineOverrides>("engineOverrides") ?? {};
const models = () => overrides().models ?? createModels();

export interface RunSnapshot {
  runId: string;
  status: Status;
  goal: string;
  startedBy: string;
  plan: Plan;
  /** Steps whose outputs a rerun reuses: their history messages. */
  reused: Record<string, ModelMessage[]>;
}

/** Loads the run's plan version (the snapshot it executes) and marks the run running. */
export async function loadRunSnapshot(runId: string): Promise<RunSnapshot> {
  const db = await getDb();
  const run = await markRunStarted(db, runId);
  const [stored, steps] = await Promise.all([getPlanVersionForEngine(db, run.plan_id, run.plan_version), asService(db, (tx) => getStepRows(tx, runId))]);
  const checked = validatePlan(stored);
  if (!checked.ok)
    throw new StepExecutionError(
      `run ${runId}: its plan version ${run.plan_version} is invalid: ${checked.issues[0]!.path}: ${checked.issues[0]!.message}`,
      false,
    );
  const reused = Object.fromEntries(steps.filter((s) => s.reused && s.messages).map((s) => [s.step_id, s.messages!]));
  return { runId, status: run.status, goal: checked.plan.description ?? checked.plan.title, startedBy: run.started_by, plan: checked.plan, reused };
}

export const historyStart = (goal: string): ModelMessage[] => [{ role: "user", content: goalMessage(goal) }];

/** What a reviewer's feedback looks like to the step that is produced again. */
export function revisionMessages(rejected: ModelMessage[], feedback: string, revision: number): ModelMessage[] {
  return [
    ...rejected,
    {
      role: "user",
      content: `${envelopes.revision.build({ revision, feedback })}\nA reviewer rejected this output. Produce it again, taking the feedback into account: ${feedback}`,
    },
  ];
}

export type AttemptResult =
  | { status: "done"; output: unknown; messages: ModelMessage[]; contentHash: string | null }
  | { status: "failed"; error: string }
  | { status: "stopped"; reason: string }
  /** A side effect that may or may not have been delivered: a reviewer decides at `revision`. */
  | { status: "unknown"; revision: number; error: string };

/**
 * The Idempotency-Key a side-effecting step's call is sent with: derived from the run, the step and
 * the revision of the approved call, so every retry and every replay after a crash sends the same
 * key, and a receiver that honours it acts once. A rerun is a new run, hence a new key.
 */
export function idempotencyKeyFor(runId: string, stepId: string, callRevision = 0): string {
  return `planvas-${runId}-${stepId}-${callRevision}`;
}

interface AttemptArgs {
  runId: string;
  startedBy: string;
  step: PlanStep;
  revision: number;
  history: ModelMessage[];
  attempt: number;
  maxAttempts: number;
}

/** A promise's outcome, held without rejecting until it is asked for (no unhandled rejection meanwhile). */
async function settled<T>(start: () => Promise<T>): Promise<{ unwrap(): T }> {
  try {
    const value = await start();
    return { unwrap: () => value };
  } catch (error) {
    return {
      unwrap: () => {
        throw error;
      },
    };
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Decides between "try again" (throw: the engine retries with backoff) and "give up" (record the
 * failure and return it, so the run can end cleanly): invalid input, unknown tools and URLs the
 * SSRF guard refuses never retry. A side effect is retried only when nothing was sent and the
 * failure is temporary; once its request may have left, the delivery is unknown and a reviewer
 * decides — it is never sent again automatically.
 */
async function handleFailure(args: AttemptArgs, e: unknown, sideEffect?: { sending: boolean }): Promise<AttemptResult> {
  const db = await getDb();
  if (e instanceof RunEndedError) return { status: "stopped", reason: e.message };
  if (sideEffect) {
    const sent = (e as { sent?: unknown } | null)?.sent;
    if (sideEffect.sending && sent !== "no") {
      const unknown = await markDeliveryUnknown(db, args.runId, args.step.id, args.revision, describe(e));
      return unknown ? { status: "unknown", ...unknown } : { status: "stopped", reason: "the run ended while the step ran" };
    }
    const transient = (e as { transient?: unknown } | null)?.transient === true;
    const final = !transient || args.attempt + 1 >= args.maxAttempts;
    const message = `${describe(e)} (nothing was sent)`;
    await failStep(db, args.runId, args.step.id, args.revision, message, final);
    if (final) return { status: "failed", error: message };
    throw e;
  }
  const retriable = !(e instanceof StepExecutionError && !e.retriable) && (e as Error)?.name !== "ZodError" && !(e instanceof FetchRefusedError);
  const final = !retriable || args.attempt + 1 >= args.maxAttempts;
  const message = describe(e);
  await failStep(db, args.runId, args.step.id, args.revision, message, final);
  if (final) return { status: "failed", error: message };
  throw e;
}

/** Tools act for whoever started the run (their assets, their knowledge base); log lines are kept for the step. */
async function toolContextFor(startedBy: string, logs: { message: string; data?: Record<string, unknown> }[]) {
  const db = await getDb();
  return createToolContext({
    db,
    user: { id: startedBy, name: "" },
    models: models(),
    log: (message, data) => void logs.push({ message, ...(data ? { data } : {}) }),
  });
}

async function flushLogs(runId: string, stepId: string, logs: { message: string; data?: Record<string, unknown> }[]) {
  if (!logs.length) return;
  const db = await getDb();
  for (const l of logs) await appendStepLog(db, runId, stepId, l.message, l.data);
}

/**
 * One attempt at a content step (or the run half of an approved side-effecting step): propose the
 * single tool call, run it, record the output — awaiting approval when the step is gated after.
 * A replay of an attempt whose output is already recorded returns that output: a completed step
 * never runs again.
 */
export async function runStepAttempt(
  args: AttemptArgs & { awaitApproval: boolean; approvedCall?: Pick<ProposedCall, "toolCallId" | "input" | "messages">; sideEffect?: boolean },
): Promise<AttemptResult> {
  const db = await getDb();
  // An engine's first attempt at a step's first revision normally finds it as the run created it.
  const fresh = args.attempt === 0 && args.revision === 0 ? FRESH_STEP : undefined;
  // The model's proposal needs nothing from the begin write, so the write's round trip overlaps
  // the model call instead of preceding it. Nothing acts before the step has begun: the proposal
  // only asks the model, and when begin finds the step must not run (the run ended, a replay of a
  // step already done) it is aborted and dropped.
  const abort = new AbortController();
  const beginning = beginStep(db, args.runId, args.step.id, args.revision, args.approvedCall?.input ?? args.step.input, fresh);
  const proposal = args.approvedCall
    ? undefined
    : settled(() => proposeStepCall(args.step, args.history, { model: models().executor, resolveTool: overrides().resolveTool, signal: abort.signal }));
  const began = await beginning.catch((e: unknown) => {
    abort.abort();
    throw e;
  });
  if (began.kind !== "begin") abort.abort();
  if (began.kind === "stop") return { status: "stopped", reason: began.reason };
  if (began.kind === "unknown") return { status: "unknown", revision: began.revision, error: began.error };
  if (began.kind === "failed") return { status: "failed", error: began.error };
  if (began.kind === "done") return { status: "done", output: began.step.output, messages: began.step.messages ?? [], contentHash: began.step.content_hash };
  const logs: { message: string; data?: Record<string, unknown> }[] = [];
  const delivery = { sending: false };
  try {
    const context = await toolContextFor(args.startedBy, logs);
    const call = args.approvedCall ?? (await proposal!).unwrap();
    const key = idempotencyKeyFor(args.runId, args.step.id);
    const sideEffect = args.sideEffect
      ? {
          idempotencyKey: key,
          beforeSend: async () => {
            await markSending(db, args.runId, args.step.id, args.revision, key);
            delivery.sending = true;
          },
        }
      : undefined;
    const ran = await runProposedCall(args.step, call, args.history, {
      context: sideEffect ? { ...context, sideEffect } : context,
      resolveTool: overrides().resolveTool,
    });
    // Persisted before anything else: a crash from here on finds the result and never runs the tool again.
    // What begin wrote, unless a side effect's delivery marker changed it since.
    const row = await completeStep(
      db,
      args.runId,
      args.step.id,
      args.revision,
      { input: call.input, output: ran.output, messages: ran.messages, awaitApproval: args.awaitApproval },
      delivery.sending ? undefined : began.state,
    );
    await flushLogs(args.runId, args.step.id, logs).catch(() => {});
    if (!row) return { status: "stopped", reason: "the run ended while the step ran" };
    return { status: "done", output: ran.output, messages: ran.messages, contentHash: row.content_hash };
  } catch (e) {
    await flushLogs(args.runId, args.step.id, logs).catch(() => {});
    return handleFailure(args, e, args.sideEffect ? delivery : undefined);
  }
}

/**
 * A reviewer marked a side effect of unknown delivery as done: the step succeeds with an output
 * that says so, and later steps see that in their history.
 */
export async function markDeliveryDone(args: {
  runId: string;
  step: PlanStep;
  call: Pick<ProposedCall, "toolCallId" | "input" | "messages">;
  decidedBy: string;
  note: string | null;
}): Promise<{ messages: ModelMessage[] }> {
  const db = await getDb();
  const output = { delivery: "unknown", markedDone: true, markedDoneBy: args.decidedBy, note: args.note, input: args.call.input };
  const messages: ModelMessage[] = [
    ...args.call.messages,
    {
      role: "tool",
      content: [{ type: "tool-result", toolCallId: args.call.toolCallId, toolName: args.step.toolName, output: { type: "json", value: output as never } }],
    },
  ];
  await settleMarkedDone(db, args.runId, args.step.id, output, messages);
  return { messages };
}

export type ProposalResult =
  | { status: "proposed"; call: Pick<ProposedCall, "toolCallId" | "input" | "messages">; contentHash: string }
  | { status: "failed"; error: string }
  | { status: "stopped"; reason: string };

/**
 * The first half of a side-effecting step: the model proposes the call; when the step is gated a
 * reviewer approves it before it runs.
 */
export async function proposeSideEffect(args: AttemptArgs, gated = true): Promise<ProposalResult> {
  const db = await getDb();
  try {
    const m = models();
    const call = await proposeStepCall(args.step, args.history, { model: m.executor, resolveTool: overrides().resolveTool });
    if (!gated) return { status: "proposed", call: { toolCallId: call.toolCallId, input: call.input, messages: call.messages }, contentHash: "" };
    const proposed = await proposeStep(db, args.runId, args.step.id, args.revision, call.input);
    if (!proposed) return { status: "stopped", reason: "the run has ended" };
    return { status: "proposed", call: { toolCallId: call.toolCallId, input: call.input, messages: call.messages }, contentHash: proposed.contentHash };
  } catch (e) {
    const r = await handleFailure(args, e);
    return r.status === "failed" ? r : { status: "stopped", reason: "unreachable" };
  }
}
