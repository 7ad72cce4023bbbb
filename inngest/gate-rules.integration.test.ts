import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as cancelRoute from "@/app/api/runs/[runId]/cancel/route";
import * as decisionRoute from "@/app/api/runs/[runId]/steps/[stepId]/decision/route";
import * as inboxRoute from "@/app/api/inbox/route";
import * as runsRoute from "@/app/api/runs/route";
import { LOCAL_OWNER, type User } from "@/lib/auth";
import { testRequest } from "@/lib/auth/testing/request";
import { setDatabase } from "@/lib/db";
import { ensureUser } from "@/lib/db/rls";
import { openTestDatabase } from "@/lib/db/testing";
import { planStore } from "@/lib/plans";
import { validatePlan } from "@/lib/plan/validate";
import type { RunView } from "@/lib/runs/service";
import { isTerminal } from "@/lib/runs/status";
import { currentWorkspaceId } from "@/lib/workspaces/current";
import { createToken } from "@/lib/workspaces/tokens";
import { registerEmbeddedRunner } from "./client";
import { EmbeddedRunner } from "./embedded/runner";
import { inngestHandler } from "./serve";
import { ctx, post, until, view } from "@/app/api/runs/testing/run-api";

// Gates that say who may approve, end to end: the real decision route and run-plan function on a
// real database, with members signed in by their own API tokens.
let db: Awaited<ReturnType<typeof openTestDatabase>>;
let runner: EmbeddedRunner;
const handler = (req: Request) => (inngestHandler as unknown as Record<string, (r: Request, c: unknown) => Promise<Response>>)[req.method]!(req, undefined);

const ANA: User = { id: "00000000-0000-4000-8000-0000000000a1", name: "Ana", email: "ana@planvas.test" };
const BEN: User = { id: "00000000-0000-4000-8000-0000000000b2", name: "Ben", email: "ben@planvas.test" };
const VIC: User = { id: "00000000-0000-4000-8000-0000000000c3", name: "Vic", email: "vic@planvas.test" };
const tokens = new Map<string, string>();

beforeAll(async () => {
  db = await openTestDatabase("pglite");
  setDatabase(db);
  await ensureUser(db, LOCAL_OWNER);
  const workspace = await currentWorkspaceId(db, LOCAL_OWNER);
  for (const [user, role, approver] of [
    [ANA, "editor", true],
    [BEN, "editor", true],
    [VIC, "viewer", false],
  ] as const) {
    await ensureUser(db, user);
    await db.query("insert into public.memberships (workspace_id, user_id, role, approver) values ($1, $2, $3, $4)", [workspace, user.id, role, approver]);
    tokens.set(user.id, (await createToken(db, user, { workspaceId: workspace, name: "test" })).token);
  }
  runner = new EmbeddedRunner({ db, handler, serveUrl: "http://127.0.0.1:3999/api/inngest", appId: "planvas", retryBackoff: { baseMs: 20, maxMs: 50 } });
  registerEmbeddedRunner(runner);
  await runner.start();
});
afterEach(() => {
  testRequest.headers = null;
});
afterAll(async () => {
  await runner?.stop();
  registerEmbeddedRunner(undefined);
  setDatabase(undefined);
  await db?.drop();
});

/** Acts as `user` for the next calls (the owner when null). */
const as = (user: User | null) => {
  testRequest.headers = user ? { authorization: `Bearer ${tokens.get(user.id)}` } : null;
};

async function startRun(approvalRule?: object): Promise<string> {
  const v = validatePlan({
    title: "Gated",
    steps: [
      {
        stepIndex: 0,
        id: "post",
        toolName: "format_post",
        description: "Write the post",
        requiresApproval: true,
        input: { platform: "linkedin", format: "post", topic: "AI marketing" },
        ...(approvalRule ? { approvalRule } : {}),
      },
    ],
  });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const { id } = await planStore(db, LOCAL_OWNER).create(v.plan);
  as(null);
  const res = await runsRoute.POST(post({ planId: id }));
  expect(res.status).toBe(201);
  return ((await res.json()) as { runId: string }).runId;
}

const post0 = (v: RunView) => v.steps.find((s) => s.id === "post")!;
const waiting = (v: RunView) => post0(v).status === "awaiting_approval";

async function decide(user: User | null, runId: string, decision: "approve" | "edit" | "reject", extra: Record<string, unknown> = {}) {
  as(user);
  const contentHash = (extra.contentHash as string | undefined) ?? post0(await view(runId)).contentHash;
  const res = await decisionRoute.POST(post({ decision, contentHash, ...extra }), ctx({ runId, stepId: "post" }));
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { rule?: string; error?: string; gate?: { final: boolean; label: string } },
  };
}

async function inboxOf(user: User | null): Promise<string[]> {
  as(user);
  const res = await inboxRoute.GET(new Request("http://planvas.test/api/inbox"));
  return ((await res.json()) as { items: { runId: string }[] }).items.map((i) => i.runId);
}

