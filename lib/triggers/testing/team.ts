// Test support for the trigger suites: a workspace with an owner and a viewer, and the engine
// replaced by a recorder of the events sent to it (unit-test double: what those suites test is the
// run records, not the engine).
import { registerEmbeddedRunner } from "@/inngest/client";
import type { Database } from "../../db/client";
import { asService, asUserSql, ensureUser } from "../../db/rls";

export type SentEvent = { id?: string; data: { runId: string } };

/** Records every event sent through the Inngest client into `sent`; undo with `registerEmbeddedRunner(undefined)`. */
export function recordEngineEvents(sent: SentEvent[]): void {
  registerEmbeddedRunner({
    fetch: async (_url, init) => {
      const events = [JSON.parse(String(init?.body))].flat() as SentEvent[];
      sent.push(...events);
      return Response.json({ ids: events.map((e) => e.id ?? "generated"), status: 200 });
    },
  });
}

type Person = { id: string; email: string; name: string };

/** Workspace `team`, owned by `owner`, with `viewer` as a viewer. */
export async function seedTeam(db: Database, team: string, owner: Person, viewer: Person): Promise<void> {
  for (const u of [owner, viewer]) await ensureUser(db, u);
  await asUserSql(db, owner, (tx) => tx.query("insert into public.workspaces (id, name) values ($1, 'Ops')", [team]));
  await asService(db, (tx) => tx.query("insert into public.memberships (workspace_id, user_id, role) values ($1, $2, 'viewer')", [team, viewer.id]));
}
