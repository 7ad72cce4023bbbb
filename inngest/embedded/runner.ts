/**
 * The embedded runner: an Inngest executor inside the Planvas process, for one machine, used when
 * no Inngest Cloud / self-hosted Inngest is configured. It drives the REAL Inngest SDK through its
 * HTTP protocol (protocol.ts) by calling the app's serve() handler in-process, and keeps all state
 * in Postgres (PGlite or PostgreSQL; migration 20261124040000_embedded_inngest.sql).
 *
 * What is persisted (schema inngest_embedded):
 *   events  every received event (id = caller's id or a ULID; a repeated id is ignored).
 *   runs    one row per function run: trigger event, status, memoized step state `steps`
 *           ({hash: {type:"data",data}|{type:"error",error}}), `stack` (hashes in completion
 *           order), `planned` (StepPlanned steps still to call, each with attempt and due time),
 *           `discover_at` (a call without stepId is due), `next_at` (derived), `attempt`
 *           (of the next discovery call), `last_call_at` (start of the latest discovery call
 *           whose operations were stored: the gap rule), lease, output/error.
 *   waits   pending waitForEvent: event name, `if`, `since`, absolute `expires_at`.
 *   timers  pending sleeps with absolute `due_at`.
 * Every state change is one transaction behind one advisory lock (store.STATE_LOCK), except a
 * checkpoint (below), one statement that only appends step results. A call's result is persisted
 * before the runner acts on it; after a crash the runner calls the SDK again with the persisted
 * state, so a step whose result was persisted never runs again. A step whose call was in flight
 * during a crash runs again (at-least-once for in-flight steps, as in Inngest).
 *
 * Checkpointing (Inngest's "async checkpointing"): a discovery call carries ctx.fn_id and a call
 * id (ctx.qi_id), so the SDK runs one step after another within the call, POSTing each result to
 * `<api>/v1/checkpoint/<runId>/async` — which the client's fetch hands to this runner — and going
 * on only once that answered 200: the result is stored (store.appendSteps, under the lease) before
 * the next step starts, exactly as when it came back in a response, but without a new call that
 * replays every memoized step (O(n²) per run). A checkpoint of a call this runner no longer may
 * drive (lease lost, run ended) is refused with 409: the SDK stops, and what the call answers is
 * discarded. Parallel steps, retries (attempt > 0) and planned-step calls are not checkpointed by
 * the SDK and go through responses as before. Inngest Cloud does the same with its own server.
 *
 * The loop: a single scheduler (one setTimeout to the earliest due time, capped at `pollMs` as a
 * safety poll; kicked after every commit) fires due timers and wait timeouts, then leases due runs
 * (runs.lease_owner/lease_until, see "Liveness" below: a run is driven by one runner at a time
 * even with several runners on one database) up to maxConcurrentRuns. Driving a run repeats: if steps are planned, call the SDK once per due
 * planned step (`stepId=<hash>`, `disable_immediate_execution: true`) concurrently and persist
 * each result as it arrives; when none are left, make a discovery call (`stepId=step`) in which the
 * SDK memoizes through `steps` and either runs the next step inline (StepRun/StepError/StepFailed),
 * reports new steps (StepPlanned, Sleep, WaitForEvent), or finishes (200 / RunComplete).
 * Errors: StepError and retriable call failures retry with exponential backoff + jitter (or the
 * SDK's retry-after) until the function's `retries` are used up; the SDK itself sends StepFailed
 * on the final attempt (the function may catch it). `x-inngest-no-retry: true` fails the run.
 * Finished runs emit inngest/function.finished, .failed (so `onFailure` handlers run) and
 * .cancelled, like Inngest. What each outcome, event and timer does to a run is in transitions.ts.
 * stop() lets in-flight calls finish and persists their results, except failures: a call failing
 * during shutdown is not counted as an attempt (the next runner makes it again).
 *
 * Liveness: which runner may drive a run. Each runner holds, for its whole life, a session-level
 * advisory lock pg_advisory_lock(store.OWNER_LOCK_NS, key) on a connection of its own
 * (Database.holdSessionLock), with a random key that ends its owner id (`runner-<ulid>-k<key>`,
 * what runs.lease_owner holds). A lease counts as dead when its owner's lock is not held (pg_locks,
 * checked inside the claiming UPDATE, so two claimants cannot both win and an owner that is alive
 * and renewing never loses a run) or, as a fallback, when lease_until has passed. So when a
 * runner's process dies, PostgreSQL ends its session, the lock is free at once, and any other
 * runner — one restarted, or one already running, whose scheduler looks again every
 * `livenessPollMs` (1 s) while others hold leases of due runs — takes its runs over within about a
 * second instead of a lease length. lease_until (30 s, renewed every leaseMs / 3 by the heartbeat)
 * covers an owner that looks alive but is cut off (a partition: its session lingers until the
 * server notices). A runner stops driving (no new SDK call; calls in flight cannot be recalled, and
 * their results are discarded if the run was taken over meanwhile) as soon as its lock connection
 * closes or a check of it (every livenessPollMs) fails, or when a lease it could not renew runs
 * out; after losing the lock it takes a new one under a new owner id. On PGlite the lock is taken
 * in its single session (the database is one process's), and start() also frees leases of owners
 * not alive in this process.
 * The lock needs a real session: a direct connection or Supabase's session pooler (port 5432).
 * Supabase's transaction pooler (port 6543) cannot hold it: a check answered by another backend
 * counts as a lost lock, so the runner keeps losing it, and a dead runner's lock may stay held on a
 * pooled server connection (takeover only by lease_until); as the README says, do not use it. A
 * session pooler that keeps server sessions after a client disconnects without resetting them
 * (PgBouncer runs DISCARD ALL, which unlocks) delays a takeover to the lease fallback, but never
 * makes it unsafe.
 *
 * The gap rule: Inngest's waitForEvent only sees events received after the wait is registered.
 * Here a wait also matches events received since the start of the run's previous SDK call — more
 * precisely of the previous discovery call (runs.last_call_at, or the run's creation), which every
 * step run since then started after, inline or planned, in any parallel branch. Planvas checks the
 * database in a step and only then waits; an event that arrives after that check but before the
 * wait is registered (while the SDK returns and the runner makes the next call) is not lost.
 *
 * Cron triggers (`{ cron: "* * * * *" }`, optionally "TZ=<zone> ..."): each (function, cron) has a
 * row in inngest_embedded.cron_ticks with its next tick. When it is due, one transaction moves
 * next_at from the value read to the next tick after now and starts the run (event
 * inngest/scheduled.timer, id derived from the tick): the conditional UPDATE is the claim, so of
 * several runners on one database exactly one starts a tick, and a crash before the commit leaves
 * the tick due for the restarted runner — never started twice, never dropped. After downtime the
 * overdue tick starts once, late, and the ones before it are not started (Inngest does not
 * backfill crons either); lib/triggers/schedule-tick.ts applies its own catch-up rule. Completed
 * cron runs older than a day are pruned as ticks start (failed ones stay).
 *
 * Not supported (each fails loudly or is logged, never silently ignored): opcodes other than
 * StepRun, StepError, StepFailed, StepPlanned, Sleep, WaitForEvent, RunComplete (e.g. step.invoke,
 * step.ai.infer, waitForSignal, defer) fail the run naming the opcode; expressions beyond
 * expressions.ts's subset throw at registration; concurrency, throttle, rate limit,
 * debounce, batching, idempotency, priority, singleton and timeouts are logged at start() and not
 * applied; event batches are single events; SSE streaming from steps, realtime publish and
 * `connect` need an Inngest server. (A serve handler with `streaming: true` works: its
 * 201 keep-alive responses are unwrapped.)
 */