describe("gates that say who may approve", () => {
  it("by default any approver decides; a member without the capability is refused, and told why", async () => {
    const runId = await startRun();
    await until(runId, waiting);
    as(VIC);
    expect(post0(await view(runId)).approval).toMatchObject({ who: "any approver", label: "0 of 1 approval", you: { may: false, rule: "deciders" } });
    expect(await inboxOf(VIC)).not.toContain(runId);
    const refused = await decide(VIC, runId, "approve");
    expect(refused).toMatchObject({ status: 403, body: { rule: "deciders", error: expect.stringMatching(/^only approvers of this workspace may decide/) } });
    expect(await inboxOf(ANA)).toContain(runId);
    expect(await decide(ANA, runId, "approve")).toMatchObject({ status: 202, body: { gate: { final: true, label: "1 of 1 approval" } } });
    as(null);
    const done = await until(runId, (v) => isTerminal(v.status));
    expect(done.status).toBe("succeeded");
    expect(done.approvals).toEqual([
      expect.objectContaining({ decision: "approve", final: true, decidedBy: expect.objectContaining({ id: ANA.id, role: "editor", approver: true }) }),
    ]);
  });

  it("four-eyes and a quorum of two: the initiator is refused, one approval waits, the second passes", async () => {
    const runId = await startRun({ notInitiator: true, quorum: 2 });
    await until(runId, waiting);
    const own = await decide(null, runId, "approve");
    expect(own).toMatchObject({ status: 403, body: { rule: "four_eyes" } });
    expect(await inboxOf(null)).not.toContain(runId);

    const first = await decide(ANA, runId, "approve");
    expect(first).toMatchObject({ status: 202, body: { gate: { final: false, label: "1 of 2 approvals" } } });
    // The same approval again is the same request, not a second vote.
    expect(await decide(ANA, runId, "approve")).toMatchObject({ status: 202, body: { duplicate: true, gate: { final: false } } });
    as(ANA);
    const seen = post0(await view(runId));
    expect(seen.status).toBe("awaiting_approval");
    expect(seen.approval).toMatchObject({
      label: "1 of 2 approvals",
      approvedBy: ["Ana"],
      mayStillDecide: ["Ben"],
      you: { may: false, rule: "already_approved" },
    });
    expect(await inboxOf(ANA)).not.toContain(runId);
    expect(await inboxOf(BEN)).toContain(runId);

    expect(await decide(BEN, runId, "approve")).toMatchObject({ status: 202, body: { gate: { final: true, label: "2 of 2 approvals" } } });
    as(null);
    const done = await until(runId, (v) => isTerminal(v.status));
    expect(done.status).toBe("succeeded");
    expect(done.approvals.map((a) => [a.decidedBy.name, a.final])).toEqual([
      ["Ana", false],
      ["Ben", true],
    ]);
  });

  it("an edit is an approval of the edited content: the next approver decides on it, and the run goes on with it", async () => {
    const runId = await startRun({ quorum: 2 });
    const w = await until(runId, waiting);
    const original = post0(w);
    const edited = { ...(original.output as Record<string, unknown>), text: "EDITED BY ANA", charCount: 13 };
    expect(await decide(ANA, runId, "edit", { output: edited })).toMatchObject({ status: 202, body: { gate: { final: false, label: "1 of 2 approvals" } } });
    // Ben reviewed the old content: stale.
    expect(await decide(BEN, runId, "approve", { contentHash: original.contentHash })).toMatchObject({ status: 409 });
    as(BEN);
    const now = post0(await view(runId));
    expect(now.output).toMatchObject({ text: "EDITED BY ANA" });
    expect(now.contentHash).not.toBe(original.contentHash);
    expect(await decide(BEN, runId, "approve")).toMatchObject({ status: 202, body: { gate: { final: true } } });
    as(null);
    const done = await until(runId, (v) => isTerminal(v.status));
    expect(done.status).toBe("succeeded");
    expect(post0(done).output).toMatchObject({ text: "EDITED BY ANA" });
  });

  it("one rejection stops a gate that needs two approvals", async () => {
    const runId = await startRun({ quorum: 2 });
    await until(runId, waiting);
    expect(await decide(ANA, runId, "approve")).toMatchObject({ status: 202, body: { gate: { final: false } } });
    expect(await decide(BEN, runId, "reject")).toMatchObject({ status: 202, body: { gate: { final: true } } });
    as(null);
    expect((await until(runId, (v) => isTerminal(v.status))).status).toBe("rejected");
    // The gate is settled: a late approval is a conflict, not a vote.
    expect(await decide(null, runId, "approve")).toMatchObject({ status: 409 });
  });

  it("a gate for named members refuses others, naming who may decide; a role rule counts from that role up", async () => {
    const named = await startRun({ deciders: { kind: "members", userIds: [BEN.id] } });
    await until(named, waiting);
    expect(await decide(ANA, named, "approve")).toMatchObject({
      status: 403,
      body: { rule: "deciders", error: expect.stringContaining("only Ben may decide") },
    });
    expect(await inboxOf(ANA)).not.toContain(named);
    expect(await decide(BEN, named, "approve")).toMatchObject({ status: 202 });

    const byRole = await startRun({ deciders: { kind: "role", role: "editor" } });
    await until(byRole, waiting);
    expect(await decide(VIC, byRole, "approve")).toMatchObject({
      status: 403,
      body: { error: expect.stringContaining("only owners, admins and editors may decide") },
    });
    expect(await decide(ANA, byRole, "approve")).toMatchObject({ status: 202, body: { gate: { final: true } } });
  });

  it("a viewer reads runs but may not start or cancel them: 403 naming the role", async () => {
    const runId = await startRun();
    await until(runId, waiting);
    as(VIC);
    expect((await view(runId)).you).toEqual({ role: "viewer", mayRun: false }); // the page shows no Cancel or Rerun
    const planId = (await view(runId)).planId;
    const start = await runsRoute.POST(post({ planId }));
    expect(start.status).toBe(403);
    expect(((await start.json()) as { error: string }).error).toBe("cannot start a run: only owners, admins and editors may do this; you are a viewer");
    const cancel = await cancelRoute.POST(post({}), ctx({ runId }));
    expect(cancel.status).toBe(403);
    as(ANA);
    expect((await cancelRoute.POST(post({}), ctx({ runId }))).status).toBe(202);
  });
});
