import { promises as dns, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import type { ReadableStream } from "node:stream/web";
import ipaddr from "ipaddr.js";
import { Agent, fetch } from "undici";

/* ------------------------------------------------------------------------------------------------
 * Address classification
 * ---------------------------------------------------------------------------------------------- */

const PRIVATE_HINT = "set PLANVAS_ALLOW_PRIVATE_URLS=1 to allow private addresses";

const V4_REASONS: Record<string, string> = {
  unspecified: "an unspecified (0.0.0.0/8) address",
  broadcast: "the broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address",
  loopback: "a loopback address",
  carrierGradeNat: "a carrier-grade NAT (100.64.0.0/10) address",
  private: "a private (RFC 1918) address",
  reserved: "a reserved address",
  as112: "an AS112 (DNS sink) address",
  amt: "an AMT relay address",
};

const V6_REASONS: Record<string, string> = {
  unspecified: "the unspecified address",
  loopback: "a loopback address",
  linkLocal: "a link-local address",
  multicast: "a multicast address",
  uniqueLocal: "a unique-local (fc00::/7) address",
  reserved: "a reserved address",
};

const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR("64:ff9b::/96");
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

function v4FromParts(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function classifyV4(addr: ipaddr.IPv4): string | null {
  const range = addr.range();
  if (range === "unicast") return null;
  if (addr.toString() === "169.254.169.254") return "the link-local cloud metadata address";
  return V4_REASONS[range] ?? `a special-purpose (${range}) address`;
}

/** An IPv6 address that carries an IPv4 address is as reachable as that IPv4 address. */
function classifyEmbedded(kind: string, v4: ipaddr.IPv4): string | null {
  const inner = classifyV4(v4);
  return inner === null ? null : `${kind} of ${v4.toString()}, ${inner}`;
}

function classifyV6(addr: ipaddr.IPv6): string | null {
  const p = addr.parts as [number, number, number, number, number, number, number, number];
  const range = addr.range();
  switch (range) {
    case "ipv4Mapped":
      return classifyEmbedded("an IPv4-mapped address", addr.toIPv4Address());
    case "rfc6145":
      return classifyEmbedded("an IPv4-translated address", v4FromParts(p[6], p[7]));
    case "6to4":
      return classifyEmbedded("a 6to4 address", v4FromParts(p[1], p[2]));
    case "teredo":
      return (
        classifyEmbedded("a Teredo address (server)", v4FromParts(p[2], p[3])) ??
        classifyEmbedded("a Teredo address (client)", v4FromParts(~p[6] & 0xffff, ~p[7] & 0xffff))
      );
    case "rfc6052":
      // Only the well-known /96 prefix has a fixed embedding; 64:ff9b:1::/48 is for local use.
      if (addr.match(NAT64_WELL_KNOWN)) return classifyEmbedded("a NAT64 address", v4FromParts(p[6], p[7]));
      return "a local-use NAT64 (64:ff9b:1::/48) address";
    case "unicast":
      return addr.match(GLOBAL_UNICAST_V6) ? null : "not a global unicast address";
    default:
      return V6_REASONS[range] ?? `a special-purpose (${range}) address`;
  }
}

/** Why `ip` is not a public address ("a loopback address"), or null when it is public. */
export function nonPublicReason(ip: string): string | null {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(ip.replace(/^\[|\]$/g, ""));
  } catch {
    return "not a valid IP address";
  }
  return addr.kind() === "ipv4" ? classifyV4(addr as ipaddr.IPv4) : classifyV6(addr as ipaddr.IPv6);
}

/** True only for globally routable unicast addresses. */
export function isPublicAddress(ip: string): boolean {
  return nonPublicReason(ip) === null;
}

/* ------------------------------------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------------------------------- */

/**
 * Whether a failed request may have reached the server: "no" when it failed before a connection
 * carried any byte of it (refused by the guard, DNS, connection refused, TLS), "maybe" otherwise.
 * A side effect is retried automatically only when the answer is "no".
 */
export type SentState = "no" | "maybe";

/** The URL (or a redirect hop) was refused before any connection was made. */
export class FetchRefusedError extends Error {
  override name = "FetchRefusedError";
  /** "maybe" when a redirect hop was refused: the first server has received the request. */
  sent: SentState = "no";
  readonly transient = false;
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`refused ${url}: ${reason}`);
  }
}

