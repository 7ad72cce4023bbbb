// Starts the embedded Inngest runner in the server process that owns the database, when no
// Inngest is configured. Called once from instrumentation.ts; kept on globalThis (see lib/db).
import { getDb } from "@/lib/db";
import { processSingleton } from "@/lib/singleton";
import { registerEmbeddedRunner } from "./client";
import { APP_ID, inngestMode } from "./config";
import { EmbeddedRunner } from "./embedded/runner";
import { inngestHandler } from "./serve";

/** The handler as one function of a web Request, whatever method it uses. */
const handler = (req: Request): Promise<Response> => {
  const h = inngestHandler as unknown as Record<string, (r: Request, ctx: unknown) => Promise<Response>>;
  const fn = h[req.method];
  if (!fn) return Promise.resolve(new Response(`method ${req.method} not served`, { status: 405 }));
  return fn(req, undefined);
};

export function startEmbeddedRunner(opts: { port?: string | number } = {}): Promise<EmbeddedRunner | null> {
  if (inngestMode() !== "embedded") return Promise.resolve(null);
  return processSingleton("runnerStart", async () => {
    const db = await getDb();
    const port = opts.port ?? process.env.PORT ?? 3000;
    const runner = new EmbeddedRunner({
      db,
      handler,
      serveUrl: `http://127.0.0.1:${port}/api/inngest`,
      appId: APP_ID,
      // Routine progress (steps completed, planned, waiting) is in the runs' own events; the log keeps
      // what an operator needs: start/stop, takeovers, retries and failures.
      log: (msg, data) => {
        if (/^(step completed|step planned|waiting for event|waitForEvent matched|sleeping|run (completed|started))/.test(msg)) return;
        console.log(`[planvas] runner: ${msg}${data ? ` ${JSON.stringify(data)}` : ""}`);
      },
    });
    registerEmbeddedRunner(runner);
    await runner.start();
    // Let in-flight step results land on a normal shutdown (a crash is covered by recovery).
    for (const sig of ["SIGTERM", "SIGINT"] as const) process.once(sig, () => void runner.stop());
    return runner;
  });
}