import { createHash, randomInt } from "node:crypto";
import type { Database, RawSql, SessionLock } from "@/lib/db/client";
import { parseInngestCron } from "@/lib/triggers/cron";
import { compileOptional } from "./expressions";
import {
  callFunction,
  checkpointOf,
  errorOf,
  syncApp,
  type CallOutcome,
  type CheckpointRequest,
  type EventPayload,
  type FunctionInfo,
  type StepMemo,
} from "./protocol";
import { defaultBackoff, dueTime, seededIds, ulid, type Backoff } from "./schedule";
import * as store from "./store";
import type { PlannedStep, RunState, RunStatus } from "./store";
import { applyOutcome, cancelRun, finish, nextAt, resolveStep, unsupportedOps, type Fn, type Fx } from "./transitions";

export interface EmbeddedRunnerOptions {
  db: Database;
  /** The app's serve() handler, called in-process (one function handling GET/POST/PUT by method). */
  handler: (req: Request) => Promise<Response>;
  /** The URL the handler is "served" at, e.g. http://127.0.0.1:3000/api/inngest. */
  serveUrl: string;
  /** The Inngest client's id ("planvas"); start() checks that the handler serves this app. */
  appId: string;
  /** When set, every request is signed like Inngest Cloud (x-inngest-signature: t=..&s=..). */
  signingKey?: string;
  /** Runs driven at once; default PLANVAS_MAX_CONCURRENT_RUNS or 4. */
  maxConcurrentRuns?: number;
  log?: (msg: string, data?: Record<string, unknown>) => void;
  /** Clock for everything stored (timers, backoff, leases); signatures always use the real clock. */
  now?: () => number;
  /** Retry backoff (tests shorten it). Default 2 s doubling to at most 5 min, with jitter. */
  retryBackoff?: Partial<Backoff>;
  /**
   * Run lease length. A dead runner's runs are taken over as soon as its lock is free (see the top
   * of this file); this is the fallback for a runner that looks alive but stopped renewing (e.g.
   * partitioned from the database). Default 30 s.
   */
  leaseMs?: number;
  /** Longest the scheduler sleeps before re-checking the database. Default 5 s. */
  pollMs?: number;
  /**
   * While other runners hold leases of due runs, how often to look whether they are still alive
   * (the takeover delay after a crash), and how often this runner checks its own lock. Default 1 s.
   */
  livenessPollMs?: number;
}

export interface EmbeddedRun {
  id: string;
  fnId: string;
  eventId: string | null;
  status: RunStatus;
  event: EventPayload;
  output: unknown;
  error: unknown;
  /** Attempt of the next discovery call (function-level retries). */
  attempt: number;
  /** Memoized step state keyed by hashed step id. */
  steps: Record<string, StepMemo>;
  /** Hashed step ids in the order they completed. */
  stack: string[];
  planned: { stepId: string; attempt: number; at: string }[];
  waits: { stepId: string; event: string; if: string | null; since: string; expiresAt: string }[];
  sleeps: { stepId: string; until: string }[];
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
}

export type { Backoff } from "./schedule";
export type { EventPayload, StepMemo } from "./protocol";
export type { RunStatus } from "./store";

