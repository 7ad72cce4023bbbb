import type { ModelMessage } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModels } from "../ai/models";
import { getAsset } from "../assets";
import { LOCAL_OWNER } from "../auth";
import { openTestDatabase, testBackends } from "../db/testing";
import { seedSamples } from "../knowledge/seed";
import { planGoal } from "../planner";
import { goalMessage } from "../planner/prompt";
import { createToolContext } from "../tools/context";
import { executeStep } from ".";

// The whole offline loop on a real database: plan a goal, then run every step with the real tools,
// the knowledge base's full-text search over the sample documents, and the asset store.
describe.each(testBackends)("offline run of the carousel goal on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedSamples(db);
  });
  afterAll(() => db?.drop());

  it("searches the knowledge base, outlines, writes a carousel from what it found, renders a PNG", async () => {
    const models = createModels({ provider: "offline", api: "chat", plannerModel: "offline", executorModel: "offline", imageModel: null });
    const goal = "Research AI trends and write a LinkedIn carousel";
    const { plan } = await planGoal(goal, { model: models.planner });
    const context = createToolContext({ db, user: LOCAL_OWNER, models });
    const history: ModelMessage[] = [{ role: "user", content: goalMessage(goal) }];
    const out: Record<string, Record<string, unknown>> = {};
    for (const step of plan.steps) {
      const r = await executeStep(step, history, { model: models.executor, context });
      history.push(...r.messages);
      out[step.toolName] = r.output as Record<string, unknown>;
    }
    const results = out.web_search!.results as { title: string; content?: string }[];
    expect(out.web_search!.provider).toBe("knowledge");
    expect(results[0]!.title).toMatch(/AI marketing trends/i);
    expect(results[0]!.content!.length).toBeGreaterThan(500);

    const slides = out.format_post!.slides as { title: string; body: string }[];
    expect(slides.length).toBeGreaterThanOrEqual(5);
    const material = results
      .map((r) => r.content ?? "")
      .join(" ")
      .replace(/[*_]+/g, "")
      .replace(/\s+/g, " ");
    // Extractive: the opening words of every slide body come from the documents found (markdown emphasis aside).
    for (const s of slides) expect(material).toContain(s.body.replace(/…$/, "").slice(0, 30));

    const image = out.generate_image!;
    expect(image).toMatchObject({ provider: "offline", mediaType: "image/png" });
    const stored = await getAsset(db, LOCAL_OWNER, image.assetId as string);
    expect(stored?.bytes.slice(1, 4)).toEqual(new Uint8Array([0x50, 0x4e, 0x47])); // "PNG"
  });
});
