// Test support: the real engine in-process — run-plan behind the real serve handler, driven by the
// embedded runner, on the given database — for the inngest/*.integration.test.ts suites.
import { setDatabase, type Database } from "@/lib/db";
import { configureEngine } from "@/lib/runs/steps";
import { registerEmbeddedRunner } from "../client";
import { EmbeddedRunner } from "../embedded/runner";
import { inngestHandler } from "../serve";

const handler = (req: Request) => (inngestHandler as unknown as Record<string, (r: Request, c: unknown) => Promise<Response>>)[req.method]!(req, undefined);

/** Makes `db` the app's database, configures the step engine (when `engine` is given) and starts a runner. */
export async function startTestEngine(
  db: Database,
  engine?: Parameters<typeof configureEngine>[0],
  serveUrl = "http://127.0.0.1:3999/api/inngest",
): Promise<EmbeddedRunner> {
  setDatabase(db);
  if (engine) configureEngine(engine);
  const runner = new EmbeddedRunner({ db, handler, serveUrl, appId: "planvas", retryBackoff: { baseMs: 20, maxMs: 50 } });
  registerEmbeddedRunner(runner);
  await runner.start();
  return runner;
}

/** Undoes startTestEngine (the database is the caller's to drop). */
export async function stopTestEngine(runner: EmbeddedRunner | undefined): Promise<void> {
  await runner?.stop();
  registerEmbeddedRunner(undefined);
  configureEngine(undefined);
  setDatabase(undefined);
}