export type InputEvent = { name: string; data?: unknown; id?: string; ts?: number; user?: unknown; v?: string };

const STATUSES: RunStatus[] = ["running", "completed", "failed", "cancelled"];

/** Completed runs of cron functions are kept this long (store.pruneCronRuns). */
const CRON_RUN_RETENTION_MS = 24 * 60 * 60_000;

/** Runner instances alive in this process (a PGlite database can only be open in one process). */
const liveOwners = new Set<string>();

/** A discovery call in flight, which may checkpoint steps (see EmbeddedRunner.checkpoint). */
interface CallInFlight {
  runner: EmbeddedRunner;
  runId: string;
  owner: string;
  /** Steps the SDK has seen: sent with the call, or checkpointed by it. */
  seen: Set<string>;
  /** A checkpoint was refused: the SDK stopped, and what the call answers is not the run's. */
  refused: boolean;
}

/**
 * Calls in flight in this process, by the id their checkpoints carry (qi_id). Process-wide: the
 * client's fetch reaches one runner, which may not be the one that made the call.
 */
const callsInFlight = new Map<string, CallInFlight>();

export class EmbeddedRunner {
  readonly fetch: typeof fetch;

  private readonly db: Database;
  private readonly now: () => number;
  private readonly log: (msg: string, data?: Record<string, unknown>) => void;
  private readonly backoff: Backoff;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxConcurrent: number;
  private readonly livenessPollMs: number;
  /** This runner's identity in lease_owner; a new one whenever it (re)takes its lock. */
  private owner = "";
  /** The session lock that makes `owner` alive to other runners; null while not held. */
  private lock: SessionLock | null = null;
  private relockTimer: ReturnType<typeof setTimeout> | null = null;
  private relocking: Promise<void> | null = null;
  /** Leases `owner` holds, with the lease_until last written (a drive stops once it has passed). */
  private readonly leases = new Map<string, { until: number }>();
  private lastRenewAt = 0;
  private renewing = false;
  private checkingLock = false;

  private fns: Map<string, Fn> | null = null;
  private startPromise: Promise<void> | null = null;
  private running = false;
  private stopping = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private ticking: Promise<void> | null = null;
  private tickAgain = false;
  private busy = 0;
  private readonly drives = new Map<string, Promise<void>>();
  /** Runs whose driving hit a database error, not retaken until then (no hot loop re-calling the SDK). */
  private readonly cooldown = new Map<string, number>();

  constructor(private readonly opts: EmbeddedRunnerOptions) {
    this.db = opts.db;
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? ((msg, data) => console.info(`[inngest-embedded] ${msg}`, data ?? ""));
    this.backoff = { ...defaultBackoff, ...opts.retryBackoff };
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.pollMs = opts.pollMs ?? 5_000;
    this.livenessPollMs = Math.max(10, opts.livenessPollMs ?? 1_000);
    this.maxConcurrent = Math.max(1, opts.maxConcurrentRuns ?? (Number(process.env.PLANVAS_MAX_CONCURRENT_RUNS) || 4));
    this.fetch = (input, init) => this.interceptFetch(input, init);
  }

  // --- lifecycle --------------------------------------------------------------------------------

  /** Syncs the app in-band, then resumes every unfinished run and re-arms timers from the database. */
  async start(): Promise<void> {
    if (this.running) return;
    this.startPromise ??= this.doStart().catch((e: unknown) => {
      this.startPromise = null;
      throw e;
    });
    await this.startPromise;
  }

  private async doStart(): Promise<void> {
    const { appId, functions } = await syncApp(this.opts.handler, this.opts.serveUrl, this.opts.signingKey);
    if (appId !== this.opts.appId) {
      throw new Error(`the handler at ${this.opts.serveUrl} serves app "${appId}", but the embedded runner was configured for "${this.opts.appId}"`);
    }
    const fns = new Map<string, Fn>();
    for (const info of functions) {
      fns.set(info.id, this.compileFunction(info));
    }
    this.fns = fns;
    await this.acquireLock();
    let unfinishedRuns: number;
    try {
      if (this.db.kind === "pglite") {
        // Leases held by runners that are not alive in this process belong to a previous process.
        const freed = await store.releaseLeasesExcept(this.db, [...liveOwners, this.owner]);
        if (freed) this.log("took over runs of a previous process", { runs: freed });
      }
      unfinishedRuns = await store.countRunning(this.db);
      await store.syncCronTicks(this.db, this.cronTicksOf(fns), this.now());
    } catch (e) {
      await this.releaseLock();
      throw e;
    }
    this.stopping = false;
    this.running = true;
    if (!this.lock) this.relock(0); // lost already, before relock() could act on it
    // One beat checks the lock (every livenessPollMs) and renews leases (every leaseMs / 3).
    this.heartbeat = setInterval(() => this.beat(), Math.max(10, Math.min(Math.floor(this.leaseMs / 3), this.livenessPollMs)));
    this.heartbeat.unref?.();
    this.log("embedded runner started", { app: appId, functions: [...fns.keys()], unfinishedRuns, owner: this.owner });
    this.kick();
  }

