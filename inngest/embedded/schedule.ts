// Time helpers for the embedded runner: ids, retry backoff, and the duration strings the SDK sends.
import { randomBytes } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function encode(value: bigint, chars: number): string {
  let out = "";
  for (let i = 0; i < chars; i++) {
    out = CROCKFORD[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

const MAX_RANDOM = (1n << 80n) - 1n;
let last = { time: -1, rnd: 0n };

/**
 * A ULID (48-bit ms time + 80 bits of entropy, Crockford base32): sortable by creation time, so
 * run and event ids list in order. A given `entropy` + `index` make it deterministic, which is how the
 * SDK's `x-inngest-event-id-seed` header keeps a retried `send()` from creating new events.
 */
export function ulid(timeMs: number, entropy?: Uint8Array, index = 0): string {
  let time = Math.max(0, Math.floor(timeMs));
  let rnd = 0n;
  for (const b of (entropy ?? randomBytes(10)).subarray(0, 10)) rnd = (rnd << 8n) | BigInt(b);
  rnd = (rnd + BigInt(index)) & MAX_RANDOM;
  if (!entropy) {
    // Monotonic within the process: ids made in the same millisecond still sort in creation order.
    if (time <= last.time) {
      time = last.time;
      rnd = last.rnd + 1n;
      if (rnd > MAX_RANDOM) {
        time += 1;
        rnd = 0n;
      }
    }
    last = { time, rnd };
  }
  return encode(BigInt(time), 10) + encode(rnd, 16);
}

/** Event ids from the SDK's `x-inngest-event-id-seed: <ms>,<base64 entropy>` header, or null. */
export function seededIds(seed: string | null, count: number): string[] | null {
  const m = seed ? /^(\d+),([A-Za-z0-9+/=]+)$/.exec(seed) : null;
  if (!m) return null;
  const entropy = Buffer.from(m[2]!, "base64");
  if (entropy.length < 10) return null;
  return Array.from({ length: count }, (_, i) => ulid(Number(m[1]), entropy, i));
}

export interface Backoff {
  /** Delay before the first retry; doubled for each further attempt. */
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: Backoff = { baseMs: 2_000, maxMs: 5 * 60_000 };

/**
 * Exponential backoff with jitter for retry number `attempt` (1 = first retry): between half and
 * all of min(base * 2^(attempt-1), max), so runs failing together do not retry in lockstep.
 */
export function backoffMs(attempt: number, b: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Parses a duration as the SDK sends it for Sleep and WaitForEvent timeouts. The SDK formats
 * numbers and `ms` strings as "1w2d3h4m5s" (sub-second values round up to "1s"), and dates
 * (sleepUntil, Date timeouts) as ISO strings. Returns the absolute due time in epoch ms.
 *
 * "" is what the SDK sends for a zero duration — and also for a compound string such as "1h30m",
 * which its `ms()` cannot parse. It is treated as zero (like Inngest) and reported via `onEmpty`.
 */
export function dueTime(spec: string, now: number, onEmpty?: () => void): number {
  const s = spec.trim();
  if (s === "") {
    onEmpty?.();
    return now;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) {
    const t = Date.parse(s);
    if (Number.isNaN(t)) throw new Error(`invalid date ${JSON.stringify(spec)}`);
    return t;
  }
  const re = /(\d+(?:\.\d+)?)(ms|w|d|h|m|s)/gy;
  let total = 0;
  let end = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    end = re.lastIndex;
  }
  if (end !== s.length) throw new Error(`unsupported duration ${JSON.stringify(spec)} (expected e.g. "1d2h3m4s" or an ISO date)`);
  return now + total;
}

/** `retry-after` as the SDK sends it for RetryAfterError: seconds, or an ISO date. Returns a delay. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Number(header) * 1000;
  const t = Date.parse(header);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}
