import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { LanguageModel } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchFailedError, FetchRefusedError } from "../../net/ssrf";
import type { ToolContext } from "../types";
import { fetchReadable, fetchUrl, fetchUrlInputSchema } from "./index";

const para = (topic: string) => `${topic} is explained here in enough words for Readability to treat this block as the body of the article. `.repeat(5);

const ARTICLE = `<!doctype html><html><head><title>Canvas planning, explained</title><meta name="author" content="Ada Lovelace">
<meta name="description" content="Why plans belong on a canvas."></head><body>
<header><nav><a href="/">Home</a> <a href="/pricing">Pricing</a> <a href="/login">Sign in to your account</a></nav></header>
<main><article><h1>Canvas planning, explained</h1>
<p>${para("Planning on a canvas")}</p><p>${para("Approval gates")}</p><p>${para("Durable execution")}</p></article></main>
<footer><p>© 2026 Example Corp. All rights reserved. Cookie settings. Privacy policy.</p></footer></body></html>`;

let server: Server;
let origin = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case "/article":
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(ARTICLE);
        break;
      case "/notes.txt":
        res.writeHead(200, { "content-type": "text/plain" }).end("line one\nline two\n");
        break;
      case "/data.json":
        res.writeHead(200, { "content-type": "application/json" }).end('{"trends":["agents","canvas"]}');
        break;
      case "/image.png":
        res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
        break;
      case "/a":
        res.writeHead(301, { location: "/b" }).end();
        break;
      case "/b":
        res.writeHead(302, { location: `${origin}/article` }).end();
        break;
      default:
        res.writeHead(404, { "content-type": "text/plain" }).end("not here");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function context(allowPrivateUrls: boolean, logs: string[] = []): ToolContext {
  return {
    history: [],
    signal: new AbortController().signal,
    log: (message) => logs.push(message),
    assets: { put: () => Promise.reject(new Error("unused")) },
    knowledge: { search: () => Promise.resolve([]) },
    models: { text: "unused" as LanguageModel },
    settings: { allowPrivateUrls },
  };
}

describe("fetch_url", () => {
  it("extracts the article and drops navigation and footer", async () => {
    const logs: string[] = [];
    const out = await fetchUrl.execute(fetchUrlInputSchema.parse({ url: `${origin}/article` }), context(true, logs));
    expect(fetchUrl.outputSchema.parse(out)).toEqual(out);
    expect(out).toMatchObject({
      url: `${origin}/article`,
      finalUrl: `${origin}/article`,
      status: 200,
      contentType: "text/html; charset=utf-8",
      truncated: false,
    });
    expect(out.title).toBe("Canvas planning, explained");
    expect(out.byline).toBe("Ada Lovelace");
    expect(out.excerpt).toBe("Why plans belong on a canvas.");
    expect(out.text).toContain("Planning on a canvas is explained here");
    expect(out.text).toContain("Durable execution is explained here");
    expect(out.text).toMatch(/article\.\n\nApproval gates/);
    expect(out.text).not.toContain("Pricing");
    expect(out.text).not.toContain("All rights reserved");
    expect(logs).toEqual(["fetched"]);
  });

  it("returns plain text as is", async () => {
    const out = await fetchReadable(`${origin}/notes.txt`, { allowPrivate: true });
    expect(out).toMatchObject({ title: "notes.txt", byline: null, excerpt: null, text: "line one\nline two\n", contentType: "text/plain" });
  });

  it("pretty-prints JSON", async () => {
    const out = await fetchReadable(`${origin}/data.json`, { allowPrivate: true });
    expect(out.text).toBe('{\n  "trends": [\n    "agents",\n    "canvas"\n  ]\n}');
  });

  it("cuts the text at maxChars", async () => {
    const out = await fetchReadable(`${origin}/article`, { allowPrivate: true, maxChars: 100 });
    expect(out.text).toHaveLength(100);
    expect(out.truncated).toBe(true);
  });

  it("names the status and URL of a non-2xx answer", async () => {
    const err = await fetchReadable(`${origin}/missing`, { allowPrivate: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchFailedError);
    expect((err as Error).message).toBe(`failed to fetch ${origin}/missing: HTTP 404 Not Found`);
  });

  it("refuses unsupported content types", async () => {
    await expect(fetchReadable(`${origin}/image.png`, { allowPrivate: true })).rejects.toThrow(`unsupported content type "image/png"`);
  });

  it("follows a redirect chain", async () => {
    const out = await fetchReadable(`${origin}/a`, { allowPrivate: true });
    expect(out.url).toBe(`${origin}/a`);
    expect(out.finalUrl).toBe(`${origin}/article`);
    expect(out.title).toBe("Canvas planning, explained");
  });

  it("refuses a private address unless allowed", async () => {
    const err = await fetchUrl.execute({ url: `${origin}/article`, maxChars: 1000 }, context(false)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect((err as Error).message).toContain("127.0.0.1 is a loopback address (set PLANVAS_ALLOW_PRIVATE_URLS=1");
  });

  it("validates its input", () => {
    expect(fetchUrlInputSchema.parse({ url: "https://example.com" })).toEqual({ url: "https://example.com", maxChars: 20_000 });
    expect(fetchUrlInputSchema.safeParse({ url: "file:///etc/passwd" }).success).toBe(false);
  });
});
