import { describe, expect, it, vi } from "vitest";
import { UnauthenticatedError } from "../auth";
import { handle } from "./json";

describe("handle", () => {
  it("answers 401 for a missing session", async () => {
    const res = await handle(async () => {
      throw new UnauthenticatedError();
    })();
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "sign in required", issues: [{ path: "(request)", message: "sign in required" }] });
  });

  it("still answers 500 for anything else", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await handle(async () => {
      throw new Error("boom");
    })();
    expect(res.status).toBe(500);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