  private compileFunction(info: FunctionInfo): Fn {
    const where = (what: string) => `function "${info.id}" ${what}`;
    const compile = (src: string | undefined, what: string) => {
      try {
        return compileOptional(src);
      } catch (e) {
        throw new Error(`${where(what)}: ${(e as Error).message}`, { cause: e });
      }
    };
    const triggers: Fn["triggers"] = [];
    const crons: Fn["crons"] = [];
    for (const t of info.triggers) {
      if ("cron" in t) {
        try {
          crons.push({ spec: t.cron, cron: parseInngestCron(t.cron) });
        } catch (e) {
          throw new Error(`${where("has an")} ${(e as Error).message}`, { cause: e });
        }
        continue;
      }
      const prefix = t.event.endsWith("*");
      triggers.push({ event: prefix ? t.event.slice(0, -1) : t.event, prefix, expr: compile(t.expression, `trigger ${t.event}`) });
    }
    const cancel = info.cancel.map((c) => ({
      event: c.event,
      expr: compile(c.if, `cancelOn ${c.event}`),
      timeoutMs: c.timeout ? dueTime(c.timeout, 0) : null,
    }));
    if (info.ignoredOptions.length) {
      this.log(`${where("uses options the embedded runner does not apply")}: ${info.ignoredOptions.join(", ")}`, { fnId: info.id });
    }
    return { info, maxAttempts: info.retries + 1, triggers, crons, cancel };
  }

  /** Every (function, cron) with its first tick after `now` (for rows not yet in cron_ticks). */
  private cronTicksOf(fns: Map<string, Fn>): (now: number) => { fnId: string; cron: string; nextAt: number }[] {
    return (now) =>
      [...fns.values()].flatMap((fn) =>
        fn.crons.flatMap((c) => {
          const next = c.cron.nextRun(new Date(now));
          return next ? [{ fnId: fn.info.id, cron: c.spec, nextAt: next.getTime() }] : [];
        }),
      );
  }

  /**
   * A due cron tick: in one transaction, claim it (move next_at on from the value read; another
   * runner that read the same value then changes nothing) and start its run.
   */
  private async startCronTick(t: { fnId: string; cron: string; at: number }, now: number): Promise<void> {
    const fn = this.fns?.get(t.fnId);
    const c = fn?.crons.find((x) => x.spec === t.cron);
    if (!fn || !c) return;
    const next = c.cron.nextRun(new Date(Math.max(now, t.at)));
    await this.tx(async (tx, fx) => {
      if (!(await store.claimCronTick(tx, t.fnId, t.cron, t.at, next ? next.getTime() : null))) return;
      // The event id names the tick: the same tick can never be stored, and so started, twice.
      const id = `cron-${createHash("sha256").update(`${t.fnId}\n${t.cron}\n${t.at}`).digest("hex").slice(0, 32)}`;
      const e: EventPayload = { id, name: "inngest/scheduled.timer", data: { cron: t.cron }, ts: t.at };
      if (!(await store.insertEvent(tx, e, now))) return;
      await this.startRun(tx, fx, fn, e, now);
      await store.pruneCronRuns(tx, t.fnId, now - CRON_RUN_RETENTION_MS);
      if (now - t.at > 60_000) fx.logs.push(["cron tick started late", { fnId: t.fnId, cron: t.cron, tick: new Date(t.at).toISOString() }]);
    });
  }

