// The run API as the inngest integration tests call it: route handlers directly, as Next does, and a poll
// until the run (driven by the embedded runner in the background) reaches a state.
import * as runRoute from "@/app/api/runs/[runId]/route";
import type { RunView } from "@/lib/runs/service";

export const post = (body: unknown) => new Request("http://planvas.test/api", { method: "POST", body: JSON.stringify(body) });
export const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

export async function view(runId: string): Promise<RunView> {
  return (await (await runRoute.GET(new Request("http://planvas.test"), ctx({ runId }))).json()) as RunView;
}

/** Polls the run until `ok`; a timeout says where every step was. */
export async function until(runId: string, ok: (v: RunView) => boolean, ms = 20_000): Promise<RunView> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await view(runId);
    if (ok(v)) return v;
    if (Date.now() > end)
      throw new Error(`timed out; run is ${v.status}: ${JSON.stringify(v.steps.map((s) => [s.id, s.status, s.revision, s.delivery, s.error]))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
