import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchFailedError, FetchRefusedError, isPublicAddress, nonPublicReason, safeFetch, type DnsLookup } from "./ssrf";

describe("isPublicAddress", () => {
  const table: [string, boolean][] = [
    ["8.8.8.8", true],
    ["93.184.216.34", true],
    ["1.1.1.1", true],
    ["127.0.0.1", false],
    ["127.255.0.9", false],
    ["10.1.2.3", false],
    ["172.16.0.1", false],
    ["172.31.255.255", false],
    ["172.32.0.1", true],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["169.254.1.1", false],
    ["100.64.0.1", false],
    ["100.127.255.255", false],
    ["100.128.0.1", true],
    ["224.0.0.1", false],
    ["239.255.255.250", false],
    ["0.0.0.0", false],
    ["255.255.255.255", false],
    ["192.0.2.1", false],
    ["198.51.100.7", false],
    ["203.0.113.9", false],
    ["198.18.0.1", false],
    ["240.0.0.1", false],
    ["2606:4700:4700::1111", true],
    ["2001:4860:4860::8888", true],
    ["::1", false],
    ["::", false],
    ["fe80::1", false],
    ["fe80::1%eth0", false],
    ["fc00::1", false],
    ["fd12:3456:789a::1", false],
    ["ff02::1", false],
    ["2001:db8::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:7f00:1", false],
    ["::ffff:10.0.0.1", false],
    ["::ffff:169.254.169.254", false],
    ["::ffff:8.8.8.8", true],
    ["::127.0.0.1", false],
    ["2002:7f00:0001::1", false],
    ["2002:c0a8:0101::1", false],
    ["2002:0808:0808::1", true],
    // Teredo: server 65.54.227.120, client 127.0.0.1 (stored inverted: 0x80ff:0xfffe).
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", false],
    // Teredo: server 65.54.227.120, client 8.8.8.8 (inverted: 0xf7f7:0xf7f7).
    ["2001:0:4136:e378:8000:63bf:f7f7:f7f7", true],
    ["64:ff9b::7f00:1", false],
    ["64:ff9b::a00:1", false],
    ["64:ff9b::808:808", true],
    ["64:ff9b:1::1", false],
    ["not-an-ip", false],
  ];
  it.each(table)("%s → public %s", (ip, expected) => {
    expect(isPublicAddress(ip)).toBe(expected);
  });

  it("names the range", () => {
    expect(nonPublicReason("127.0.0.1")).toBe("a loopback address");
    expect(nonPublicReason("169.254.169.254")).toContain("metadata");
    expect(nonPublicReason("::ffff:10.0.0.1")).toBe("an IPv4-mapped address of 10.0.0.1, a private (RFC 1918) address");
    expect(nonPublicReason("8.8.8.8")).toBeNull();
  });
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(handler: Handler): Promise<{ server: Server; origin: string; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}`, port };
}

const lookupFrom =
  (table: Record<string, string[]>): DnsLookup =>
  async (host) => {
    const found = table[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }) as const);
  };

describe("safeFetch", () => {
  let local: Awaited<ReturnType<typeof listen>>;
  const sockets = new Set<import("node:net").Socket>();

  beforeAll(async () => {
    local = await listen((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/hello") {
        res.setHeader("content-type", "text/plain; charset=utf-8");
        res.end(`hello ${req.method} ${req.headers["x-test"] ?? ""}`);
      } else if (url.pathname === "/echo") {
        let body = "";
        req.on("data", (c: Buffer) => (body += c.toString()));
        req.on("end", () => res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization ?? null })));
      } else if (url.pathname === "/big") {
        res.setHeader("content-type", "application/octet-stream");
        const chunk = Buffer.alloc(64 * 1024, 97);
        for (let i = 0; i < 32; i++) res.write(chunk);
        res.end();
      } else if (url.pathname === "/stall") {
        sockets.add(req.socket);
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("partial");
      } else if (url.pathname.startsWith("/loop/")) {
        const n = Number(url.pathname.slice(6));
        res.writeHead(302, { location: `/loop/${n + 1}` }).end();
      } else if (url.pathname === "/to-metadata") {
        res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      } else if (url.pathname === "/to-internal") {
        res.writeHead(301, { location: `http://internal.test:${(req.socket.localPort ?? 0).toString()}/hello` }).end();
      } else if (url.pathname === "/to-hello") {
        res.writeHead(307, { location: "hello" }).end();
      } else if (url.pathname === "/post-303") {
        res.writeHead(303, { location: "/echo" }).end();
      } else if (url.pathname === "/to-ftp") {
        res.writeHead(302, { location: "ftp://files.test/x" }).end();
      } else {
        res.writeHead(404).end("nope");
      }
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => local.server.close(resolve));
  });

  it("refuses a private literal", async () => {
    const err = await safeFetch(`${local.origin}/hello`, {}, { allowPrivate: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect((err as Error).message).toBe(
      `refused ${local.origin}/hello: 127.0.0.1 is a loopback address (set PLANVAS_ALLOW_PRIVATE_URLS=1 to allow private addresses)`,
    );
  });

  it("refuses IPv6 and mapped literals", async () => {
    await expect(safeFetch("http://[::1]:9/", {}, { allowPrivate: false })).rejects.toThrow(/::1 is a loopback address/);
    await expect(safeFetch("http://[::ffff:127.0.0.1]/", {}, { allowPrivate: false })).rejects.toThrow(FetchRefusedError);
    await expect(safeFetch("http://169.254.169.254/latest/meta-data/", {}, { allowPrivate: false })).rejects.toThrow(/metadata/);
    await expect(safeFetch("http://2130706433/", {}, { allowPrivate: false })).rejects.toThrow(/127\.0\.0\.1 is a loopback/);
  });

  it("refuses a hostname that resolves to a private address", async () => {
    const lookup = lookupFrom({ "intranet.example.com": ["93.184.216.34", "10.0.0.7"] });
    const err = await safeFetch("http://intranet.example.com/x", {}, { allowPrivate: false, lookup }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect((err as Error).message).toBe(
      "refused http://intranet.example.com/x: intranet.example.com resolves to 10.0.0.7, a private (RFC 1918) address (set PLANVAS_ALLOW_PRIVATE_URLS=1 to allow private addresses)",
    );
  });

  it("refuses a redirect to a private address at the hop", async () => {
    // 127.0.0.1 stands in for a public host; everything else keeps the real classification.
    const isPublic = (ip: string) => ip === "127.0.0.1" || isPublicAddress(ip);
    const lookup = lookupFrom({ "public.test": ["127.0.0.1"], "internal.test": ["192.168.0.10"] });
    const start = `http://public.test:${local.port}`;

    const direct = await safeFetch(`${start}/hello`, {}, { allowPrivate: false, lookup, isPublic });
    expect(new TextDecoder().decode(direct.bytes)).toBe("hello GET ");

    const literal = await safeFetch(`${start}/to-metadata`, {}, { allowPrivate: false, lookup, isPublic }).catch((e: unknown) => e);
    expect(literal).toBeInstanceOf(FetchRefusedError);
    expect((literal as Error).message).toMatch(
      new RegExp(
        `^refused http://169\\.254\\.169\\.254/latest/meta-data/ \\(redirect 1 from ${start}/to-metadata\\): 169\\.254\\.169\\.254 is the link-local cloud metadata address`,
      ),
    );

    const named = await safeFetch(`${start}/to-internal`, {}, { allowPrivate: false, lookup, isPublic }).catch((e: unknown) => e);
    expect(named).toBeInstanceOf(FetchRefusedError);
    expect((named as Error).message).toContain("internal.test resolves to 192.168.0.10, a private (RFC 1918) address");
  });

  it("pins the connection to the vetted address", async () => {
    let calls = 0;
    // A rebinding resolver: public for the check, private afterwards. Only the first answer is used.
    const lookup: DnsLookup = async () => [{ address: calls++ === 0 ? "127.0.0.1" : "10.0.0.1", family: 4 }];
    const res = await safeFetch(`http://rebind.test:${local.port}/hello`, {}, { allowPrivate: false, lookup, isPublic: (ip) => ip === "127.0.0.1" });
    expect(res.status).toBe(200);
    expect(calls).toBe(1);
  });

  it("fetches a local server with allowPrivate", async () => {
    const res = await safeFetch(`${local.origin}/hello`, { headers: { "X-Test": "yes" } }, { allowPrivate: true });
    expect(res).toMatchObject({
      url: `${local.origin}/hello`,
      finalUrl: `${local.origin}/hello`,
      status: 200,
      statusText: "OK",
      truncated: false,
      redirects: [],
    });
    expect(res.contentType).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(new TextDecoder().decode(res.bytes)).toBe("hello GET yes");
  });

  it("follows relative redirects and records them", async () => {
    const res = await safeFetch(`${local.origin}/to-hello`, {}, { allowPrivate: true });
    expect(res.finalUrl).toBe(`${local.origin}/hello`);
    expect(res.redirects).toEqual([`${local.origin}/hello`]);
  });

  it("turns a POST into a GET on 303", async () => {
    const res = await safeFetch(`${local.origin}/post-303`, { method: "POST", body: "x=1", headers: { authorization: "Bearer t" } }, { allowPrivate: true });
    expect(JSON.parse(new TextDecoder().decode(res.bytes))).toEqual({ method: "GET", body: "", auth: "Bearer t" });
  });

  it("times out", async () => {
    const err = await safeFetch(`${local.origin}/stall`, {}, { allowPrivate: true, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchFailedError);
    expect((err as Error).message).toBe(`failed to fetch ${local.origin}/stall: timed out after 300 ms`);
  });

  it("rejects with the caller's reason when the caller aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("run cancelled")), 100);
    await expect(safeFetch(`${local.origin}/stall`, {}, { allowPrivate: true, signal: controller.signal })).rejects.toThrow("run cancelled");
  });

  it("stops reading at the size limit", async () => {
    const res = await safeFetch(`${local.origin}/big`, {}, { allowPrivate: true, maxBytes: 100_000 });
    expect(res.truncated).toBe(true);
    expect(res.bytes.byteLength).toBe(100_000);
    const full = await safeFetch(`${local.origin}/big`, {}, { allowPrivate: true });
    expect(full.truncated).toBe(false);
    expect(full.bytes.byteLength).toBe(32 * 64 * 1024);
  });

  it("gives up after too many redirects", async () => {
    const err = await safeFetch(`${local.origin}/loop/0`, {}, { allowPrivate: true, maxRedirects: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchFailedError);
    expect((err as Error).message).toBe(`failed to fetch ${local.origin}/loop/3 (redirect 3 from ${local.origin}/loop/2): too many redirects (more than 3)`);
  });

  it("refuses non-http schemes, also on a redirect", async () => {
    await expect(safeFetch("file:///etc/passwd", {}, { allowPrivate: true })).rejects.toThrow(
      "refused file:///etc/passwd: only http and https URLs are allowed, not file",
    );
    await expect(safeFetch("ftp://example.com/x", {}, { allowPrivate: true })).rejects.toThrow(FetchRefusedError);
    await expect(safeFetch(`${local.origin}/to-ftp`, {}, { allowPrivate: true })).rejects.toThrow(
      /^refused ftp:\/\/files\.test\/x \(redirect 1 from .*\): only http/,
    );
  });

  it("refuses credentials without echoing the password", async () => {
    const err = await safeFetch("http://user:s3cret@example.com/", {}, { allowPrivate: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect((err as Error).message).toBe("refused http://user:***@example.com/: URLs with credentials are not allowed");
  });

  it("reports DNS failures", async () => {
    const err = await safeFetch("http://nowhere.test/", {}, { allowPrivate: false, lookup: lookupFrom({}) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchFailedError);
    expect((err as Error).message).toBe("failed to fetch http://nowhere.test/: cannot resolve nowhere.test (ENOTFOUND)");
  });

  it("reports connection failures", async () => {
    const closed = await listen(() => undefined);
    await new Promise((resolve) => closed.server.close(resolve));
    const err = await safeFetch(`${closed.origin}/`, {}, { allowPrivate: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchFailedError);
    expect((err as Error).message).toMatch(new RegExp(`^failed to fetch ${closed.origin}/: .*ECONNREFUSED`));
  });
});