  /** Stops scheduling and waits for in-flight SDK calls (their results are persisted). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.relockTimer) clearTimeout(this.relockTimer);
    this.relockTimer = null;
    await this.ticking;
    while (this.drives.size) await Promise.allSettled([...this.drives.values()]);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    await this.relocking;
    // Last: the drives above released their leases while this runner was still alive.
    await this.releaseLock();
    this.running = false;
    this.startPromise = null;
    this.log("embedded runner stopped", { owner: this.owner });
  }

  // --- liveness: the runner's session lock ------------------------------------------------------

  /** Takes a session lock on a fresh random key and becomes the owner named after it. */
  private async acquireLock(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      const key = randomInt(1, 2 ** 31 - 1);
      const lock = await this.db.holdSessionLock([store.OWNER_LOCK_NS, key]);
      if (!lock) continue; // another runner holds this key: draw again
      this.owner = store.ownerId(ulid(Date.now()), key);
      this.lock = lock;
      this.leases.clear();
      liveOwners.add(this.owner);
      void lock.lost.then((e) => this.lockLost(lock, e));
      return;
    }
    throw new Error("the embedded runner could not take a lock: five random keys were all held");
  }

  private async releaseLock(): Promise<void> {
    const lock = this.lock;
    this.lock = null;
    this.leases.clear();
    liveOwners.delete(this.owner);
    await lock?.release().catch((e: unknown) => this.log("releasing the runner lock failed", { error: errorOf(e).message }));
  }

  /**
   * The lock's connection is gone, so to every other runner this one is dead and its runs are
   * free: stop driving at once (no new SDK call; results of calls in flight are persisted only
   * where nobody took the run over), then come back under a new identity.
   */
  private lockLost(lock: SessionLock, error: Error): void {
    if (this.lock !== lock) return; // released by stop(), or already replaced
    const owner = this.owner;
    this.lock = null;
    this.leases.clear();
    liveOwners.delete(owner);
    this.log("runner lock lost: stopped driving; other runners may take its runs over", { owner, error: error.message });
    void lock.release().catch(() => {});
    this.relock(0);
  }

  private relock(failures: number): void {
    if (!this.running || this.stopping) return;
    this.relockTimer = setTimeout(
      () => {
        this.relockTimer = null;
        if (!this.running || this.stopping || this.lock) return;
        this.relocking = this.acquireLock()
          .then(
            () => {
              this.log("runner lock taken again", { owner: this.owner });
              this.kick();
            },
            (e: unknown) => {
              this.log("taking the runner lock again failed", { error: errorOf(e).message });
              this.relock(failures + 1);
            },
          )
          .finally(() => {
            this.relocking = null;
          });
      },
      Math.min(this.pollMs, this.livenessPollMs * 2 ** failures),
    );
    this.relockTimer.unref?.();
  }

  /** True while `owner` is this runner's live identity and its lease of the run has not run out. */
  private holds(runId: string, owner: string): boolean {
    return this.lock !== null && this.owner === owner && (this.leases.get(runId)?.until ?? 0) > this.now();
  }

  /** The heartbeat: checks the lock, and renews the leases every leaseMs / 3. */
  private beat(): void {
    const lock = this.lock;
    if (lock && !this.checkingLock) {
      this.checkingLock = true;
      // A check that fails or hangs resolves lock.lost (handled by lockLost). The timeout is short
      // of the lease: a runner cut off from its lock's session must give up before others may
      // take its runs by lease_until (they may take them sooner, by the lock, if the server ended
      // that session).
      const timeoutMs = Math.max(1_000, Math.min(Math.floor(this.leaseMs / 2), 5 * this.livenessPollMs));
      void lock.check(timeoutMs).finally(() => {
        this.checkingLock = false;
      });
    }
    if (Date.now() - this.lastRenewAt >= this.leaseMs / 3) void this.renewLeases();
  }

  /** Resolves when no run has runnable work now (runs may still wait for events or timers). */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.drives.size && !this.ticking && !this.busy) {
        const due = await store.hasDueWork(this.db, this.now());
        if (!due && !this.drives.size && !this.ticking && !this.busy) return;
        if (due) this.kick();
      }
      if (Date.now() > deadline) {
        throw new Error(
          `EmbeddedRunner.idle(): still busy after ${timeoutMs} ms (driving ${[...this.drives.keys()].join(", ") || "nothing"}${this.running ? "" : "; the runner is not started"})`,
        );
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  // --- events -----------------------------------------------------------------------------------

  /** Stores events, starts runs for matching triggers, resolves matching waits and applies cancelOn. */
  async receive(events: InputEvent[], opts: { idSeed?: string | null } = {}): Promise<{ ids: string[] }> {
    if (!this.fns) {
      if (!this.startPromise) throw new Error("EmbeddedRunner.receive() called before start()");
      await this.startPromise;
    }
    const now = this.now();
    const seeded = seededIds(opts.idSeed ?? null, events.length);
    const payloads = events.map((e, i): EventPayload => {
      if (!e || typeof e.name !== "string" || !e.name) throw new Error("every event needs a non-empty name");
      if (e.data !== undefined && e.data !== null && (typeof e.data !== "object" || Array.isArray(e.data))) {
        throw new Error(`event "${e.name}": data must be an object`);
      }
      return {
        id: e.id ?? seeded?.[i] ?? ulid(now),
        name: e.name,
        data: (e.data ?? {}) as Record<string, unknown>,
        ts: typeof e.ts === "number" ? e.ts : now,
        ...(e.user !== undefined ? { user: e.user } : {}),
        ...(e.v !== undefined ? { v: e.v } : {}),
      };
    });
    this.busy++;
    try {
      await this.tx(async (tx, fx) => {
        await this.ingest(tx, fx, payloads, now);
      });
    } finally {
      this.busy--;
    }
    return { ids: payloads.map((p) => p.id) };
  }

  /**
   * For `new Inngest({ fetch: runner.fetch })`: POSTs to the event API (`<base>/e/<key>`) go to
   * receive() and are answered like Inngest (`{ids, status: 200}`); everything else goes out.
   */
  private async interceptFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    let path = "";
    try {
      path = new URL(url).pathname;
    } catch {
      // not an absolute URL: not the event API
    }
    if (method === "POST" && /\/v1\/checkpoint\//.test(path)) {
      let cp: CheckpointRequest | null = null;
      try {
        cp = checkpointOf(path, await new Request(input, init).json());
      } catch (e) {
        return Response.json({ error: errorOf(e).message }, { status: 400 });
      }
      if (cp) {
        const call = callsInFlight.get(cp.callId);
        if (call?.runId === cp.runId) return call.runner.checkpoint(call, cp);
        return Response.json({ error: "checkpoint refused: no such call in flight" }, { status: 409 });
      }
    }
    if (method !== "POST" || !/\/e\/[^/]+\/?$/.test(path)) return globalThis.fetch(input, init);
    const req = new Request(input, init);
    try {
      const body = (await req.json()) as InputEvent | InputEvent[];
      const { ids } = await this.receive(Array.isArray(body) ? body : [body], { idSeed: req.headers.get("x-inngest-event-id-seed") });
      return Response.json({ ids, status: 200 });
    } catch (e) {
      return Response.json({ ids: [], status: 400, error: (e as Error).message }, { status: 400 });
    }
  }

  /**
   * A checkpoint of a call in flight: its steps are stored before the SDK goes on to the next, so
   * a crash after this never runs them again. 409 (the SDK stops the call: a stale dispatch) when
   * the call is unknown, the run ended or this runner no longer holds its lease.
   */
  private async checkpoint(call: CallInFlight, cp: CheckpointRequest): Promise<Response> {
    // Worded as mutate() words a discarded result: it is the same thing, a step's result refused.
    const stale = (why: string) => {
      call.refused = true;
      this.log(`result discarded: ${why}`, { runId: call.runId, checkpoint: true });
      return Response.json({ error: `checkpoint refused: ${why}` }, { status: 409 });
    };
    if (!this.holds(call.runId, call.owner)) return stale("lease lost");
    const unsupported = unsupportedOps(cp.steps, ["StepRun"]);
    if (unsupported) {
      // Only results of steps that ran are checkpointed; anything else fails the run loudly.
      await this.mutate(call.runId, call.owner, (run, tx, fx, now) =>
        finish(run, tx, fx, now, "failed", { error: { name: "UnsupportedOpcodeError", message: unsupported } }),
      );
      return stale("run is failed");
    }
    // One statement, no state lock; nothing becomes due for the scheduler (the run stays this
    // call's), so no kick either.
    const memos = cp.steps.map((op): [string, StepMemo] => [op.id, { type: "data", data: op.data ?? null }]);
    if (!(await store.appendSteps(this.db, call.runId, call.owner, memos, this.now()))) {
      const run = await store.getRun(this.db, call.runId);
      return stale(run && run.status !== "running" ? `run is ${run.status}` : "lease lost");
    }
    for (const op of cp.steps) {
      call.seen.add(op.id); // the SDK goes on with this result: it is not new to it
      this.log("step completed", { runId: call.runId, step: op.displayName ?? op.userland?.id ?? op.name ?? op.id, stepId: op.id, checkpointed: true });
    }
    if (this.stopping) {
      // Stored, but no further step starts in this call: stop() waits for this call only as long
      // as the step in flight took, not for the rest of the run. The next runner goes on from here.
      call.refused = true;
      this.log("call ended at a checkpoint: the runner is stopping", { runId: call.runId });
      return Response.json({ error: "the runner is stopping" }, { status: 409 });
    }
    return Response.json({});
  }

  /** Within a state transaction: store events, cancel, resolve waits, start runs. */
  private async ingest(tx: RawSql, fx: Fx, events: EventPayload[], now: number): Promise<void> {
    const fns = [...(this.fns?.values() ?? [])];
    for (const e of events) {
      if (!(await store.insertEvent(tx, e, now))) {
        fx.logs.push(["duplicate event id ignored", { eventId: e.id, event: e.name }]);
        continue;
      }
      for (const fn of fns) {
        for (const c of fn.cancel) {
          if (c.event !== e.name) continue;
          for (const r of await store.runningRunsOf(tx, fn.info.id, c.timeoutMs === null ? null : now - c.timeoutMs)) {
            if (c.expr && !c.expr.test({ event: r.event, async: e })) continue;
            await cancelRun(tx, fx, r.id, e, now);
          }
        }
      }
      for (const w of await store.waitsFor(tx, e.name, now)) {
        const expr = compileOptional(w.if); // compiled once already when the wait was registered
        if (expr && !expr.test({ event: w.runEvent, async: e })) continue;
        if (!(await store.takeWait(tx, w.runId, w.stepId))) continue;
        await resolveStep(tx, fx, w.runId, w.stepId, { type: "data", data: e }, now, "waitForEvent matched", { eventId: e.id, event: e.name });
      }
      for (const fn of fns) {
        const trig = fn.triggers.find((t) => (t.prefix ? e.name.startsWith(t.event) : e.name === t.event) && (!t.expr || t.expr.test({ event: e })));
        if (!trig) continue;
        await this.startRun(tx, fx, fn, e, now);
      }
    }
  }

  /** Within a state transaction: a new run of `fn` for event `e` (already stored). */
  private async startRun(tx: RawSql, fx: Fx, fn: Fn, e: EventPayload, now: number): Promise<void> {
    const id = ulid(now);
    await store.insertRun(tx, { id, fnId: fn.info.id, eventId: e.id, event: e, events: [e], discoverAt: now, createdAt: now });
    fx.logs.push(["run started", { runId: id, fnId: fn.info.id, event: e.name, eventId: e.id }]);
  }

  // --- queries ----------------------------------------------------------------------------------

  async getRun(runId: string): Promise<EmbeddedRun | null> {
    const r = await store.getRun(this.db, runId);
    return r ? this.present(r) : null;
  }

  async listRuns(filter: { status?: string; fnId?: string } = {}): Promise<EmbeddedRun[]> {
    if (filter.status && !STATUSES.includes(filter.status as RunStatus)) throw new Error(`unknown run status "${filter.status}"`);
    const runs = await store.listRuns(this.db, filter);
    return Promise.all(runs.map((r) => this.present(r)));
  }

  private async present(r: RunState): Promise<EmbeddedRun> {
    const isoOf = (t: number) => new Date(t).toISOString();
    const [waits, timers] = await Promise.all([store.waitsOf(this.db, r.id), store.timersOf(this.db, r.id)]);
    return {
      id: r.id,
      fnId: r.fnId,
      eventId: r.eventId,
      status: r.status,
      event: r.event,
      output: r.output,
      error: r.error,
      attempt: r.attempt,
      steps: r.steps,
      stack: r.stack,
      planned: r.planned.map((p) => ({ stepId: p.id, attempt: p.attempt, at: isoOf(p.at) })),
      waits: waits.map((w) => ({ stepId: w.stepId, event: w.event, if: w.if, since: isoOf(w.since), expiresAt: isoOf(w.expiresAt) })),
      sleeps: timers.map((t) => ({ stepId: t.stepId, until: isoOf(t.dueAt) })),
      createdAt: isoOf(r.createdAt),
      updatedAt: isoOf(r.updatedAt),
      endedAt: r.endedAt === null ? null : isoOf(r.endedAt),
    };
  }

  // --- transactions -----------------------------------------------------------------------------

  /** One state transaction: advisory lock, work, events emitted by the work; logs after commit. */
  private async tx<T>(work: (tx: RawSql, fx: Fx) => Promise<T>): Promise<T> {
    const fx: Fx = { logs: [], emit: [] };
    const result = await this.db.transaction(async (tx) => {
      await tx.query(store.STATE_LOCK);
      const out = await work(tx, fx);
      // Events emitted by finished runs are ingested in the same transaction: an onFailure
      // handler is never lost to a crash between the run failing and its event being stored.
      while (fx.emit.length) await this.ingest(tx, fx, fx.emit.splice(0), this.now());
      return out;
    });
    for (const [msg, data] of fx.logs) this.log(msg, data);
    this.kick();
    return result;
  }

  /**
   * Locks a running run, lets `work` change it, derives next_at and saves it. Returns null (and
   * changes nothing) when the run has ended — e.g. cancelled while a call was in flight, whose
   * result is then discarded — or when `owner` no longer holds its lease.
   */
  private async mutate(runId: string, owner: string | null, work: (r: RunState, tx: RawSql, fx: Fx, now: number) => Promise<void>): Promise<RunState | null> {
    return this.tx(async (tx, fx) => {
      const r = await store.lockRun(tx, runId);
      if (!r || r.status !== "running") {
        if (r && owner) fx.logs.push([`result discarded: run is ${r.status}`, { runId }]);
        return null;
      }
      if (owner && r.leaseOwner !== owner) {
        fx.logs.push(["result discarded: lease lost", { runId }]);
        return null;
      }
      const now = this.now();
      await work(r, tx, fx, now);
      r.nextAt = nextAt(r);
      r.updatedAt = now;
      await store.saveRun(tx, r);
      return r;
    });
  }

  // --- scheduler --------------------------------------------------------------------------------

  private kick(): void {
    if (!this.running || this.stopping) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.ticking = this.tick()
      .catch((e: unknown) => this.log("scheduler error", { error: errorOf(e).message }))
      .finally(() => {
        this.ticking = null;
      });
  }

  private async tick(): Promise<void> {
    do {
      this.tickAgain = false;
      const now = this.now();
      const owner = this.owner;
      const room = this.stopping || !this.lock ? 0 : this.maxConcurrent - this.drives.size;
      // One scan for all of it. Runs that the timers and waits below make due are found by the
      // next pass: their transactions kick the scheduler (tickAgain).
      const due = await store.dueWork(this.db, now, Math.max(0, room), owner, [...(this.fns?.keys() ?? [])]);
      for (const c of due.crons) {
        if (this.stopping) return;
        await this.startCronTick(c, now);
      }
      for (const t of due.timers) {
        if (this.stopping) return;
        await this.tx(async (tx, fx) => {
          if (await store.takeTimer(tx, t.runId, t.stepId))
            await resolveStep(tx, fx, t.runId, t.stepId, { type: "data", data: null }, now, "sleep finished", {});
        });
      }
      for (const w of due.waits) {
        if (this.stopping) return;
        await this.tx(async (tx, fx) => {
          if (await store.takeWait(tx, w.runId, w.stepId)) {
            await resolveStep(tx, fx, w.runId, w.stepId, { type: "data", data: null }, now, "waitForEvent timed out", { event: w.event });
          }
        });
      }
      const free = this.maxConcurrent - this.drives.size;
      if (free > 0 && !this.stopping && this.lock) {
        for (const id of due.runIds) {
          if (this.drives.has(id) || this.drives.size >= this.maxConcurrent || this.stopping) continue;
          if ((this.cooldown.get(id) ?? 0) > Date.now()) continue;
          if (!this.lock || this.owner !== owner) break;
          const lease = { until: now + this.leaseMs };
          const claim = await store.claimRun(this.db, id, owner, now, lease.until);
          if (!claim.claimed) continue;
          if (claim.from) this.log("took over a run whose runner is gone or stopped renewing its lease", { runId: id, from: claim.from, owner });
          if (this.owner === owner) this.leases.set(id, lease);
          const drive = this.drive(id, owner).finally(async () => {
            if (this.leases.get(id) === lease) this.leases.delete(id);
            try {
              await store.releaseRun(this.db, id, owner);
            } catch (e) {
              this.log("lease release failed", { runId: id, error: errorOf(e).message });
            }
            this.drives.delete(id);
            this.kick();
          });
          this.drives.set(id, drive);
        }
      }
      if (this.stopping) return;
      // Runs leased by other live runners count as due again after livenessPollMs: a runner that
      // dies is noticed (its lock is free) within that time.
      const next = await store.earliestDue(this.db, this.owner, this.lock !== null && this.drives.size < this.maxConcurrent, this.now() + this.livenessPollMs, [
        ...(this.fns?.keys() ?? []),
      ]);
      if (this.timer) clearTimeout(this.timer);
      // At least 10 ms (no hot loop on something due that cannot be taken), at most pollMs (a
      // safety poll catches changes made by anything that did not kick this scheduler).
      const delay = next === null ? this.pollMs : Math.min(this.pollMs, Math.max(10, next - this.now()));
      this.timer = setTimeout(() => this.kick(), delay);
      this.timer.unref?.();
    } while (this.tickAgain && !this.stopping);
  }

  private async renewLeases(): Promise<void> {
    if (this.renewing || !this.lock) return;
    this.renewing = true;
    this.lastRenewAt = Date.now();
    const owner = this.owner;
    const renewing = [...this.leases];
    const until = this.now() + this.leaseMs;
    try {
      const kept = new Set(
        await store.renewLeases(
          this.db,
          owner,
          renewing.map(([id]) => id),
          until,
        ),
      );
      for (const [id, lease] of renewing) {
        if (this.leases.get(id) !== lease) continue; // released, re-claimed or lost meanwhile
        if (kept.has(id)) lease.until = Math.max(lease.until, until);
        else this.leases.delete(id); // no longer this owner's: the drive stops before its next call
      }
    } catch (e) {
      // Leases that cannot be renewed run out; their drives stop before the next call.
      this.log("lease renewal failed", { error: errorOf(e).message });
    } finally {
      this.renewing = false;
    }
  }

  // --- driving a run ----------------------------------------------------------------------------

  /** Drives a run leased by `owner` (this runner's identity when the lease was taken). */
  private async drive(runId: string, owner: string): Promise<void> {
    try {
      while (!this.stopping) {
        const r = await store.getRun(this.db, runId);
        if (!r || r.status !== "running" || r.leaseOwner !== owner) return;
        if (!this.holds(runId, owner)) {
          if (this.lock && this.owner === owner) this.log("stopped driving a run: its lease could not be renewed", { runId });
          return; // (after a lost lock, lockLost has logged)
        }
        const fn = this.fns?.get(r.fnId);
        if (!fn) {
          await this.mutate(runId, owner, (run, tx, fx, now) =>
            finish(run, tx, fx, now, "failed", { error: { name: "Error", message: `function "${r.fnId}" is no longer served by the app` } }),
          );
          return;
        }
        const now = this.now();
        if (r.planned.length) {
          const due = r.planned.filter((p) => p.at <= now);
          if (!due.length) return;
          // allSettled: the lease must outlive every call of the batch, even if one fails.
          const settled = await Promise.allSettled(due.map((p) => this.call(r, fn, p, owner)));
          const failed = settled.find((s) => s.status === "rejected");
          if (failed) throw failed.reason;
          continue;
        }
        if (r.discoverAt === null || r.discoverAt > now) return;
        await this.call(r, fn, null, owner);
      }
    } catch (e) {
      // A database error: leave the state as persisted; the run is driven again after a pause.
      this.cooldown.set(runId, Date.now() + this.pollMs);
      this.log("driving a run failed", { runId, error: errorOf(e).message });
    }
  }

  /** One SDK call: discovery (`planned` null) or one planned step; persists the outcome. */
  private async call(r: RunState, fn: Fn, planned: PlannedStep | null, owner: string): Promise<void> {
    // Checked right before every call: a runner that lost its lock or lease starts no new step.
    if (!this.holds(r.id, owner)) return;
    const attempt = planned ? planned.attempt : r.attempt;
    const startedAt = this.now();
    const c = { planned, attempt, startedAt, seen: new Set(Object.keys(r.steps)) };
    // A discovery call may run several steps in a row, checkpointing each (see checkpoint()).
    const callId = planned ? null : `${owner}:${ulid(Date.now())}`;
    const inFlight: CallInFlight = { runner: this, runId: r.id, owner, seen: c.seen, refused: false };
    if (callId) callsInFlight.set(callId, inFlight);
    const outcome = await callFunction(
      this.opts.handler,
      {
        serveUrl: this.opts.serveUrl,
        fnId: fn.info.id,
        stepId: planned ? planned.id : "step",
        event: r.event,
        events: r.events,
        steps: r.steps,
        stack: r.stack,
        runId: r.id,
        attempt,
        maxAttempts: fn.maxAttempts,
        disableImmediateExecution: planned !== null,
        ...(callId ? { checkpoint: { fnId: fn.info.id, callId } } : {}),
      },
      this.opts.signingKey,
    ).finally(() => {
      if (callId) callsInFlight.delete(callId);
    });
    if (inFlight.refused) return; // the SDK stopped at a refused checkpoint; what it answers is not the run's
    // A call that fails while the runner shuts down most likely failed because of the shutdown;
    // it is not counted as an attempt: the next runner makes the same call again.
    if (this.stopping && outcome.kind === "error") return;
    const persist = (o: CallOutcome) =>
      this.mutate(r.id, owner, async (run, tx, fx, now) => {
        try {
          await applyOutcome(run, tx, fx, now, fn, o, c, this.backoff);
        } catch (e) {
          // e.g. an unparseable sleep duration or an unsupported `if` on a wait: fail loudly.
          if (run.status === "running") await finish(run, tx, fx, now, "failed", { error: errorOf(e) });
        }
      });
    try {
      await persist(outcome);
    } catch (e) {
      // The result could not be stored (e.g. a string with \u0000, which jsonb refuses). Count the
      // call as a failed attempt so that a result that can never be stored fails the run instead
      // of re-running the step forever.
      const error = { name: "Error", message: `could not store the result of the call: ${errorOf(e).message}` };
      this.log("storing a call result failed", { runId: r.id, error: error.message });
      await persist({ kind: "error", retriable: true, error });
    }
  }
}
