import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isTerminal } from "../../lib/runs/status";
import type { AppProcess } from "./server";

// The crash window of a side effect: a real server process sends a POST to a local receiver and
// is SIGKILLed around its delivery — while the request is in flight, or some milliseconds after
// the receiver answered. The receiver counts deliveries. Used by e2e/delivery-crash.spec.ts and
// scripts/bench-crash-window.ts.

/** When the server is killed: while the receiver holds the request, or `ms` after it answered. */
export type KillPoint = { inFlight: true } | { afterAnswerMs: number };

interface Hook {
  kill: KillPoint;
  onKill: () => void;
}

/** A webhook receiver that records every delivery (with its Idempotency-Key) per path. */
export class HookReceiver {
  readonly deliveries = new Map<string, string[]>();
  private readonly hooks = new Map<string, Hook>();
  private server: Server | undefined;
  private held: (() => void)[] = [];
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const p = req.url ?? "/";
        this.deliveries.set(p, [...(this.deliveries.get(p) ?? []), String(req.headers["idempotency-key"] ?? "")]);
        const hook = this.hooks.get(p);
        this.hooks.delete(p); // only the first delivery triggers the kill
        const answer = () => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"ok":true}');
        };
        if (!hook) return answer();
        if ("inFlight" in hook.kill) {
          this.held.push(answer);
          hook.onKill();
          return;
        }
        answer();
        const ms = hook.kill.afterAnswerMs;
        if (ms === 0) hook.onKill();
        else setTimeout(hook.onKill, ms);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", () => r()));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  url(p: string) {
    return `http://127.0.0.1:${this.port}${p}`;
  }

  count(p: string) {
    return this.deliveries.get(p)?.length ?? 0;
  }

  /** The next delivery to `p` triggers `onKill` at `kill`. */
  arm(p: string, kill: KillPoint, onKill: () => void) {
    this.hooks.set(p, { kill, onKill });
  }

  async close(): Promise<void> {
    for (const a of this.held.splice(0)) a();
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}

export interface RunJson {
  status: string;
  steps: { id: string; status: string; delivery: string | null; contentHash: string | null; idempotencyKey: string | null; error: string | null }[];
}

export async function until(app: AppProcess, runId: string, ok: (r: RunJson) => boolean, ms = 60_000): Promise<RunJson> {
  const end = Date.now() + ms;
  let last: RunJson | undefined;
  for (;;) {
    const res = await app.api<RunJson>(`/api/runs/${runId}`).catch(() => undefined);
    if (res?.status === 200) {
      last = res.body;
      if (ok(res.body)) return res.body;
    }
    if (Date.now() > end) throw new Error(`timed out waiting; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startRun(app: AppProcess, steps: object[]): Promise<string> {
  const plan = await app.api<{ id: string }>("/api/plans", { method: "POST", body: JSON.stringify({ title: "Crash window", steps }) });
  if (plan.status !== 201) throw new Error(`could not save the plan: ${JSON.stringify(plan.body)}`);
  const run = await app.api<{ runId: string }>("/api/runs", { method: "POST", body: JSON.stringify({ planId: plan.body.id }) });
  if (run.status !== 201) throw new Error(`could not start the run: ${JSON.stringify(run.body)}`);
  return run.body.runId;
}

export const webhookStep = (receiver: HookReceiver, p: string, extra: object = {}) => ({
  stepIndex: 0,
  id: "hook",
  toolName: "http_request",
  description: `POST ${p}`,
  requiresApproval: false,
  input: { method: "POST", url: receiver.url(p), body: '{"event":"published"}' },
  ...extra,
});

/** Settled: done, or waiting for a reviewer because delivery is unknown. */
export const settled = (r: RunJson) => isTerminal(r.status) || r.steps.some((s) => s.delivery === "unknown" && s.status === "awaiting_approval");

export interface TrialResult {
  runId: string;
  deliveries: number;
  /** "succeeded" (the result was stored before the kill) or "unknown" (a reviewer decides). */
  outcome: string;
}

/**
 * One trial: start a run whose step POSTs to the receiver, SIGKILL the server at `kill`, start it
 * again, and wait until the run settles. The server is running again afterwards.
 */
export async function crashTrial(
  app: AppProcess,
  receiver: HookReceiver,
  name: string,
  kill: KillPoint,
  extra: object = {},
  beforeDelivery?: (runId: string) => Promise<void>,
): Promise<TrialResult> {
  const p = `/hook/${name}`;
  let killed: Promise<void> | undefined;
  const armed = new Promise<void>((resolve) =>
    receiver.arm(p, kill, () => {
      killed = app.kill();
      resolve();
    }),
  );
  const runId = await startRun(app, [webhookStep(receiver, p, extra)]);
  await beforeDelivery?.(runId);
  await armed;
  await killed;
  await app.start();
  const r = await until(app, runId, settled);
  // Anything that would send again does so right after the restart; give it the time to.
  await new Promise((res) => setTimeout(res, 500));
  const step = r.steps[0]!;
  return { runId, deliveries: receiver.count(p), outcome: step.delivery === "unknown" ? "unknown" : step.status };
}
