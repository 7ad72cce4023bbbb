import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, ConflictError, createPlan, deletePlan, fetchVersion, listVersions, proposeEdit, savePlanVersion, startRun } from "./api";

const plan = { title: "T", steps: [] };

function answer(status: number, body?: unknown) {
  const fetch = vi.fn(
    async (_url: string, _init?: RequestInit) => new Response(body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body), { status }),
  );
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

afterEach(() => vi.unstubAllGlobals());

describe("plans API client", () => {
  it("saves a version with its base version, as JSON", async () => {
    const fetch = answer(200, { id: "p1", version: 3, warnings: [] });
    expect(await savePlanVersion("p1", plan, 2)).toEqual({ id: "p1", version: 3 });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe("/api/plans/p1");
    expect(init).toMatchObject({ method: "PUT", headers: { "content-type": "application/json" } });
    expect(JSON.parse(init!.body as string)).toEqual({ plan, baseVersion: 2 });
  });

  it("a stale base version is a ConflictError naming the latest version", async () => {
    answer(409, { error: "version 2 is not the latest (latest is 4); reload or save as a copy", latestVersion: 4 });
    const e = await savePlanVersion("p1", plan, 2).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConflictError);
    expect(e).toMatchObject({ status: 409, latestVersion: 4, message: expect.stringContaining("not the latest") });
  });

  it("errors carry the server's message, or the status when the body is not JSON", async () => {
    answer(400, { error: "steps[0].toolName: unknown tool", issues: [] });
    await expect(createPlan(plan)).rejects.toMatchObject({ name: "ApiError", status: 400, message: "steps[0].toolName: unknown tool" });
    answer(502, "<html>bad gateway</html>");
    await expect(fetchVersion("p1", 1)).rejects.toMatchObject({ status: 502, message: "HTTP 502" });
  });

  it("an answer without the fields the UI needs is an error", async () => {
    answer(201, {});
    await expect(createPlan(plan)).rejects.toBeInstanceOf(ApiError);
    answer(200, { id: "p1" });
    await expect(listVersions("p1")).rejects.toBeInstanceOf(ApiError);
  });

  it("deleting a plan that is already gone succeeds", async () => {
    answer(404, { error: "no plan" });
    await expect(deletePlan("p1")).resolves.toBeUndefined();
    answer(500, { error: "boom" });
    await expect(deletePlan("p1")).rejects.toMatchObject({ message: "boom" });
  });

  it("starts a run with the caller's Idempotency-Key", async () => {
    const fetch = answer(201, { runId: "r1" });
    expect(await startRun("p1", 2, "key-1")).toEqual({ runId: "r1" });
    expect(fetch.mock.calls[0]![1]).toMatchObject({ method: "POST", headers: { "idempotency-key": "key-1", "content-type": "application/json" } });
  });

  it("an AI proposal comes back with its summary", async () => {
    answer(200, { proposal: plan, summary: "Nothing much", warnings: [] });
    expect(await proposeEdit(plan, "do it")).toEqual({ proposal: plan, summary: "Nothing much" });
  });
});
