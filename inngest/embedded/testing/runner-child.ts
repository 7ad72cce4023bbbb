// An embedded runner in a process of its own, to be SIGKILLed by a takeover test or
// scripts/bench-takeover.ts (started by runner-process.ts). It opens PLANVAS_CHILD_DATABASE_URL
// (migrated already), starts a runner with the defaults (30 s lease), sends one TAKEOVER_EVENT
// and blocks for ever in the run's "slow" step. Reports JSON lines on stdout:
// {"type":"blocked","runId":...} once the step body runs (the run is leased, mid-step).
import { serve } from "inngest/next";
import { openPostgres } from "@/lib/db/postgres";
import { EmbeddedRunner } from "../runner";
import { APP_ID, makeClient, SERVE_URL, type Handler } from "../testkit";
import { TAKEOVER_EVENT, takeoverFunctions } from "./takeover-app";

const say = (msg: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(msg)}\n`);

const url = process.env.PLANVAS_CHILD_DATABASE_URL;
if (!url) throw new Error("PLANVAS_CHILD_DATABASE_URL is not set");
const db = await openPostgres(url, { max: 4 });
let handler: Handler = () => Promise.reject(new Error("handler not ready"));
const runner = new EmbeddedRunner({
  db,
  handler: (req) => handler(req),
  serveUrl: SERVE_URL,
  appId: APP_ID,
  log: (msg, data) => process.stderr.write(`[child runner] ${msg} ${JSON.stringify(data ?? {})}\n`),
});
const inngest = makeClient(runner.fetch);
const served = serve({
  client: inngest,
  functions: takeoverFunctions(inngest, async (runId, name) => {
    if (name !== "slow") return;
    say({ type: "blocked", runId });
    await new Promise(() => {}); // until SIGKILL
  }),
});
handler = (req) => served(req as never, undefined);
await runner.start();
await runner.receive([{ name: TAKEOVER_EVENT, data: { k: process.env.PLANVAS_CHILD_KEY ?? null } }]);
// Alive until SIGKILL, or until the parent goes away (stdin closes), so no orphan keeps a lease.
process.stdin.on("end", () => process.exit(0)).resume();
