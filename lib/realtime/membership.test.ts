import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_OWNER, type User } from "../auth";
import { setDatabase } from "../db";
import { asService, ensureUser } from "../db/rls";
import { openTestDatabase, testBackends } from "../db/testing";
import { planStore } from "../plans";
import { validatePlan } from "../plan/validate";
import { emit, insertRun } from "../runs/store";
import { currentWorkspaceId } from "../workspaces/current";
import { closeHub } from "./hub";
import { openRunEventStream } from "./run-events";

// Live status reaches only members of the run's workspace: a member removed while watching stops
// receiving events at once (RLS) and their stream is closed within a heartbeat.
const MEMBER: User = { id: "00000000-0000-4000-8000-00000000d0d0", name: "Dora", email: "dora@planvas.test" };

describe.each(testBackends)("a run's live stream and workspace membership (%s)", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    setDatabase(db);
    await closeHub();
    await ensureUser(db, LOCAL_OWNER);
    await ensureUser(db, MEMBER);
  });
  afterAll(async () => {
    await closeHub();
    setDatabase(undefined);
    await db?.drop();
  });

  it("a removed member's stream gets no more events and ends", async () => {
    const workspace = await currentWorkspaceId(db, LOCAL_OWNER);
    await db.query("insert into public.memberships (workspace_id, user_id, role, approver) values ($1, $2, 'viewer', false)", [workspace, MEMBER.id]);
    const v = validatePlan({ title: "Watched", steps: [{ stepIndex: 0, toolName: "summarize", description: "s", requiresApproval: false }] });
    if (!v.ok) throw new Error("invalid plan");
    const { id } = await planStore(db, LOCAL_OWNER).create(v.plan);
    const runId = await insertRun(db, { planId: id, version: 1, plan: v.plan, startedBy: LOCAL_OWNER.id, gates: { summarize: "none" } });

    const abort = new AbortController();
    const stream = await openRunEventStream(db, MEMBER, runId, 0, abort.signal, { heartbeatMs: 50 });
    expect(stream).not.toBeNull();
    const reader = stream!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (done: (t: string) => boolean, ms = 5_000): Promise<boolean> => {
      const end = Date.now() + ms;
      while (!done(text) && Date.now() < end) {
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), end - Date.now()))]);
        if (!chunk) break;
        if (chunk.done) return true;
        text += decoder.decode(chunk.value);
      }
      return false;
    };
    expect(await readUntil((t) => t.includes('"type":"run.created"'))).toBe(false);

    await db.query("delete from public.memberships where workspace_id = $1 and user_id = $2", [workspace, MEMBER.id]);
    await asService(db, (tx) => emit(tx, runId, "step.log", "summarize", { secret: "after removal" }));
    const ended = await readUntil(() => false, 5_000);
    expect(ended).toBe(true);
    expect(text).not.toContain("after removal");
    abort.abort();
  });
});
