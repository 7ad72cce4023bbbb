import { describe, expect, it } from "vitest";
import type { Member } from "../workspaces/roles";
import { DEFAULT_GATE_RULE, gateProgress, gateRuleSchema, mayDecide, type GateContext, type GateRule, type GateVote } from "./gate-rules";

const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const olga: Member = { userId: uid(1), role: "owner", approver: true, name: "Olga" };
const ada: Member = { userId: uid(2), role: "admin", approver: false, name: "Ada" };
const eli: Member = { userId: uid(3), role: "editor", approver: true, name: "Eli" };
const vic: Member = { userId: uid(4), role: "viewer", approver: true, name: "Vic" };
const ned: Member = { userId: uid(5), role: "editor", approver: false, name: "Ned" };
const members = [olga, ada, eli, vic, ned];

function ctx(rule: Partial<GateRule>, votes: GateVote[] = [], initiator = eli.userId): GateContext {
  return { rule: { ...DEFAULT_GATE_RULE, ...rule }, initiatorId: initiator, contentHash: "h1", votes, members };
}
const approve = (m: Member, contentHash = "h1"): GateVote => ({ userId: m.userId, decision: "approve", contentHash });
const reject = (m: Member, contentHash = "h1"): GateVote => ({ userId: m.userId, decision: "reject", contentHash });

describe("who may decide a gate", () => {
  it("by default: any approver, whatever their role", () => {
    expect(mayDecide(ctx({}), vic.userId)).toEqual({ ok: true });
    expect(mayDecide(ctx({}), olga.userId)).toEqual({ ok: true });
    expect(mayDecide(ctx({}), ada.userId)).toMatchObject({
      ok: false,
      status: 403,
      rule: "deciders",
      message: "only approvers of this workspace may decide this gate",
    });
  });

  it("a set of members, named in the refusal", () => {
    const rule = { deciders: { kind: "members" as const, userIds: [ada.userId, ned.userId] } };
    expect(mayDecide(ctx(rule), ned.userId)).toEqual({ ok: true });
    expect(mayDecide(ctx(rule), olga.userId)).toMatchObject({ ok: false, message: "only Ada, Ned may decide this gate" });
  });

  it("a role and above, without the approver capability", () => {
    const rule = { deciders: { kind: "role" as const, role: "admin" as const } };
    expect(mayDecide(ctx(rule), ada.userId)).toEqual({ ok: true });
    expect(mayDecide(ctx(rule), olga.userId)).toEqual({ ok: true });
    expect(mayDecide(ctx(rule), eli.userId)).toMatchObject({ ok: false, message: "only owners and admins may decide this gate" });
  });

  it("nobody outside the workspace", () => {
    expect(mayDecide(ctx({}), uid(99))).toMatchObject({ ok: false, status: 403, rule: "membership" });
  });

  it("four-eyes: not the person who started the run, even as an approver — for approvals and rejections", () => {
    expect(mayDecide(ctx({ notInitiator: true }), eli.userId)).toMatchObject({ ok: false, status: 403, rule: "four_eyes" });
    expect(mayDecide(ctx({ notInitiator: true }), eli.userId, "reject")).toMatchObject({ ok: false, rule: "four_eyes" });
    expect(mayDecide(ctx({ notInitiator: true }), vic.userId)).toEqual({ ok: true });
    expect(mayDecide(ctx({ notInitiator: false }), eli.userId)).toEqual({ ok: true });
  });

  it("quorum: a second approval by the same person is refused with the count", () => {
    const c = ctx({ quorum: 3 }, [approve(vic)]);
    expect(mayDecide(c, vic.userId)).toMatchObject({ ok: false, status: 409, rule: "already_approved", message: expect.stringContaining("1 of 3 approvals") });
    // … but they may still reject, and another approver may approve.
    expect(mayDecide(c, vic.userId, "reject")).toEqual({ ok: true });
    expect(mayDecide(c, olga.userId)).toEqual({ ok: true });
  });
});

describe("when a gate has passed", () => {
  it("one approval passes the default gate", () => {
    expect(gateProgress(ctx({}, [approve(vic)]))).toMatchObject({ outcome: "approved", approvals: 1, needed: 1, label: "1 of 1 approval" });
  });

  it("a quorum needs N distinct approvers; repeats and non-deciders do not count", () => {
    const rule = { quorum: 2 };
    const p1 = gateProgress(ctx(rule, [approve(vic), approve(vic), approve(ada)]));
    expect(p1).toMatchObject({ outcome: "waiting", approvals: 1, label: "1 of 2 approvals", approvedBy: [vic.userId] });
    expect(p1.mayStillDecide.map((m) => m.name)).toEqual(["Olga", "Eli"]);
    expect(gateProgress(ctx(rule, [approve(vic), approve(olga)]))).toMatchObject({ outcome: "approved", approvals: 2 });
  });

  it("one rejection stops it, even after approvals", () => {
    expect(gateProgress(ctx({ quorum: 2 }, [approve(vic), reject(olga)])).outcome).toBe("rejected");
    // A rejection by someone who may not decide changes nothing.
    expect(gateProgress(ctx({}, [reject(ada)])).outcome).toBe("waiting");
  });

  it("approvals count for the content they were given on: an edit starts the count again", () => {
    const votes: GateVote[] = [approve(vic, "h0"), { userId: olga.userId, decision: "edit", contentHash: "h1" }];
    expect(gateProgress(ctx({ quorum: 2 }, votes))).toMatchObject({ outcome: "waiting", approvals: 1, approvedBy: [olga.userId] });
    // A rejection of an earlier revision does not hold back the revision made from it.
    expect(gateProgress(ctx({}, [reject(vic, "h0"), approve(olga)])).outcome).toBe("approved");
  });

  it("under four-eyes the initiator's approval never counts, and the initiator is not offered", () => {
    const p = gateProgress(ctx({ notInitiator: true, quorum: 2 }, [approve(eli), approve(vic)]));
    expect(p).toMatchObject({ outcome: "waiting", approvals: 1 });
    expect(p.mayStillDecide.map((m) => m.name)).toEqual(["Olga"]);
  });

  it("says when a quorum can never be reached", () => {
    expect(gateProgress(ctx({ quorum: 3 })).reachable).toBe(true); // Olga, Eli, Vic
    expect(gateProgress(ctx({ quorum: 3, notInitiator: true })).reachable).toBe(false);
  });
});

describe("gate rule schema", () => {
  it("defaults to any approver, one approval, no four-eyes", () => {
    expect(gateRuleSchema.parse({})).toEqual(DEFAULT_GATE_RULE);
  });
  it("names what is wrong", () => {
    const r = gateRuleSchema.safeParse({ quorum: 0, deciders: { kind: "members", userIds: [] } });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/^deciders\.userIds: name at least one member/), expect.stringMatching(/^quorum: /)]));
    expect(gateRuleSchema.safeParse({ deciders: { kind: "role", role: "boss" } }).success).toBe(false);
    expect(gateRuleSchema.safeParse({ deciders: { kind: "members", userIds: ["ada"] } }).error?.issues[0]?.message).toBe("a user id (uuid)");
  });
});
