import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import { allowedMethods, API_ROUTES } from "../lib/http/routes";
import { AppProcess } from "./support/server";

// What only a real server shows: requests written byte by byte on a raw socket to `next start`.
// Bodies that lie about their length or never finish, methods Next cannot represent (TRACE,
// CONNECT), undecodable path segments, a broken request line. Each must get a JSON answer, fast.
// The handlers' own rules are fuzzed in app/api/api-fuzz.test.ts.
const BODY_TIMEOUT_MS = 1000;
test.describe.configure({ mode: "serial", timeout: 30_000 });

let app: AppProcess;
test.beforeAll(async () => {
  app = new AppProcess(3251, { PLANVAS_BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS) });
  await app.start();
});
test.afterAll(async () => {
  await app?.kill();
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  ms: number;
}

/**
 * Writes `head` (CRLFs added) and `body` on a fresh socket; resolves with the answer as soon as it
 * is complete (the server may keep the connection open to drain a body), or fails after `waitMs`.
 */
function raw(lines: string[], body = "", waitMs = 5_000): Promise<RawAnswer> {
  // Signed in as the server's owner (token for the API, session cookie for pages), so what is tested is
  // the handling of the request, not the missing credentials.
  const head = app.token && lines.length ? [lines[0]!, `Authorization: Bearer ${app.token}`, `Cookie: ${app.sessionCookie}`, ...lines.slice(1)] : lines;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(app.port, "127.0.0.1");
    let data = Buffer.alloc(0);
    const timer = setTimeout(
      () => finish(new Error(`no complete answer within ${waitMs} ms; got ${JSON.stringify(data.toString("latin1").slice(0, 300))}`)),
      waitMs,
    );
    const finish = (error?: Error, answer?: RawAnswer) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(answer!);
    };
    const parse = (closed: boolean) => {
      const text = data.toString("latin1");
      const end = text.indexOf("\r\n\r\n");
      if (end < 0) return closed && finish(new Error(`connection closed without an answer: ${JSON.stringify(text.slice(0, 300))}`));
      const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(":");
        headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine!)?.[1]);
      let rest = data.subarray(Buffer.byteLength(text.slice(0, end + 4), "latin1"));
      let content: Buffer | null = null;
      if (headers["transfer-encoding"] === "chunked") {
        const parts: Buffer[] = [];
        for (;;) {
          const nl = rest.indexOf("\r\n");
          if (nl < 0) break;
          const size = parseInt(rest.subarray(0, nl).toString(), 16);
          if (rest.length < nl + 2 + size + 2) break;
          if (size === 0) {
            content = Buffer.concat(parts);
            break;
          }
          parts.push(rest.subarray(nl + 2, nl + 2 + size));
          rest = rest.subarray(nl + 2 + size + 2);
        }
      } else if (headers["content-length"] !== undefined) {
        if (rest.length >= Number(headers["content-length"])) content = rest.subarray(0, Number(headers["content-length"]));
      } else if (closed) content = rest;
      if (content) finish(undefined, { status, headers, body: content.toString("utf8"), ms: Date.now() - started });
      else if (closed) finish(new Error(`connection closed mid-answer: ${JSON.stringify(text.slice(0, 300))}`));
    };
    socket.on("data", (chunk) => {
      data = Buffer.concat([data, chunk]);
      parse(false);
    });
    socket.on("close", () => parse(true));
    socket.on("error", () => {});
    socket.write(`${head.join("\r\n")}\r\n\r\n${body}`);
  });
}

/** A JSON error answer: `{error, issues: [{path, message}]}` with at least one path. */
function expectJsonError(a: RawAnswer, status: number, path?: string) {
  expect(a.status, a.body).toBe(status);
  expect(a.headers["content-type"]).toMatch(/^application\/json/);
  const body = JSON.parse(a.body) as { error: string; issues: { path: string; message: string }[] };
  expect(typeof body.error).toBe("string");
  expect(body.issues.length).toBeGreaterThan(0);
  for (const issue of body.issues) expect(typeof issue.path).toBe("string");
  if (path) expect(body.issues.map((i) => i.path)).toContain(path);
  return body;
}

const ID = "00000000-0000-4000-8000-00000000abcd";
const concrete = (path: string) =>
  path
    .replace(/\[stepId\]/, "step_1")
    .replace(/\[version\]/, "1")
    .replace(/\[\w+\]/g, ID);
const bodyRoutes = API_ROUTES.flatMap((r) => r.methods.filter((m) => m === "POST" || m === "PUT").map((m) => ({ method: m, path: concrete(r.path) }))).filter(
  (r) => r.path !== "/api/inngest",
);
// Routes that never read their body answer without waiting for it; so does a webhook URL naming no webhook.
const bodyless = (path: string): [number, string] | null =>
  path.endsWith("/cancel") ? [404, "runId"] : path.startsWith("/api/hooks/") ? [404, "(url)"] : null;

test("a declared Content-Length above the route's limit is 413 at once, on every route that reads a body", async () => {
  for (const { method, path } of bodyRoutes) {
    const a = await raw([`${method} ${path} HTTP/1.1`, "Host: planvas.test", "Content-Type: application/json", "Content-Length: 99999999"], "{}");
    const early = bodyless(path);
    expectJsonError(a, early?.[0] ?? 413, early?.[1] ?? "(body)");
    expect(a.ms, `${method} ${path}`).toBeLessThan(3_000);
  }
  // A multipart upload is limited the same way.
  const upload = await raw(
    ["POST /api/documents HTTP/1.1", "Host: planvas.test", "Content-Type: multipart/form-data; boundary=x", "Content-Length: 99999999"],
    "--x\r\n",
  );
  expectJsonError(upload, 413, "(body)");
});

