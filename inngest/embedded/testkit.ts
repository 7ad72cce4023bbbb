// Test support for the embedded runner's tests: a migrated database, a real Inngest client whose
// events go to the runner, and a real serve() handler (inngest/next, as the app serves it) called
// in-process. Not imported by application code.
import { Inngest } from "inngest";
import { serve } from "inngest/next";
import { openTestDatabase, type TestBackend } from "@/lib/db/testing";
import { EmbeddedRunner, type EmbeddedRun, type EmbeddedRunnerOptions } from "./runner";

export const SERVE_URL = "http://127.0.0.1:3000/api/inngest";
export const APP_ID = "planvas-test";

export const makeClient = (fetch: typeof globalThis.fetch, extra: { signingKey?: string } = {}) =>
  extra.signingKey ? new Inngest({ id: APP_ID, signingKey: extra.signingKey, fetch }) : new Inngest({ id: APP_ID, isDev: true, fetch });
export type Client = ReturnType<typeof makeClient>;
export type Functions = Parameters<typeof serve>[0]["functions"];
export type Handler = (req: Request) => Promise<Response>;

export interface Harness {
  db: Awaited<ReturnType<typeof openTestDatabase>>;
  runner: EmbeddedRunner;
  inngest: Client;
  /** The serve() handler itself, unwrapped. */
  serveHandler: Handler;
  logs: { msg: string; data?: Record<string, unknown> }[];
  /** Another runner on the same database and handler (a restarted process). */
  newRunner(opts?: Partial<EmbeddedRunnerOptions>): EmbeddedRunner;
  close(): Promise<void>;
}

export async function harness(
  backend: TestBackend,
  define: (inngest: Client) => Functions,
  o: {
    wrap?: (h: Handler) => Handler;
    /** Wraps the client's fetch: what the SDK sends to the executor (events, checkpoints). */
    wrapFetch?: (f: typeof globalThis.fetch) => typeof globalThis.fetch;
    runner?: Partial<EmbeddedRunnerOptions>;
    signingKey?: string;
    start?: boolean;
    streaming?: boolean;
  } = {},
): Promise<Harness> {
  const db = await openTestDatabase(backend);
  const logs: Harness["logs"] = [];
  let handler: Handler = () => Promise.reject(new Error("handler not ready"));
  const runnerOpts = (extra: Partial<EmbeddedRunnerOptions> = {}): EmbeddedRunnerOptions => ({
    db,
    handler: (req) => handler(req),
    serveUrl: SERVE_URL,
    appId: APP_ID,
    log: (msg, data) => logs.push({ msg, ...(data ? { data } : {}) }),
    retryBackoff: { baseMs: 20, maxMs: 80 },
    pollMs: 200,
    ...(o.signingKey ? { signingKey: o.signingKey } : {}),
    ...o.runner,
    ...extra,
  });
  const runner = new EmbeddedRunner(runnerOpts());
  const runners = [runner];
  const inngest = makeClient(o.wrapFetch ? o.wrapFetch(runner.fetch) : runner.fetch, o.signingKey ? { signingKey: o.signingKey } : {});
  const served = serve({ client: inngest, functions: define(inngest), ...(o.streaming ? { streaming: true as const } : {}) });
  const serveHandler: Handler = (req) => served(req as never, undefined);
  handler = o.wrap ? o.wrap(serveHandler) : serveHandler;
  if (o.start !== false) await runner.start();
  return {
    db,
    runner,
    inngest,
    serveHandler,
    logs,
    newRunner(extra) {
      const r = new EmbeddedRunner(runnerOpts(extra));
      runners.push(r);
      return r;
    },
    async close() {
      for (const r of runners) await r.stop();
      await db.drop();
    },
  };
}

/** Polls until `pred` holds for the run (or the only run of `fnId`), or fails after `ms`. */
export async function waitForRun(
  runner: EmbeddedRunner,
  find: { runId?: string; fnId?: string },
  pred: (r: EmbeddedRun) => boolean,
  ms = 10_000,
): Promise<EmbeddedRun> {
  const deadline = Date.now() + ms;
  let last: EmbeddedRun | null | undefined;
  for (;;) {
    last = find.runId ? await runner.getRun(find.runId) : (await runner.listRuns(find.fnId ? { fnId: find.fnId } : {}))[0];
    if (last && pred(last)) return last;
    if (Date.now() > deadline) throw new Error(`run did not reach the expected state in ${ms} ms: ${JSON.stringify(last, null, 1)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const fnId = (id: string) => `${APP_ID}-${id}`;

/** A promise with its resolve function, to hold a step body until the test lets it go. */
export function gate<T = void>(): { promise: Promise<T>; open: (v: T) => void } {
  let open!: (v: T) => void;
  const promise = new Promise<T>((r) => (open = r));
  return { promise, open };
}
