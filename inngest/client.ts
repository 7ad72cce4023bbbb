import { Inngest } from "inngest";
import { peekProcessSingleton, setProcessSingleton } from "@/lib/singleton";
import { APP_ID, inngestMode } from "./config";

/** What the embedded runner exposes to the client (set on globalThis when it starts). */
interface RunnerHandle {
  fetch: typeof fetch;
}
export function registerEmbeddedRunner(runner: RunnerHandle | undefined) {
  setProcessSingleton("runner", runner);
}

/**
 * With the embedded runner, `inngest.send()` must reach the runner instead of an Inngest server:
 * the client's fetch hands event-API requests to it (looked up per call, since the runner starts
 * after this module loads and `next dev` may load this module more than once).
 */
const embeddedFetch: typeof fetch = (input, init) => {
  const runner = peekProcessSingleton<RunnerHandle>("runner");
  if (!runner) return Promise.reject(new Error("the embedded Inngest runner is not running (it starts with the server in instrumentation.ts)"));
  return runner.fetch(input, init);
};

const mode = inngestMode();

/**
 * The SDK rebuilds a client's request headers on every read of `headers` (a step's call, its
 * checkpoint and a send each read it several times), and every rebuild walks all of `process.env`
 * with Object.entries: 4-5 % of the engine's CPU. The headers come from the client's options and
 * the INNGEST_* / platform variables, which the client copies when it is created and Planvas never
 * changes later, so they are built once. Returns the client.
 */
export function withFixedHeaders<C extends Inngest.Any>(client: C): C {
  const headers = Object.freeze({ ...client.headers });
  Object.defineProperty(client, "headers", { get: () => headers, configurable: true });
  return client;
}

export const inngest = withFixedHeaders(
  new Inngest({
    id: APP_ID,
    // Embedded: dev mode skips request signing between the runner and the handler in this process.
    ...(mode === "embedded" ? { isDev: true, fetch: embeddedFetch } : mode === "dev" ? { isDev: true } : {}),
  }),
);
