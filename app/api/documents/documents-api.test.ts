import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "@/lib/db";
import { openTestDatabase, testBackends } from "@/lib/db/testing";
import { seedSamples } from "@/lib/knowledge/seed";
import * as one from "./[documentId]/route";
import * as collection from "./route";

// The real route handlers, called as Next calls them, on a real (test) database.
const BASE = "http://planvas.test/api/documents";
const post = (body: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) =>
  collection.POST(new Request(BASE, { method: "POST", body, headers }));
const postJson = (value: unknown) => post(JSON.stringify(value));
const upload = (name: string, content: BlobPart, extra: Record<string, string> = {}) => {
  const form = new FormData();
  form.set("file", new File([content], name));
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  return collection.POST(new Request(BASE, { method: "POST", body: form }));
};
const list = async (query = "") => collection.GET(new Request(`${BASE}${query}`));
const ctx = (documentId: string) => ({ params: Promise.resolve({ documentId }) });
type Issues = { error: string; issues: { path: string; message: string }[] };

describe.each(testBackends)("documents API on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let server: Server;
  let origin = "";
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedSamples(db);
    setDatabase(db);
    server = createServer((req, res) => {
      if (req.url === "/article") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(
          "<!doctype html><html><head><title>Kombucha brewing guide</title></head><body><nav>Home · Shop</nav><article><h1>Kombucha brewing guide</h1>" +
            "<p>Kombucha is fermented sweet tea. A healthy SCOBY turns sugar into acids over seven to ten days.</p>".repeat(8) +
            "</article></body></html>",
        );
      } else if (req.url === "/notes.md") {
        res.writeHead(200, { "content-type": "text/markdown" });
        res.end("# Field notes\n\nMarkdown straight from the server.");
      } else {
        res.writeHead(404).end("not here");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    setDatabase(undefined);
    await new Promise((resolve) => server?.close(resolve));
    await db?.drop();
  });

  it("adds a pasted document, reads, lists, searches and deletes it", async () => {
    const res = await postJson({ title: "Sourdough starter log", content: "Feed the **sourdough** starter twice a day at 24 °C.", format: "markdown" });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(res.headers.get("location")).toBe(`/api/documents/${id}`);

    const got = (await (await one.GET(new Request(`${BASE}/${id}`), ctx(id))).json()) as Record<string, unknown>;
    expect(got).toMatchObject({
      id,
      title: "Sourdough starter log",
      format: "markdown",
      content: expect.stringContaining("twice a day"),
      isSample: false,
      sourceUrl: null,
    });
    expect(got).not.toHaveProperty("ownerId");
    expect(typeof got.createdAt).toBe("string");

    const all = (await (await list()).json()) as { documents: { id: string; isSample: boolean; chars: number }[] };
    expect(all.documents[0]).toMatchObject({ id, chars: 52 });
    expect(all.documents.some((d) => d.isSample)).toBe(true);

    const found = (await (await list("?q=sourdough&limit=5")).json()) as { documents: { id: string; snippet: string }[] };
    expect(found.documents[0]).toMatchObject({ id, snippet: expect.stringContaining("«sourdough»") });

    expect((await one.DELETE(new Request(`${BASE}/${id}`, { method: "DELETE" }), ctx(id))).status).toBe(204);
    expect((await one.GET(new Request(`${BASE}/${id}`), ctx(id))).status).toBe(404);
    expect((await one.DELETE(new Request(`${BASE}/${id}`, { method: "DELETE" }), ctx(id))).status).toBe(404);
  });

  it("defaults the format to markdown and keeps a source URL", async () => {
    const res = await postJson({ title: "Clipped", content: "text", sourceUrl: "https://example.org/a" });
    const { id } = (await res.json()) as { id: string };
    expect(await (await one.GET(new Request(BASE), ctx(id))).json()).toMatchObject({ format: "markdown", sourceUrl: "https://example.org/a" });
  });

  it("answers bad JSON input with 400 naming the path", async () => {
    const missing = await postJson({ content: "x" });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as Issues).issues).toContainEqual({ path: "title", message: "is required" });

    const bad = (await (await postJson({ title: " ", content: "  ", format: "pdf", extra: 1 })).json()) as Issues;
    expect(bad.issues.map((i) => i.path).sort()).toEqual(["(root)", "content", "format", "title"]);
    expect(bad.error).toMatch(/^invalid document: /);

    expect((await postJson({ title: "x".repeat(301), content: "x" })).status).toBe(400);
    expect((await postJson({ title: "x", content: "x", sourceUrl: "javascript:alert(1)" })).status).toBe(400);
    expect((await postJson(["not", "an", "object"])).status).toBe(400);
    expect((await post('{"title":')).status).toBe(400);
    expect((await post("")).status).toBe(400);
  });

  it("answers 413 for content over 1,000,000 characters", async () => {
    const res = await postJson({ title: "Huge", content: "x".repeat(1_000_001) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Issues).issues[0]!.path).toBe("content");
  });

  it("uploads .md and .txt files, titled by their first heading or their name", async () => {
    const md = await upload("launch-plan.md", "Intro line\n\n## Coffee blend launch plan\n\nRoast on Monday.");
    expect(md.status).toBe(201);
    const mdDoc = await (await one.GET(new Request(BASE), ctx(((await md.json()) as { id: string }).id))).json();
    expect(mdDoc).toMatchObject({ title: "Coffee blend launch plan", format: "markdown" });

    const txt = await upload("meeting notes.txt", "\uFEFFNo heading here, just notes.");
    const txtDoc = (await (await one.GET(new Request(BASE), ctx(((await txt.json()) as { id: string }).id))).json()) as {
      title: string;
      format: string;
      content: string;
    };
    expect(txtDoc).toMatchObject({ title: "meeting notes", format: "text", content: "No heading here, just notes." });

    const titled = await upload("x.markdown", "# Heading", { title: "Chosen title" });
    expect(await (await one.GET(new Request(BASE), ctx(((await titled.json()) as { id: string }).id))).json()).toMatchObject({ title: "Chosen title" });
  });

  it("refuses other files with 400, and files over 1 MB with 413", async () => {
    const pdf = await upload("report.pdf", "%PDF-1.7");
    expect(pdf.status).toBe(400);
    expect(await pdf.json()).toMatchObject({ issues: [{ path: "file", message: expect.stringContaining("report.pdf") }] });
    expect((await upload("latin1.txt", new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).status).toBe(400);
    expect((await upload("empty.md", "  \n")).status).toBe(400);
    expect((await upload("big.md", "x".repeat(1_000_001))).status).toBe(413);
    const noFile = await collection.POST(new Request(BASE, { method: "POST", body: new FormData() }));
    expect(noFile.status).toBe(400);
    const broken = await post("--x\r\nnot a form", { "content-type": "multipart/form-data; boundary=zzz" });
    expect(broken.status).toBe(400);
  });

  it("imports a web page by URL", async () => {
    process.env.PLANVAS_ALLOW_PRIVATE_URLS = "1";
    try {
      const res = await postJson({ url: `${origin}/article` });
      expect(res.status).toBe(201);
      const doc = (await (await one.GET(new Request(BASE), ctx(((await res.json()) as { id: string }).id))).json()) as {
        title: string;
        content: string;
        format: string;
        sourceUrl: string;
      };
      expect(doc).toMatchObject({ title: "Kombucha brewing guide", format: "text", sourceUrl: `${origin}/article` });
      expect(doc.content).toContain("SCOBY");
      expect(doc.content).not.toContain("<p>");

      const md = await postJson({ url: `${origin}/notes.md` });
      expect(await (await one.GET(new Request(BASE), ctx(((await md.json()) as { id: string }).id))).json()).toMatchObject({
        title: "Field notes",
        format: "markdown",
      });

      const missing = await postJson({ url: `${origin}/gone` });
      expect(missing.status).toBe(502);
      expect(((await missing.json()) as Issues).issues[0]).toMatchObject({ path: "url", message: expect.stringContaining("404") });
    } finally {
      delete process.env.PLANVAS_ALLOW_PRIVATE_URLS;
    }
  });

  it("refuses private addresses and bad URLs with 400 naming the URL and the reason", async () => {
    const res = await postJson({ url: `${origin}/article` });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Issues;
    expect(body.error).toContain("127.0.0.1");
    expect(body.error).toContain("loopback");
    expect(body.issues[0]!.path).toBe("url");
    expect((await postJson({ url: "ftp://example.com/x" })).status).toBe(400);
    expect((await postJson({ url: "not a url" })).status).toBe(400);
    expect((await postJson({ url: "https://example.com", title: "x" })).status).toBe(400);
  });

  it("validates list parameters", async () => {
    expect((await list("?limit=0")).status).toBe(400);
    expect((await list("?limit=abc")).status).toBe(400);
    expect((await list("?offset=-1")).status).toBe(400);
    expect((await list(`?q=${"a".repeat(501)}`)).status).toBe(400);
    const page = (await (await list("?limit=2&offset=1")).json()) as { documents: unknown[] };
    expect(page.documents).toHaveLength(2);
    const none = (await (await list("?q=xylophonist")).json()) as { documents: unknown[] };
    expect(none.documents).toEqual([]);
  });

  it("answers 404 for unknown and malformed ids", async () => {
    expect((await one.GET(new Request(BASE), ctx("00000000-0000-4000-8000-00000000dead"))).status).toBe(404);
    expect((await one.GET(new Request(BASE), ctx("not-a-uuid"))).status).toBe(404);
    expect((await one.DELETE(new Request(BASE, { method: "DELETE" }), ctx("not-a-uuid"))).status).toBe(404);
  });
});
