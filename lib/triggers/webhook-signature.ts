// How a webhook delivery proves who sent it (the Stripe / Standard Webhooks scheme):
//   Planvas-Timestamp: <unix seconds>
//   Planvas-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
// The timestamp is inside the signed text, so an old request cannot be made fresh; a request
// older or newer than the tolerance is refused, and a signature seen before inside that window is a
// replay (lib/triggers/webhook-delivery.ts records the seen ones). Pure: no database, no clock of its own.
import { createHmac, timingSafeEqual } from "node:crypto";

export const TIMESTAMP_HEADER = "Planvas-Timestamp";
export const SIGNATURE_HEADER = "Planvas-Signature";
/** How far a delivery's timestamp may be from the server's clock, either way. */
export const TOLERANCE_SECONDS = 300;

/** The hex HMAC-SHA256 of `<timestamp>.<body>` under `secret` (the whole secret string is the key). */
export function signatureOf(secret: string, timestamp: number | string, body: string | Uint8Array): string {
  const mac = createHmac("sha256", secret);
  mac.update(`${timestamp}.`, "utf8");
  mac.update(body);
  return mac.digest("hex");
}

/** The two headers a sender adds: what tests, the CLI's example and the UI's sample curl produce. */
export function signedHeaders(secret: string, body: string | Uint8Array, now: Date = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: `v1=${signatureOf(secret, timestamp, body)}` };
}

export type Verification =
  | { ok: true; signature: string; secretIndex: number; timestamp: number }
  | { ok: false; header: typeof TIMESTAMP_HEADER | typeof SIGNATURE_HEADER; message: string };

/**
 * Checks a delivery's headers against the raw body and the secrets that are valid now (the current
 * one first, then a rotated-out one in its grace period). Several `v1=` values (comma separated)
 * are allowed, so a sender can sign with both secrets while it switches over.
 */
export function verifySignature(input: {
  secrets: readonly string[];
  timestamp: string | null;
  signature: string | null;
  body: Uint8Array;
  now: Date;
  toleranceSeconds?: number;
}): Verification {
  const tolerance = input.toleranceSeconds ?? TOLERANCE_SECONDS;
  const ts = input.timestamp?.trim() ?? "";
  if (!ts) return { ok: false, header: TIMESTAMP_HEADER, message: `missing ${TIMESTAMP_HEADER} header (unix seconds)` };
  if (!/^\d{1,12}$/.test(ts))
    return { ok: false, header: TIMESTAMP_HEADER, message: `${TIMESTAMP_HEADER} must be unix seconds (an integer), got "${ts.slice(0, 40)}"` };
  const raw = input.signature?.trim() ?? "";
  if (!raw) return { ok: false, header: SIGNATURE_HEADER, message: `missing ${SIGNATURE_HEADER} header (v1=<hex HMAC-SHA256>)` };
  const candidates = raw
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.startsWith("v1="))
    .map((part) => part.slice(3).toLowerCase())
    .filter((hex) => /^[0-9a-f]{64}$/.test(hex));
  if (!candidates.length) return { ok: false, header: SIGNATURE_HEADER, message: `${SIGNATURE_HEADER} must be v1=<64 hex digits of HMAC-SHA256>` };

  const timestamp = Number(ts);
  for (const [secretIndex, secret] of input.secrets.entries()) {
    const expected = Buffer.from(signatureOf(secret, ts, input.body), "hex");
    const match = candidates.find((hex) => timingSafeEqual(Buffer.from(hex, "hex"), expected));
    if (!match) continue;
    // Only a correctly signed request learns that its clock is off: an unsigned one learns nothing.
    const skew = timestamp - Math.floor(input.now.getTime() / 1000);
    if (skew < -tolerance)
      return {
        ok: false,
        header: TIMESTAMP_HEADER,
        message: `${TIMESTAMP_HEADER} is ${-skew} s old; at most ${tolerance} s is accepted (sign each delivery when sending it)`,
      };
    if (skew > tolerance)
      return {
        ok: false,
        header: TIMESTAMP_HEADER,
        message: `${TIMESTAMP_HEADER} is ${skew} s in the future; at most ${tolerance} s is accepted (check the sender's clock)`,
      };
    return { ok: true, signature: match, secretIndex, timestamp };
  }
  return { ok: false, header: SIGNATURE_HEADER, message: `${SIGNATURE_HEADER} does not match: not signed with this webhook's secret, or the body was changed` };
}