test("a body that does not arrive in full within PLANVAS_BODY_TIMEOUT_MS is 408", async () => {
  const slow = await raw(["POST /api/plans HTTP/1.1", "Host: planvas.test", "Content-Type: application/json", "Content-Length: 100"], '{"ti');
  expectJsonError(slow, 408, "(body)");
  expect(slow.ms).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS - 50);
  expect(slow.ms).toBeLessThan(BODY_TIMEOUT_MS + 3_000);
  // Chunked, with no last chunk.
  const chunked = await raw(["POST /api/runs HTTP/1.1", "Host: planvas.test", "Content-Type: application/json", "Transfer-Encoding: chunked"], '3\r\n{"p\r\n');
  expectJsonError(chunked, 408, "(body)");
  expect(chunked.ms).toBeLessThan(BODY_TIMEOUT_MS + 3_000);
});

test("pages take no body: 405 at once, even with a lying Content-Length (the proxy would wait for it)", async () => {
  for (const path of ["/", "/plans/new", "/login", "/runs"]) {
    const a = await raw([`POST ${path} HTTP/1.1`, "Host: planvas.test", "Content-Length: 99999999"], "ab");
    expectJsonError(a, 405, "(method)");
    expect(a.headers.allow).toBe("GET, HEAD");
    expect(a.ms).toBeLessThan(3_000);
  }
  const page = await raw(["GET /plans/new HTTP/1.1", "Host: planvas.test", "Connection: close"]);
  expect(page.status).toBe(200);
});

test("TRACE, CONNECT and every method a route lacks are 405 JSON with Allow, on every route", async () => {
  for (const route of API_ROUTES) {
    const path = concrete(route.path);
    const allow = allowedMethods(route).join(", ");
    const missing = ["PATCH", "PUT", "DELETE", "POST"].find((m) => !route.methods.includes(m))!;
    for (const method of ["TRACE", "PROPFIND", "CONNECT", missing]) {
      const a = await raw([`${method} ${path} HTTP/1.1`, "Host: planvas.test", "Connection: close"]);
      expectJsonError(a, 405, "(method)");
      expect(a.headers.allow, `${method} ${path}`).toBe(allow);
    }
  }
  expectJsonError(await raw(["TRACE / HTTP/1.1", "Host: planvas.test", "Connection: close"]), 405, "(method)");
});

test("an undecodable path segment (a lone surrogate) is 400 naming the parameter", async () => {
  for (const route of API_ROUTES.filter((r) => r.path.includes("["))) {
    for (const param of route.path.match(/\[\w+\]/g)!) {
      for (const bad of ["%ED%A0%80", "%uD800", "%"]) {
        const path = concrete(route.path.replace(param, bad));
        const a = await raw([`${route.methods[0]} ${path} HTTP/1.1`, "Host: planvas.test", "Connection: close"]);
        expectJsonError(a, 400, param.slice(1, -1));
      }
    }
  }
  expectJsonError(await raw(["GET /plans/%ED%A0%80 HTTP/1.1", "Host: planvas.test", "Connection: close"]), 400, "(path)");
});

test("NUL and surrogates in ids, queries and bodies are 4xx JSON; unknown API paths and broken requests too", async () => {
  expectJsonError(await raw([`GET /api/plans/%00 HTTP/1.1`, "Host: planvas.test", "Connection: close"]), 404, "planId");
  expectJsonError(await raw([`GET /api/plans/${"-".repeat(36)} HTTP/1.1`, "Host: planvas.test", "Connection: close"]), 404, "planId");
  // An empty parameter is an absent one: all runs.
  const empty = await raw([`GET /api/runs?planId=&limit= HTTP/1.1`, "Host: planvas.test", "Connection: close"]);
  expect(empty.status).toBe(200);
  expect(JSON.parse(empty.body)).toEqual({ runs: [] });
  expectJsonError(await raw([`GET /api/runs?planId=${"-".repeat(36)} HTTP/1.1`, "Host: planvas.test", "Connection: close"]), 400, "planId");
  expectJsonError(await raw([`GET /api/documents?q=%00 HTTP/1.1`, "Host: planvas.test", "Connection: close"]), 400, "q");
  const body = '{"title":"x\\u0000","steps":[]}';
  expectJsonError(
    await raw(
      ["POST /api/plans HTTP/1.1", "Host: planvas.test", "Content-Type: application/json", `Content-Length: ${body.length}`, "Connection: close"],
      body,
    ),
    400,
    "title",
  );
  const deep = "[".repeat(200_000) + "]".repeat(200_000);
  expectJsonError(
    await raw(
      ["POST /api/plans HTTP/1.1", "Host: planvas.test", "Content-Type: application/json", `Content-Length: ${deep.length}`, "Connection: close"],
      deep,
    ),
    400,
  );
  expectJsonError(await raw(["GET /api/nope HTTP/1.1", "Host: planvas.test", "Connection: close"]), 404, "(path)");
  expectJsonError(await raw(["FOO /api/plans HTTP/1.1", "Host: planvas.test"]), 400, "(request)");
  expectJsonError(await raw(["OPTIONS * HTTP/1.1", "Host: planvas.test", "Connection: close"]), 400, "(path)");
  // And the server is still fine.
  const health = await raw(["GET /api/health HTTP/1.1", "Host: planvas.test", "Connection: close"]);
  expect(health.status).toBe(200);
});
