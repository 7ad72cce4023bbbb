import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_OWNER } from "../auth";
import type { Database } from "../db";
import { asService } from "../db/rls";
import { openTestDatabase, testBackends } from "../db/testing";
import { planStore } from "../plans";
import { validatePlan } from "../plan/validate";
import { recordDecision } from "./decisions";
import { contentHash } from "./hash";
import { beginStep, completeStep, markRunStarted } from "./lifecycle";
import { getRunView } from "./service";
import { insertRun } from "./store";

// Edit & approve of a carousel or a thread: the edited structure is checked against the platform's
// limits on the server, by path, and what is recorded (and hashed) is what later steps read.
describe.each(testBackends)("editing slides on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const carousel = {
    platform: "linkedin",
    format: "carousel",
    text: "Five AI trends — swipe through.",
    slides: [
      { title: "Agents", body: "Assistants that act." },
      { title: "Search", body: "Answers, not links." },
      { title: "Video", body: "Generated at scale." },
    ],
    hashtags: ["#AI"],
    charCount: 31,
    adjustments: [],
  };
  const thread = { platform: "x", format: "thread", text: "one\n\ntwo", posts: ["one", "two"], hashtags: [], charCount: 8, adjustments: [] };

  async function awaitingPost(output: unknown) {
    const v = validatePlan({ title: "Slides", steps: [{ stepIndex: 0, id: "post", toolName: "format_post", description: "post", requiresApproval: true }] });
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    const { id } = await planStore(db as Database, LOCAL_OWNER).create(v.plan);
    const runId = await insertRun(db, { planId: id, version: 1, plan: v.plan, startedBy: LOCAL_OWNER.id, gates: { post: "after" } });
    await markRunStarted(db, runId);
    await beginStep(db, runId, "post", 0, {});
    const messages = [
      {
        role: "tool" as const,
        content: [{ type: "tool-result" as const, toolCallId: "c1", toolName: "format_post", output: { type: "json" as const, value: output as never } }],
      },
    ];
    await completeStep(db, runId, "post", 0, { input: {}, output, messages, awaitApproval: true });
    const step = (await getRunView(db, LOCAL_OWNER, runId))!.steps[0]!;
    return { runId, hash: step.contentHash! };
  }
  const edit = async (runId: string, hash: string, output: unknown) =>
    recordDecision(db, LOCAL_OWNER, runId, "post", { decision: "edit", contentHash: hash, output });

  it("refuses a slide over the platform's limit, naming the slide's path", async () => {
    const { runId, hash } = await awaitingPost(carousel);
    const slides = carousel.slides.map((s, i) => (i === 2 ? { ...s, body: "x".repeat(3100) } : s));
    const r = await edit(runId, hash, { ...carousel, slides });
    expect(r.status).toBe("invalid");
    if (r.status !== "invalid") return;
    expect(r.issues).toEqual([{ path: "output.slides[2].body", message: "3,100 characters, the limit is 3,000" }]);
    expect(r.message).toBe("the edited output does not fit format_post: output.slides[2].body: 3,100 characters, the limit is 3,000");
    // Nothing was recorded: the step still waits, with its content.
    const view = (await getRunView(db, LOCAL_OWNER, runId))!;
    expect([view.steps[0]!.status, view.approvals.length]).toEqual(["awaiting_approval", 0]);
  });

  it("refuses too many slides, an empty slide, a missing body and too long a title", async () => {
    const { runId, hash } = await awaitingPost(carousel);
    const many = Array.from({ length: 21 }, (_, i) => ({ title: `S${i}`, body: "b" }));
    expect(await edit(runId, hash, { ...carousel, slides: many })).toMatchObject({
      issues: [{ path: "output.slides", message: "21 slides, the limit on linkedin is 20" }],
    });
    expect(await edit(runId, hash, { ...carousel, slides: [] })).toMatchObject({
      issues: [{ path: "output.slides", message: "a carousel needs at least 1 slide" }],
    });
    expect(await edit(runId, hash, { ...carousel, slides: [carousel.slides[0], { title: " ", body: "" }] })).toMatchObject({
      issues: [{ path: "output.slides[1]", message: "the slide is empty: give it a title or a body" }],
    });
    expect(await edit(runId, hash, { ...carousel, slides: [{ title: "T" }] })).toMatchObject({
      issues: [{ path: "output.slides[0].body", message: "is required" }],
    });
    expect(await edit(runId, hash, { ...carousel, slides: [{ title: "t".repeat(201), body: "b" }] })).toMatchObject({
      issues: [{ path: "output.slides[0].title", message: "201 characters, the limit is 200" }],
    });
  });

  it("records the edited slides: hashed, in the approval, in the step's output and its history", async () => {
    const { runId, hash } = await awaitingPost(carousel);
    const slides = [carousel.slides[1]!, { title: "Edited", body: "Slide two, rewritten by the reviewer." }, carousel.slides[2]!];
    const sent = { ...carousel, slides, charCount: 999 };
    const r = await edit(runId, hash, sent);
    expect(r.status).toBe("accepted");
    const view = (await getRunView(db, LOCAL_OWNER, runId))!;
    const step = view.steps[0]!;
    expect(step.status).toBe("approved");
    // The derived count is recomputed, not trusted.
    const recorded = { ...sent, charCount: carousel.text.length };
    expect(step.output).toEqual(recorded);
    expect(step.contentHash).toBe(contentHash(recorded));
    expect(view.approvals[0]).toMatchObject({ decision: "edit", contentHash: hash, output: recorded });
    const [row] = await asService(db, (tx) =>
      tx.query<{ messages: { content: { output: { value: unknown } }[] }[] }>("select messages from public.run_steps where run_id = $1", [runId]),
    );
    expect(row!.messages[0]!.content[0]!.output.value).toEqual(recorded);
  });

  it("a thread: each post within the limit; the text is the posts, whatever was sent", async () => {
    const { runId, hash } = await awaitingPost(thread);
    const bad = await edit(runId, hash, { ...thread, posts: ["one", "y".repeat(281), ""] });
    expect(bad).toMatchObject({
      status: "invalid",
      issues: [
        { path: "output.posts[1]", message: "281 characters, the limit is 280" },
        { path: "output.posts[2]", message: "the post is empty" },
      ],
    });
    expect((await edit(runId, hash, { ...thread, posts: ["two", "one", "three"], text: "stale" })).status).toBe("accepted");
    const step = (await getRunView(db, LOCAL_OWNER, runId))!.steps[0]!;
    expect(step.output).toMatchObject({ posts: ["two", "one", "three"], text: "two\n\none\n\nthree", charCount: 15 });
  });
});
