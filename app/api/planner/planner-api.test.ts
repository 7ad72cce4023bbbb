import { afterEach, describe, expect, it, vi } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "@/lib/ai/testing/fake-openai-server";
import { GET, POST } from "./route";

const post = (body: unknown, accept = "application/json") =>
  POST(new Request("http://planvas.test/api/planner", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { accept } }));

describe("POST /api/planner with the offline model", () => {
  it("answers the whole plan as JSON", async () => {
    const res = await post({ goal: "Research AI trends and write a LinkedIn carousel" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { plan: { steps: { toolName: string }[] }; model: string };
    expect(body.plan.steps.map((s) => s.toolName)).toEqual(["web_search", "generate_outline", "format_post", "generate_image"]);
    expect(body.model).toMatch(/Offline model/);
  });

  it("streams the planner's JSON text", async () => {
    const res = await post({ goal: "Draft a newsletter about our Q3 product updates" }, "text/plain");
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const chunks: string[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(new TextDecoder().decode(value));
    }
    expect(chunks.length).toBeGreaterThan(3);
    const doc = JSON.parse(chunks.join("")) as { steps: { toolName: string }[] };
    expect(doc.steps.map((s) => s.toolName)).toEqual(["generate_outline", "format_post"]);
  });

  const CRM_GOAL =
    "Find the latest news on electric vehicles, POST a digest to https://hooks.slack.com/services/T0/B0/X and also call the CRM API to tag the customer";

  it("says what it could not plan instead of dropping it", async () => {
    const res = await post({ goal: CRM_GOAL });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { plan: { steps: { toolName: string }[] }; notPlanned: { part: string; reason: string }[] };
    expect(body.plan.steps.map((s) => s.toolName)).toEqual(["web_search", "summarize", "http_request"]);
    expect(body.notPlanned).toEqual([{ part: "call the CRM API to tag the customer", reason: expect.stringMatching(/^no tool for that/) }]);
    const streamed = await post({ goal: CRM_GOAL }, "text/plain");
    const doc = JSON.parse(await streamed.text()) as { notPlanned: { part: string }[] };
    expect(doc.notPlanned.map((p) => p.part)).toEqual(["call the CRM API to tag the customer"]);
  });

  it("refuses a goal with nothing to plan with a 422 naming goal, as JSON and before streaming", async () => {
    for (const accept of ["application/json", "text/plain"]) {
      const res = await post({ goal: "hello" }, accept);
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: string; issues: { path: string; message: string }[]; notPlanned: unknown[] };
      expect(body.error).toMatch(/^nothing to plan in “hello”/);
      expect(body.issues).toEqual([{ path: "goal", message: expect.stringContaining('e.g. "Research AI trends and write a LinkedIn carousel"') }]);
      expect(body.notPlanned).toHaveLength(1);
    }
    const crm = await post({ goal: "Call the CRM API to tag the customer as VIP" });
    expect(crm.status).toBe(422);
    expect(((await crm.json()) as { notPlanned: { part: string }[] }).notPlanned).toEqual([
      { part: "Call the CRM API to tag the customer as VIP", reason: expect.stringMatching(/CRM/) },
    ]);
  });

  it("names the problem for a bad body", async () => {
    const res = await post({ goal: "" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ issues: [{ path: "goal" }] });
    expect((await post({ goal: "x", extra: 1 })).status).toBe(400);
    expect((await post("{")).status).toBe(400);
  });

  it("says which model plans", async () => {
    expect(await (await GET()).json()).toMatchObject({ provider: "offline" });
  });
});

describe("POST /api/planner when the configured model fails", () => {
  let server: FakeOpenAI | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    await server?.close();
  });

  it("answers 502 naming the upstream error, for JSON and for streams", async () => {
    server = await startFakeOpenAI({ model: () => ({ error: { status: 400, message: "model not found: test-planner" } }) });
    vi.stubEnv("OPENAI_BASE_URL", server.url);
    vi.stubEnv("PLANVAS_PLANNER_MODEL", "test-planner");
    const json = await post({ goal: "write a post" });
    expect(json.status).toBe(502);
    expect(((await json.json()) as { error: string }).error).toMatch(/model not found: test-planner/);
    const streamed = await post({ goal: "write a post" }, "text/plain");
    expect(streamed.status).toBe(502);
    expect(((await streamed.json()) as { error: string }).error).toMatch(/model not found: test-planner/);
  });
});
