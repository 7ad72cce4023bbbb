import { describe, expect, it } from "vitest";
import { isUuid, parseId, parseStepId } from "./ids";
import { apiError, readBody, readJson, readQuery } from "./json";
import { MAX_JSON_DEPTH, tooDeepAt } from "./json-depth";
import { findUnsafeText, unsafeText } from "./text";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://planvas.test/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

/** A body that sends `first` and then nothing, ever (a slow or lying client). */
function stalled(first: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      c.enqueue(new TextEncoder().encode(first));
    },
  });
}

async function errorOf(res: Response) {
  return (await res.json()) as { error: string; issues: { path: string; message: string }[] };
}

describe("ids", () => {
  it("accepts canonical uuids only", () => {
    expect(isUuid("00000000-0000-4000-8000-000000000001")).toBe(true);
    expect(isUuid("ABCDEF01-2345-6789-ABCD-EF0123456789")).toBe(true);
    for (const bad of [
      "-".repeat(36),
      "",
      "\u0000",
      "00000000-0000-4000-8000-00000000000",
      "00000000000040008000000000000001",
      "{00000000-0000-4000-8000-000000000001}",
      "00000000-0000-4000-8000-000000000001\n",
      "__proto__",
      "g0000000-0000-4000-8000-000000000001",
    ]) {
      expect(isUuid(bad), bad).toBe(false);
    }
  });

  it("answers a bad id with 404 naming the field", async () => {
    const r = parseId("planId", "plan", "-".repeat(36));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.response.status).toBe(404);
    expect(await errorOf(r.response)).toEqual({ error: `no plan with id "${"-".repeat(36)}"`, issues: [{ path: "planId", message: "must be an id (uuid)" }] });
    const step = parseStepId("a\u0000");
    expect(!step.ok && step.response.status).toBe(404);
    expect(parseStepId("generate_outline")).toEqual({ ok: true, id: "generate_outline" });
  });
});

describe("the text rule", () => {
  it("refuses NUL and lone surrogates, keeps pairs", () => {
    expect(unsafeText("plain ✓ 😀")).toBeNull();
    expect(unsafeText("a\u0000b")).toMatch(/NUL.*position 1/);
    expect(unsafeText("\uD800")).toMatch(/lone surrogate \(U\+D800\)/);
    expect(unsafeText("x\uDC00")).toMatch(/U\+DC00/);
    expect(unsafeText("\uD83D\uDE00\uD83D")).toMatch(/position 2/);
  });

  it("names the JSON path of the first bad string or key", () => {
    expect(findUnsafeText({ a: [1, "ok", { b: "x\u0000" }] })).toEqual({ path: "a[2].b", message: expect.stringMatching(/NUL/) });
    expect(findUnsafeText({ ok: 1, ["k\uD800"]: 1 })).toEqual({ path: '["k\\ud800"]', message: expect.stringMatching(/^the key contains a lone surrogate/) });
    expect(findUnsafeText({ first: "\u0000", second: "\u0000" })?.path).toBe("first");
    expect(findUnsafeText([["fine"], { __proto__: "ok", constructor: "ok" }])).toBeNull();
  });

  it("applies to query parameters", () => {
    const bad = readQuery(new Request("http://planvas.test/api/documents?limit=1&q=a%00b"));
    expect(bad.ok).toBe(false);
    const good = readQuery(new Request("http://planvas.test/api/documents?q=%ED%A0%80"));
    expect(good.ok && good.params.get("q")).toBe("\uFFFD\uFFFD\uFFFD");
  });
});

describe("JSON depth", () => {
  const nested = (n: number) => "[".repeat(n) + "]".repeat(n);
  it("allows 64 levels and names the path of the 65th", () => {
    expect(tooDeepAt(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(tooDeepAt(nested(MAX_JSON_DEPTH + 1))).toBe("[0]".repeat(MAX_JSON_DEPTH));
    const obj = `{"a":[1,{"b\\"c":${nested(MAX_JSON_DEPTH)}}]}`;
    expect(tooDeepAt(obj)).toBe(`a[1]["b\\"c"]${"[0]".repeat(MAX_JSON_DEPTH - 3)}`);
  });

  it("ignores brackets inside strings and is linear on 200,000 levels", () => {
    expect(tooDeepAt(JSON.stringify({ s: "[".repeat(1000), t: '\\"[[[' }))).toBeNull();
    const started = Date.now();
    expect(tooDeepAt(nested(200_000))).not.toBeNull();
    expect(Date.now() - started).toBeLessThan(2_000); // quadratic would take minutes; this allows a loaded machine
  });
});

describe("readJson / readBody", () => {
  it("refuses deep nesting, NUL and lone surrogates with 400 and a path", async () => {
    const deep = await readJson(post("[".repeat(200_000) + "]".repeat(200_000)), 1_000_000);
    expect(!deep.ok && deep.response.status).toBe(400);
    if (!deep.ok) expect((await errorOf(deep.response)).issues[0]!.path).toMatch(/^\[0\]\[0\]/);
    for (const [body, path] of [
      ['{"title":"a\\u0000"}', "title"],
      ['{"steps":[{"id":"\\ud800"}]}', "steps[0].id"],
      ['{"a\\u0000":1}', '["a\\u0000"]'],
    ]) {
      const r = await readJson(post(body!));
      expect(r.ok).toBe(false);
      if (!r.ok) expect((await errorOf(r.response)).issues[0]!.path).toBe(path);
    }
    expect(await readJson(post('{"pair":"\\ud83d\\ude00","__proto__":{"x":1}}'))).toMatchObject({ ok: true });
  });

  it("answers a declared Content-Length above the limit with 413 before reading", async () => {
    const r = await readBody(post(stalled("{}"), { "content-length": "99999999" }), 1000);
    expect(!r.ok && r.response.status).toBe(413);
    if (!r.ok) expect(r.response.headers.get("connection")).toBe("close");
  });

  it("answers a body that grows past the limit with 413", async () => {
    const r = await readBody(post("x".repeat(2000)), 1000);
    expect(!r.ok && r.response.status).toBe(413);
  });

  it("answers a body that does not arrive in time with 408", async () => {
    const started = Date.now();
    const r = await readBody(post(stalled('{"a')), 1000, 150);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(!r.ok && r.response.status).toBe(408);
    if (!r.ok) expect(await errorOf(r.response)).toMatchObject({ issues: [{ path: "(body)" }] });
  });

  it("answers a body that fails mid-way with 400", async () => {
    const broken = new ReadableStream({
      pull(c) {
        c.error(new Error("aborted"));
      },
    });
    const r = await readBody(post(broken), 1000);
    expect(!r.ok && r.response.status).toBe(400);
  });
});

describe("apiError", () => {
  it("always carries at least one issue with a path", async () => {
    expect(await errorOf(apiError(401, "sign in required"))).toEqual({
      error: "sign in required",
      issues: [{ path: "(request)", message: "sign in required" }],
    });
    expect(await errorOf(apiError(400, "bad", [{ path: "x", message: "y" }]))).toEqual({ error: "bad", issues: [{ path: "x", message: "y" }] });
  });
});
