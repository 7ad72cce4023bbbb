import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyFromEnv, newHookToken, newSigningSecret, openSecret, sealSecret } from "./webhook-secret-box";

describe("webhook secrets at rest", () => {
  it("seals and opens under the same key, and refuses another key or a tampered box", () => {
    const key = randomBytes(32);
    const secret = newSigningSecret();
    const box = sealSecret(key, secret);
    expect(box).not.toContain(secret);
    expect(openSecret(key, box)).toBe(secret);
    expect(() => openSecret(randomBytes(32), box)).toThrow(/PLANVAS_WEBHOOK_KEY/);
    const parts = box.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => openSecret(key, parts.join("."))).toThrow(/cannot be opened/);
  });

  it("makes unguessable secrets and URL tokens of the stored shapes", () => {
    expect(newSigningSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newHookToken()).toMatch(/^pvh_[A-Za-z0-9_-]{32}$/);
    expect(newHookToken()).not.toBe(newHookToken());
  });

  it("takes PLANVAS_WEBHOOK_KEY when set, and refuses a short one", () => {
    expect(keyFromEnv({})).toBeNull();
    expect(keyFromEnv({ PLANVAS_WEBHOOK_KEY: "x".repeat(40) })).toHaveLength(32);
    expect(() => keyFromEnv({ PLANVAS_WEBHOOK_KEY: "short" })).toThrow(/at least 32/);
  });
});
