import http from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardServer, screenRequest } from "./guard";
import { allowedMethods, API_ROUTES, matchApiRoute } from "./routes";

describe("the API route table", () => {
  it("matches paths as Next does (static segments first)", () => {
    expect(matchApiRoute("/api/plans/abc/versions/2")).toMatchObject({
      route: { path: "/api/plans/[planId]/versions/[version]" },
      params: { planId: "abc", version: "2" },
    });
    expect(matchApiRoute("/api/planner/edit")?.route.path).toBe("/api/planner/edit");
    expect(matchApiRoute("/api/plans/")).toBeNull();
    expect(matchApiRoute("/api/nope")).toBeNull();
    expect(allowedMethods(API_ROUTES.find((r) => r.path === "/api/plans/[planId]")!)).toEqual(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
  });
});

describe("screenRequest", () => {
  it("lets allowed methods through, untouched", () => {
    for (const [m, u] of [
      ["GET", "/api/plans?x=%00"],
      ["HEAD", "/api/plans"],
      ["OPTIONS", "/api/runs/abc"],
      ["POST", "/api/runs/abc/steps/s/decision"],
      ["GET", "/"],
      ["GET", "/plans/%00"],
      ["POST", "/_next/whatever"],
      ["GET", "/api/plans/"],
      ["GET", "//api//plans/"],
    ]) {
      expect(screenRequest(m!, u!), `${m} ${u}`).toBeNull();
    }
  });

  it("405 with Allow for a method the route lacks, TRACE included", () => {
    expect(screenRequest("TRACE", "/api/plans")).toEqual({
      status: 405,
      allow: "GET, HEAD, OPTIONS, POST",
      body: { error: '"TRACE" is not allowed on /api/plans', issues: [{ path: "(method)", message: "allowed: GET, HEAD, OPTIONS, POST" }] },
    });
    expect(screenRequest("PATCH", "/api/runs/x")?.allow).toBe("GET, HEAD, OPTIONS");
    expect(screenRequest("POST", "/plans/new")).toMatchObject({ status: 405, allow: "GET, HEAD" });
    expect(screenRequest("TRACE", "/_next/static/x.js")).toMatchObject({ status: 405 });
    expect(screenRequest("TRACE", "http://evil.test/api/health")).toMatchObject({ status: 405, allow: "GET, HEAD, OPTIONS" });
  });

  it("400 naming the parameter for an undecodable segment", () => {
    expect(screenRequest("GET", "/api/plans/%ED%A0%80")).toMatchObject({ status: 400, body: { issues: [{ path: "planId" }] } });
    expect(screenRequest("POST", "/api/runs/x/steps/%uD800/decision")).toMatchObject({ status: 400, body: { issues: [{ path: "stepId" }] } });
    expect(screenRequest("GET", "/plans/%")).toMatchObject({ status: 400, body: { issues: [{ path: "(path)" }] } });
  });

  it("400 for a request target that is not a path", () => {
    expect(screenRequest("OPTIONS", "*")).toMatchObject({ status: 400, body: { issues: [{ path: "(path)" }] } });
    expect(screenRequest("GET", "*")).toMatchObject({ status: 400 });
    expect(screenRequest("CONNECT", "example.com:443")).toMatchObject({ status: 405 });
  });

  it("404 for an API path no route has", () => {
    expect(screenRequest("GET", "/api/plan")).toMatchObject({ status: 404, body: { issues: [{ path: "(path)" }] } });
    expect(screenRequest("GET", "/api")).toMatchObject({ status: 404 });
  });
});

describe("guardServer on a real Node server", () => {
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end("next"));
    guardServer(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const send = (text: string) =>
    new Promise<string>((resolve) => {
      const s = connect(port, "127.0.0.1");
      let out = "";
      s.on("data", (d) => (out += d));
      s.on("close", () => resolve(out));
      s.write(text);
    });

  it("answers TRACE, CONNECT and broken requests itself, as JSON, and passes the rest on", async () => {
    expect(await send("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).toMatch(/200 OK[\s\S]*\r\n\r\nnext$/);
    const trace = await send("TRACE /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(trace).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    expect(trace).toMatch(/\r\nallow: GET, HEAD, OPTIONS\r\n/);
    expect(JSON.parse(trace.slice(trace.indexOf("\r\n\r\n") + 4))).toMatchObject({ issues: [{ path: "(method)" }] });
    expect(await send("CONNECT /api/plans HTTP/1.1\r\nHost: x\r\n\r\n")).toMatch(/^HTTP\/1\.1 405 [\s\S]*"path":"\(method\)"/);
    expect(await send("FOO / HTTP/1.1\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 [\s\S]*"path":"\(request\)"/);
  });
});
