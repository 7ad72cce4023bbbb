import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as decisionRoute from "@/app/api/runs/[runId]/steps/[stepId]/decision/route";
import * as runsRoute from "@/app/api/runs/route";
import { getAsset } from "@/lib/assets";
import { LOCAL_OWNER } from "@/lib/auth";
import { openTestDatabase } from "@/lib/db/testing";
import { seedSamples } from "@/lib/knowledge/seed";
import { planStore } from "@/lib/plans";
import { validatePlan } from "@/lib/plan/validate";
import type { RunView } from "@/lib/runs/service";
import type { EmbeddedRunner } from "./embedded/runner";
import { startTestEngine, stopTestEngine } from "./testing/engine";
import { ctx, post, until as untilRun, view } from "@/app/api/runs/testing/run-api";

const until = (runId: string, ok: (v: RunView) => boolean) => untilRun(runId, ok, 30_000);

// Revisions end to end with the real tools and the offline model: the API routes, the real
// run-plan function driven by the embedded runner, the knowledge base on a real database. A
// reviewer's feedback is applied where the offline model can; where it cannot, the revision is
// the same content and the run view says so instead of presenting it as new.
let db: Awaited<ReturnType<typeof openTestDatabase>>;
let runner: EmbeddedRunner;

beforeAll(async () => {
  db = await openTestDatabase("pglite");
  await seedSamples(db);
  runner = await startTestEngine(db, undefined, "http://127.0.0.1:3998/api/inngest");
});
afterAll(async () => {
  await stopTestEngine(runner);
  await db?.drop();
});

async function startRun(steps: object[]): Promise<string> {
  const v = validatePlan({ title: "Revisions", description: "Research AI marketing trends and write a LinkedIn post", steps });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const { id } = await planStore(db, LOCAL_OWNER).create(v.plan);
  const res = await runsRoute.POST(post({ planId: id }));
  expect(res.status).toBe(201);
  return ((await res.json()) as { runId: string }).runId;
}
const step = (v: RunView, id: string) => v.steps.find((s) => s.id === id)!;
const awaitingAt = (id: string, revision: number) => (v: RunView) => step(v, id).status === "awaiting_approval" && step(v, id).revision === revision;
async function decide(runId: string, stepId: string, decision: "approve" | "reject", feedback?: string) {
  const contentHash = step(await view(runId), stepId).contentHash;
  const res = await decisionRoute.POST(post({ decision, contentHash, ...(feedback ? { feedback } : {}) }), ctx({ runId, stepId }));
  expect(res.status).toBe(202);
}
type Post = { text: string; notes?: string[]; model?: string };

describe("revisions with the offline model", () => {
  it("applies feedback it can act on; a revision it cannot change is flagged, not presented as new", async () => {
    const runId = await startRun([
      { stepIndex: 0, id: "search", toolName: "web_search", description: "Search", requiresApproval: false, input: { query: "AI marketing trends" } },
      {
        stepIndex: 1,
        id: "post",
        toolName: "format_post",
        description: "Write the post",
        requiresApproval: true,
        input: { platform: "linkedin", format: "post", topic: "AI marketing trends" },
      },
    ]);
    const first = await until(runId, awaitingAt("post", 0));
    const v0 = step(first, "post").output as Post;
    expect(v0.model).toBe("offline");
    expect(step(first, "post").previous).toBeUndefined();

    await decide(runId, "post", "reject", "Make it shorter");
    const second = await until(runId, awaitingAt("post", 1));
    const v1 = step(second, "post").output as Post;
    expect(v1.text.length).toBeLessThan(v0.text.length);
    expect(v1.notes).toContain("Applied the feedback: made it shorter.");
    expect(step(second, "post").previous).toMatchObject({ revision: 0, feedback: "Make it shorter", unchanged: false, output: v0 });

    await decide(runId, "post", "reject", "Translate it into Spanish");
    const third = await until(runId, awaitingAt("post", 2));
    const v2 = step(third, "post").output as Post;
    // The offline model cannot translate: the same text, and it says so.
    expect(v2.text).toBe(v1.text);
    expect(v2.notes?.join(" ")).toMatch(/cannot translate into Spanish.*OPENAI_BASE_URL/);
    expect(step(third, "post").previous).toMatchObject({ revision: 1, feedback: "Translate it into Spanish", unchanged: true });

    await decide(runId, "post", "approve");
    expect((await until(runId, (v) => v.status === "succeeded")).status).toBe("succeeded");
  });

  it("an image rejected with feedback comes back as another composition", async () => {
    const runId = await startRun([
      {
        stepIndex: 0,
        id: "image",
        toolName: "generate_image",
        description: "Hero image",
        requiresApproval: true,
        input: { prompt: "AI marketing trends — hero image", style: "editorial", size: "1024x1024" },
      },
    ]);
    const first = await until(runId, awaitingAt("image", 0));
    await decide(runId, "image", "reject", "Try different colours, it looks too dark");
    const second = await until(runId, awaitingAt("image", 1));
    const [a, b] = [step(first, "image").output, step(second, "image").output] as { assetId: string; notes?: string[] }[];
    const [pngA, pngB] = await Promise.all([getAsset(db, LOCAL_OWNER, a!.assetId), getAsset(db, LOCAL_OWNER, b!.assetId)]);
    expect(Buffer.from(pngA!.bytes).equals(Buffer.from(pngB!.bytes))).toBe(false);
    expect(b!.notes?.[0]).toMatch(/^Revision 1: another composition/);
    expect(step(second, "image").previous).toMatchObject({ revision: 0, unchanged: false });
  });
});
