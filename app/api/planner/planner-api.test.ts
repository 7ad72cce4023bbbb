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