/** The request was allowed but did not complete (DNS, network, timeout, redirects, HTTP status). */
export class FetchFailedError extends Error {
  override name = "FetchFailedError";
  constructor(
    readonly url: string,
    readonly reason: string,
    options?: { cause?: unknown; status?: number; sent?: SentState; transient?: boolean },
  ) {
    super(`failed to fetch ${url}: ${reason}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status;
    this.sent = options?.sent ?? "maybe";
    this.transient = options?.transient ?? false;
  }
  readonly status: number | undefined;
  sent: SentState;
  /** Trying again later may succeed (a temporary DNS failure, a connect timeout). */
  readonly transient: boolean;
}

/**
 * Connection-level failures that happen before any byte of the request is written, and whether
 * they are worth trying again. Anything else (a reset, a timeout while waiting for the answer)
 * may have happened after the server received the request.
 */
const NOT_SENT_CODES: Readonly<Record<string, { transient: boolean }>> = {
  ENOTFOUND: { transient: false },
  EAI_AGAIN: { transient: true },
  ECONNREFUSED: { transient: false },
  EHOSTUNREACH: { transient: true },
  ENETUNREACH: { transient: true },
  EHOSTDOWN: { transient: true },
  UND_ERR_CONNECT_TIMEOUT: { transient: true },
  EPLANVASREFUSED: { transient: false },
  CERT_HAS_EXPIRED: { transient: false },
  DEPTH_ZERO_SELF_SIGNED_CERT: { transient: false },
  SELF_SIGNED_CERT_IN_CHAIN: { transient: false },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { transient: false },
  ERR_TLS_CERT_ALTNAME_INVALID: { transient: false },
};

function notSentCode(err: unknown): { transient: boolean } | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && Object.hasOwn(NOT_SENT_CODES, code)) return NOT_SENT_CODES[code];
  }
  return undefined;
}

/* ------------------------------------------------------------------------------------------------
 * safeFetch
 * ---------------------------------------------------------------------------------------------- */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a hostname to every address it has (tests inject their own). */
export type DnsLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export interface SafeFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface SafeFetchOptions {
  /** PLANVAS_ALLOW_PRIVATE_URLS: reach loopback, private and other non-public addresses. */
  allowPrivate: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
  lookup?: DnsLookup;
  /**
   * Which addresses count as public when `allowPrivate` is false; defaults to `isPublicAddress`.
   * Tests only: lets a loopback test server stand in for a public host.
   */
  isPublic?: (ip: string) => boolean;
  /**
   * Called once, after the URL was vetted and right before the request goes out: the last moment
   * at which nothing has been sent. A side-effecting caller records it; if the hook throws, nothing
   * is sent.
   */
  onBeforeSend?: () => Promise<void>;
}

export interface SafeFetchResult {
  url: string;
  finalUrl: string;
  status: number;
  statusText: string;
  headers: Headers;
  /** The Content-Type header as sent ("" when absent). */
  contentType: string;
  bytes: Uint8Array;
  /** The body was longer than `maxBytes` and was cut there. */
  truncated: boolean;
  /** Every URL redirected to, in order (the last one is `finalUrl`). */
  redirects: string[];
}

export const SAFE_FETCH_DEFAULTS = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 } as const;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export const defaultLookup: DnsLookup = async (hostname) => {
  const found = await dns.lookup(hostname, { all: true, order: "verbatim" });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** The URL for messages: never shows a password. */
export function redactUrl(url: string | URL): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return String(url);
  }
}

function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, "");
}

interface Policy {
  allowPrivate: boolean;
  isPublic: (ip: string) => boolean;
  lookup: DnsLookup;
}

function addressProblem(ip: string, policy: Policy): string | null {
  if (policy.allowPrivate || policy.isPublic(ip)) return null;
  return nonPublicReason(ip) ?? "not allowed";
}

/** Checks scheme, credentials and every address the host resolves to; returns the addresses to pin. */
async function vetUrl(url: URL, label: string, policy: Policy): Promise<ResolvedAddress[]> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchRefusedError(label, `only http and https URLs are allowed, not ${url.protocol.replace(/:$/, "")}`);
  }
  if (url.username || url.password) throw new FetchRefusedError(label, "URLs with credentials are not allowed");
  const host = bareHost(url.hostname);
  const literal = isIP(host);
  if (literal !== 0) {
    const problem = addressProblem(host, policy);
    if (problem) throw new FetchRefusedError(label, `${host} is ${problem} (${PRIVATE_HINT})`);
    return [{ address: host, family: literal === 6 ? 6 : 4 }];
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await policy.lookup(host);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FetchFailedError(label, `cannot resolve ${host}${code ? ` (${code})` : ""}`, { cause: err, sent: "no", transient: code === "EAI_AGAIN" });
  }
  if (addresses.length === 0) throw new FetchFailedError(label, `cannot resolve ${host} (no addresses)`, { sent: "no" });
  for (const { address } of addresses) {
    const problem = addressProblem(address, policy);
    if (problem) throw new FetchRefusedError(label, `${host} resolves to ${address}, ${problem} (${PRIVATE_HINT})`);
  }
  return addresses;
}

/**
 * The socket-level lookup: it answers only with addresses vetted for this request and re-checks
 * them, so a DNS answer that changes between the check and the connect can never be used.
 */
function pinnedLookup(pins: Map<string, ResolvedAddress[]>, policy: Policy): LookupFunction {
  return (hostname, options, callback) => {
    const pinned = pins.get(bareHost(hostname));
    const bad = pinned?.find((a) => addressProblem(a.address, policy) !== null);
    if (!pinned || bad) {
      const err: NodeJS.ErrnoException = new Error(`refused to connect to ${hostname}: address not vetted`);
      err.code = "EPLANVASREFUSED";
      callback(err, "", 0);
      return;
    }
    const wanted = options.family === 4 || options.family === 6 ? pinned.filter((a) => a.family === options.family) : pinned;
    const answer: LookupAddress[] = (wanted.length > 0 ? wanted : pinned).map((a) => ({ address: a.address, family: a.family }));
    if (options.all) callback(null, answer);
    else callback(null, answer[0]!.address, answer[0]!.family);
  };
}

async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!body) return { bytes: new Uint8Array(0), truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      size = maxBytes;
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return { bytes, truncated };
}

function networkReason(err: unknown): string {
  const cause = (err as { cause?: unknown })?.cause ?? err;
  const e = cause as { code?: string; message?: string };
  if (e?.code === "EPLANVASREFUSED") return e.message ?? "refused";
  if (e?.code && e.message) return e.message.includes(e.code) ? e.message : `${e.message} (${e.code})`;
  return e?.message ?? String(cause);
}

function nextMethod(status: number, method: string): { method: string; keepBody: boolean } {
  if (status === 303 && method !== "HEAD") return { method: "GET", keepBody: false };
  if ((status === 301 || status === 302) && method === "POST") return { method: "GET", keepBody: false };
  return { method, keepBody: true };
}

const CROSS_ORIGIN_DROPPED = ["authorization", "cookie", "proxy-authorization"];
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];

/**
 * fetch() for URLs that come from plans and models: http(s) only, public addresses only unless
 * `allowPrivate`, every redirect hop re-vetted, connections pinned to the vetted addresses,
 * bounded in time and size. Caller cancellation rejects with the caller's abort reason.
 */
export async function safeFetch(url: string, init: SafeFetchInit = {}, opts: SafeFetchOptions): Promise<SafeFetchResult> {
  const timeoutMs = opts.timeoutMs ?? SAFE_FETCH_DEFAULTS.timeoutMs;
  const maxBytes = opts.maxBytes ?? SAFE_FETCH_DEFAULTS.maxBytes;
  const maxRedirects = opts.maxRedirects ?? SAFE_FETCH_DEFAULTS.maxRedirects;
  const policy: Policy = { allowPrivate: opts.allowPrivate, isPublic: opts.isPublic ?? isPublicAddress, lookup: opts.lookup ?? defaultLookup };

  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new FetchRefusedError(redactUrl(url), "not a valid URL");
  }

  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const pins = new Map<string, ResolvedAddress[]>();
  const agent = new Agent({ connect: { lookup: pinnedLookup(pins, policy) } });
  const redirects: string[] = [];
  let method = (init.method ?? "GET").toUpperCase();
  let body = init.body;
  const headers = new Map(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

  const abortError = (label: string, cause: unknown): unknown => {
    if (opts.signal?.aborted) return opts.signal.reason;
    if (timeout.aborted) return new FetchFailedError(label, `timed out after ${timeoutMs} ms`, { cause });
    return null;
  };

  try {
    for (;;) {
      const hop = redirects.length;
      const label =
        hop === 0 ? redactUrl(current) : `${redactUrl(current)} (redirect ${hop} from ${redactUrl(redirects.length > 1 ? redirects[hop - 2]! : url)})`;
      if (signal.aborted) throw abortError(label, signal.reason) ?? signal.reason;
      try {
        pins.set(bareHost(current.hostname), await vetUrl(current, label, policy));
      } catch (err) {
        if (hop > 0 && (err instanceof FetchRefusedError || err instanceof FetchFailedError)) err.sent = "maybe";
        throw err;
      }
      if (hop === 0) await opts.onBeforeSend?.();

      let res: Awaited<ReturnType<typeof fetch>>;
      try {
        res = await fetch(current, { method, headers: Object.fromEntries(headers), body, redirect: "manual", signal, dispatcher: agent });
      } catch (err) {
        // After a redirect the first server has already received the request: never "not sent".
        const early = hop === 0 ? notSentCode(err) : undefined;
        throw (
          abortError(label, err) ??
          new FetchFailedError(label, networkReason(err), { cause: err, ...(early ? { sent: "no" as const, transient: early.transient } : {}) })
        );
      }

      const location = res.headers.get("location");
      if (REDIRECT_STATUSES.has(res.status) && location !== null) {
        await res.body?.cancel().catch(() => undefined);
        if (redirects.length >= maxRedirects) throw new FetchFailedError(label, `too many redirects (more than ${maxRedirects})`);
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new FetchFailedError(label, `redirected to an invalid Location "${location}"`);
        }
        const change = nextMethod(res.status, method);
        method = change.method;
        if (!change.keepBody) {
          body = undefined;
          for (const h of BODY_HEADERS) headers.delete(h);
        }
        if (next.origin !== current.origin) for (const h of CROSS_ORIGIN_DROPPED) headers.delete(h);
        redirects.push(next.toString());
        current = next;
        continue;
      }

      let read: { bytes: Uint8Array; truncated: boolean };
      try {
        read = await readLimited(res.body, maxBytes);
      } catch (err) {
        throw abortError(label, err) ?? new FetchFailedError(label, `reading the body failed: ${networkReason(err)}`, { cause: err });
      }
      return {
        url,
        finalUrl: current.toString(),
        status: res.status,
        statusText: res.statusText,
        headers: new Headers([...res.headers]),
        contentType: res.headers.get("content-type") ?? "",
        bytes: read.bytes,
        truncated: read.truncated,
        redirects,
      };
    }
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}
