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

export const inngest = new Inngest({
  id: APP_ID,
  // Embedded: dev mode skips request signing between the runner and the handler in this process.
  ...(mode === "embedded" ? { isDev: true, fetch: embeddedFetch } : mode === "dev" ? { isDev: true } : {}),
});
