import { afterEach, describe, expect, it, vi } from "vitest";
import { GET, POST } from "./route";

describe("/api/inngest", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is not reachable over HTTP while the embedded runner drives functions in process", async () => {
    const post = await POST(new Request("http://planvas.test/api/inngest?fnId=planvas-run-plan", { method: "POST", body: "{}" }), undefined);
    expect(post.status).toBe(404);
    expect(((await post.json()) as { error: string }).error).toMatch(/embedded Inngest runner/);
    expect((await GET(new Request("http://planvas.test/api/inngest"), undefined)).status).toBe(404);
  });

  it("hands requests to the serve handler when an Inngest server is configured", async () => {
    vi.stubEnv("INNGEST_SIGNING_KEY", "signkey-test-0123456789abcdef0123456789abcdef");
    vi.stubEnv("INNGEST_EVENT_KEY", "test-event-key");
    const res = await POST(
      new Request("http://planvas.test/api/inngest?fnId=planvas-run-plan&stepId=step", {
        method: "POST",
        body: JSON.stringify({ event: {}, steps: {}, ctx: {} }),
      }),
      undefined,
    );
    expect(res.status).not.toBe(404);
    // The handler itself answers (this malformed call is refused by the SDK, not by the route).
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
