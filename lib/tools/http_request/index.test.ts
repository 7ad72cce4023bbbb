import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { LanguageModel } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FetchFailedError, FetchRefusedError } from "../../net/ssrf";
import type { ToolContext } from "../types";
import { httpRequest, httpRequestInputSchema } from "./index";

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let origin = "";
let received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      if (req.url === "/status") {
        res.writeHead(200, { "content-type": "application/json", "set-cookie": "session=secret", "x-request-id": "r-1" });
        res.end(JSON.stringify({ healthy: true, version: "1.2.3" }));
      } else if (req.url === "/hook") {
        res.writeHead(202, { "content-type": "application/json; charset=utf-8" }).end('{"accepted":true}');
      } else if (req.url === "/big") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: "x".repeat(200_000) }));
      } else {
        res.writeHead(500, { "content-type": "text/plain" }).end("boom");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
});

function context(allowPrivateUrls: boolean): ToolContext {
  return {
    history: [],
    signal: new AbortController().signal,
    log: () => undefined,
    assets: { put: () => Promise.reject(new Error("unused")) },
    knowledge: { search: () => Promise.resolve([]) },
    models: { text: "unused" as LanguageModel },
    settings: { allowPrivateUrls },
  };
}

const run = (input: unknown, allowPrivate = true) => httpRequest.execute(httpRequestInputSchema.parse(input), context(allowPrivate));

describe("http_request", () => {
  it("GETs JSON and hides Set-Cookie", async () => {
    const out = await run({ url: `${origin}/status` });
    expect(httpRequest.outputSchema.parse(out)).toEqual(out);
    expect(out).toMatchObject({
      method: "GET",
      url: `${origin}/status`,
      status: 200,
      statusText: "OK",
      ok: true,
      contentType: "application/json",
      truncated: false,
    });
    expect(out.json).toEqual({ healthy: true, version: "1.2.3" });
    expect(out.headers["x-request-id"]).toBe("r-1");
    expect(out.headers["set-cookie"]).toBeUndefined();
    expect(out.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("POSTs a JSON body to a webhook as application/json with the given headers", async () => {
    const payload = JSON.stringify({ text: "Carousel published", slides: 6 });
    const out = await run({ method: "POST", url: `${origin}/hook`, headers: { Authorization: "Bearer hook-token", "X-Source": "planvas" }, body: payload });
    expect(out).toMatchObject({ method: "POST", status: 202, ok: true, json: { accepted: true } });
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.method).toBe("POST");
    expect(got.body).toBe(payload);
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers.authorization).toBe("Bearer hook-token");
    expect(got.headers["x-source"]).toBe("planvas");
  });

  it("keeps an explicit content type and sends other bodies as text", async () => {
    await run({ method: "PUT", url: `${origin}/hook`, headers: { "Content-Type": "application/vnd.custom+json" }, body: "{}" });
    await run({ method: "PATCH", url: `${origin}/hook`, body: "name=value" });
    expect(received.map((r) => [r.method, r.headers["content-type"]])).toEqual([
      ["PUT", "application/vnd.custom+json"],
      ["PATCH", "text/plain;charset=UTF-8"],
    ]);
  });

  it("returns non-2xx answers instead of throwing", async () => {
    const out = await run({ method: "DELETE", url: `${origin}/fails` });
    expect(out).toMatchObject({ status: 500, ok: false, body: "boom", json: null });
  });

  it("cuts the body at 100 kB", async () => {
    const out = await run({ url: `${origin}/big` });
    expect(out.truncated).toBe(true);
    expect(out.body).toHaveLength(100 * 1024);
    expect(out.json).toBeNull();
  });

  it("refuses private addresses by default", async () => {
    const err = await run({ method: "POST", url: `${origin}/hook`, body: "{}" }, false).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect((err as Error).message).toContain(`refused ${origin}/hook: 127.0.0.1 is a loopback address`);
    expect(received).toHaveLength(0);
  });

  it("throws network failures with the URL", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`;
    await new Promise((resolve) => closed.close(resolve));
    const err = await run({ url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchFailedError);
    expect((err as Error).message).toContain(`failed to fetch ${url}:`);
  });

  it("refuses framing headers and GET bodies in the schema and at run time", async () => {
    const bad = httpRequestInputSchema.safeParse({ url: `${origin}/hook`, headers: { Host: "internal", "Transfer-Encoding": "chunked" }, body: "x" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["headers.Host", "headers.Transfer-Encoding", "body"]);
    await expect(httpRequest.execute({ method: "POST", url: `${origin}/hook`, headers: { "Content-Length": "1" } }, context(true))).rejects.toThrow(
      `refused ${origin}/hook: the content-length header is set by the HTTP client and cannot be given`,
    );
    expect(received).toHaveLength(0);
  });

  it("needs approval before anything but GET", () => {
    expect(httpRequest.sideEffectsBeforeRun?.(httpRequestInputSchema.parse({ url: "https://example.com" }))).toBe(false);
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(httpRequest.sideEffectsBeforeRun?.(httpRequestInputSchema.parse({ method, url: "https://example.com" }))).toBe(true);
    }
  });
  it("sends headers named like Object.prototype members as plain headers", async () => {
    await run({ method: "POST", url: `${origin}/hook`, headers: { constructor: "c", toString: "t", valueOf: "v", hasOwnProperty: "h" }, body: "{}" });
    expect(received[0]!.headers).toMatchObject({ constructor: "c", tostring: "t", valueof: "v", hasownproperty: "h" });
  });

  it("sends the side effect's Idempotency-Key on methods other than GET, never overriding the plan's own", async () => {
    const calls: string[] = [];
    const sideEffect = { idempotencyKey: "planvas-run-step-0", beforeSend: async () => void calls.push("beforeSend") };
    await httpRequest.execute(httpRequestInputSchema.parse({ method: "POST", url: `${origin}/hook`, body: "{}" }), { ...context(true), sideEffect });
    await httpRequest.execute(httpRequestInputSchema.parse({ method: "PUT", url: `${origin}/hook`, body: "{}", headers: { "Idempotency-Key": "mine" } }), {
      ...context(true),
      sideEffect,
    });
    await httpRequest.execute(httpRequestInputSchema.parse({ method: "GET", url: `${origin}/status` }), { ...context(true), sideEffect });
    expect(received.map((r) => r.headers["idempotency-key"])).toEqual(["planvas-run-step-0", "mine", undefined]);
    expect(calls).toEqual(["beforeSend", "beforeSend"]);
  });

  it("says whether a failed request may have been sent: refused and connection refused are 'no'", async () => {
    const refused = await run({ method: "POST", url: `${origin}/hook`, body: "{}" }, false).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FetchRefusedError);
    expect((refused as FetchRefusedError).sent).toBe("no");
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const conn = await run({ method: "POST", url: `http://127.0.0.1:${port}/x`, body: "{}" }).catch((e: unknown) => e);
    expect(conn).toBeInstanceOf(FetchFailedError);
    expect(conn).toMatchObject({ sent: "no", transient: false });
  });

  it("a failure after the request left is 'maybe sent'", async () => {
    const dropper = createServer((req) => req.on("data", () => {}).on("end", () => req.socket.destroy()));
    await new Promise<void>((r) => dropper.listen(0, "127.0.0.1", () => r()));
    const port = (dropper.address() as AddressInfo).port;
    try {
      const err = await run({ method: "POST", url: `http://127.0.0.1:${port}/x`, body: "{}" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FetchFailedError);
      expect((err as FetchFailedError).sent).toBe("maybe");
    } finally {
      await new Promise((r) => dropper.close(r));
    }
  });
});
