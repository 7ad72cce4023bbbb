import { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { inngest, withFixedHeaders } from "./client";

describe("withFixedHeaders", () => {
  it("serves the headers the SDK builds, built once", () => {
    const sdk = new Inngest({ id: "headers-test", isDev: true, env: "branch-a" });
    const fixed = withFixedHeaders(new Inngest({ id: "headers-test", isDev: true, env: "branch-a" }));
    expect(fixed.headers).toEqual(sdk.headers);
    expect(fixed.headers["x-inngest-env"]).toBe("branch-a");
    expect(fixed.env).toBe("branch-a");
    expect(fixed.headers).toBe(fixed.headers);
    expect(Object.isFrozen(fixed.headers)).toBe(true);
  });

  it("is what the app's client uses", () => {
    expect(inngest.headers).toBe(inngest.headers);
    expect(inngest.headers["x-inngest-sdk"]).toMatch(/^inngest-js:v/);
  });
});
