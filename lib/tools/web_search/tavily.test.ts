import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tavilySearch, TavilyError } from "./tavily";

const KEY = "tvly-test-0123456789";

interface Call {
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

let server: Server;
let baseUrl = "";
let calls: Call[] = [];
let respond: (res: ServerResponse, body: { query?: string; max_results?: number }) => void;

/** Imitates Tavily: POST /search with a bearer key. */
beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const body = JSON.parse(raw || "{}") as { query?: string; max_results?: number };
      calls.push({ url: `${req.method} ${req.url}`, headers: req.headers, body });
      if (req.url !== "/search" || req.method !== "POST") return void res.writeHead(404).end();
      if (req.headers.authorization !== `Bearer ${KEY}`) {
        return void res
          .writeHead(401, { "content-type": "application/json" })
          .end(JSON.stringify({ detail: { error: `Unauthorized: invalid API key ${String(req.headers.authorization)}` } }));
      }
      respond(res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  calls = [];
  respond = (res, body) => {
    const results = Array.from({ length: body.max_results ?? 5 }, (_, i) => ({
      title: `Trend ${i + 1} for ${body.query}`,
      url: `https://news.example.com/trend-${i + 1}`,
      content: `Snippet ${i + 1}`,
      score: 0.9 - i / 10,
      raw_content: null,
    }));
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ query: body.query, answer: null, images: [], results, response_time: 0.42 }));
  };
});

const fail = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("should have failed"),
    (e: unknown) => e as TavilyError,
  );

describe("tavilySearch", () => {
  it("posts the query with the bearer key and maps the results", async () => {
    const results = await tavilySearch("AI marketing trends 2026", 3, { apiKey: KEY, baseUrl: `${baseUrl}/` });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe("POST /search");
    expect(calls[0]!.headers["content-type"]).toBe("application/json");
    expect(calls[0]!.body).toEqual({ query: "AI marketing trends 2026", max_results: 3, search_depth: "basic" });
    expect(results).toEqual(
      [1, 2, 3].map((i) => ({
        title: `Trend ${i} for AI marketing trends 2026`,
        url: `https://news.example.com/trend-${i}`,
        snippet: `Snippet ${i}`,
        source: "tavily",
      })),
    );
  });

  it("clamps max_results to Tavily's range", async () => {
    await tavilySearch("q", 50, { apiKey: KEY, baseUrl });
    await tavilySearch("q", 0, { apiKey: KEY, baseUrl });
    expect(calls.map((c) => (c.body as { max_results: number }).max_results)).toEqual([20, 1]);
  });

  it("reports a rejected key without echoing it", async () => {
    const err = await fail(tavilySearch("q", 5, { apiKey: "tvly-wrong-secret", baseUrl }));
    expect(err).toBeInstanceOf(TavilyError);
    expect(err.status).toBe(401);
    expect(err.message).toBe("Tavily rejected the API key (HTTP 401); check TAVILY_API_KEY");
    expect(err.message).not.toContain("tvly-wrong-secret");
  });

  it("reports rate limits, outages and other refusals", async () => {
    respond = (res) => void res.writeHead(429, { "retry-after": "30", "content-type": "application/json" }).end('{"detail":{"error":"Too many requests"}}');
    expect((await fail(tavilySearch("q", 5, { apiKey: KEY, baseUrl }))).message).toBe("Tavily rate limit reached (HTTP 429); retry after 30 s");
    respond = (res) => void res.writeHead(502).end("<html>Bad gateway</html>");
    expect((await fail(tavilySearch("q", 5, { apiKey: KEY, baseUrl }))).message).toBe("Tavily is unavailable (HTTP 502); try again later");
    respond = (res) =>
      void res.writeHead(432, { "content-type": "application/json" }).end(JSON.stringify({ detail: { error: `Plan limit exceeded for ${KEY}` } }));
    const err = await fail(tavilySearch("q", 5, { apiKey: KEY, baseUrl }));
    expect(err.message).toBe("Tavily refused the search (HTTP 432): Plan limit exceeded for ***");
  });

  it("rejects malformed bodies", async () => {
    respond = (res) => void res.writeHead(200, { "content-type": "application/json" }).end("not json");
    expect((await fail(tavilySearch("q", 5, { apiKey: KEY, baseUrl }))).message).toBe("Tavily returned a body that is not JSON (HTTP 200)");
    respond = (res) => void res.writeHead(200, { "content-type": "application/json" }).end('{"answer":"no results field"}');
    expect((await fail(tavilySearch("q", 5, { apiKey: KEY, baseUrl }))).message).toMatch(/^Tavily returned an unexpected response: results: /);
    respond = (res) => void res.writeHead(200, { "content-type": "application/json" }).end('{"results":[{"title":"t","url":"not a url","content":"c"}]}');
    expect((await fail(tavilySearch("q", 5, { apiKey: KEY, baseUrl }))).message).toMatch(/^Tavily returned an unexpected response: results\.0\.url: /);
  });

  it("reports an unreachable endpoint and refuses empty input", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const dead = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    expect((await fail(tavilySearch("q", 5, { apiKey: KEY, baseUrl: dead }))).message).toMatch(new RegExp(`^could not reach Tavily at ${dead}/search: `));
    await expect(tavilySearch("  ", 5, { apiKey: KEY, baseUrl })).rejects.toThrow("non-empty query");
    await expect(tavilySearch("q", 5, { apiKey: "", baseUrl })).rejects.toThrow("needs an API key");
    expect(calls).toHaveLength(0);
  });

  it("uses the injected fetch", async () => {
    const seen: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      seen.push(String(input));
      return new Response(JSON.stringify({ results: [{ title: "T", url: "https://a.example/", content: "C" }] }), { status: 200 });
    };
    expect(await tavilySearch("q", 1, { apiKey: KEY, fetchImpl })).toEqual([{ title: "T", url: "https://a.example/", snippet: "C", source: "tavily" }]);
    expect(seen).toEqual(["https://api.tavily.com/search"]);
  });
});
