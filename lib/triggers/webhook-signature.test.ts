import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureOf, signedHeaders, verifySignature } from "./webhook-signature";

const secret = "whsec_test-secret";
const body = Buffer.from('{"question":"Why?"}');
const now = new Date("2026-12-02T10:00:00Z");
const ts = Math.floor(now.getTime() / 1000);
const check = (over: Partial<Parameters<typeof verifySignature>[0]>) =>
  verifySignature({ secrets: [secret], timestamp: String(ts), signature: `v1=${signatureOf(secret, ts, body)}`, body, now, ...over });

describe("webhook signatures", () => {
  it("is HMAC-SHA256 over `<timestamp>.<body>` in hex, as the README's openssl line computes it", () => {
    expect(signatureOf(secret, ts, body)).toBe(createHmac("sha256", secret).update(`${ts}.${body.toString()}`).digest("hex"));
    expect(signedHeaders(secret, body, now)).toEqual({ "Planvas-Timestamp": String(ts), "Planvas-Signature": `v1=${signatureOf(secret, ts, body)}` });
  });

  it("accepts a good signature, also among several, and with the previous secret in its grace period", () => {
    expect(check({})).toMatchObject({ ok: true, secretIndex: 0, timestamp: ts });
    expect(check({ signature: `v1=${"0".repeat(64)}, v1=${signatureOf(secret, ts, body)}` })).toMatchObject({ ok: true });
    expect(check({ secrets: ["whsec_new", secret] })).toMatchObject({ ok: true, secretIndex: 1 });
  });

  it("refuses a changed body, a wrong secret, a changed timestamp and malformed headers, naming the header", () => {
    expect(check({ body: Buffer.from('{"question":"Why not?"}') })).toMatchObject({
      ok: false,
      header: "Planvas-Signature",
      message: expect.stringMatching(/does not match/),
    });
    expect(check({ secrets: ["whsec_other"] })).toMatchObject({ ok: false, header: "Planvas-Signature" });
    expect(check({ timestamp: String(ts + 1) })).toMatchObject({ ok: false, header: "Planvas-Signature" });
    expect(check({ signature: null })).toMatchObject({ ok: false, header: "Planvas-Signature", message: expect.stringMatching(/missing/) });
    expect(check({ signature: "sha256=abc" })).toMatchObject({ ok: false, header: "Planvas-Signature", message: expect.stringMatching(/v1=/) });
    expect(check({ timestamp: null })).toMatchObject({ ok: false, header: "Planvas-Timestamp", message: expect.stringMatching(/missing/) });
    expect(check({ timestamp: "yesterday" })).toMatchObject({ ok: false, header: "Planvas-Timestamp", message: expect.stringMatching(/unix seconds/) });
  });

  it("refuses a timestamp more than five minutes old or ahead, even when correctly signed", () => {
    const at = (t: number) => check({ timestamp: String(t), signature: `v1=${signatureOf(secret, t, body)}` });
    expect(at(ts - 300)).toMatchObject({ ok: true });
    expect(at(ts + 300)).toMatchObject({ ok: true });
    expect(at(ts - 301)).toMatchObject({ ok: false, header: "Planvas-Timestamp", message: expect.stringMatching(/301 s old/) });
    expect(at(ts + 301)).toMatchObject({ ok: false, header: "Planvas-Timestamp", message: expect.stringMatching(/in the future/) });
  });
});
