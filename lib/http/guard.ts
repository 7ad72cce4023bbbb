// The request guard: answers, as JSON, the requests that Next itself would answer with a 500, an
// empty body or not at all — before Next sees them. Measured with `next start` (Next 16.4):
//
// - TRACE (and every method outside GET HEAD OPTIONS POST PUT PATCH DELETE that Node's parser
//   accepts: PROPFIND, PURGE, SEARCH, …): Next builds a WHATWG Request for the proxy and for route
//   handlers, and undici refuses those methods ("'TRACE' HTTP method is unsupported") → plain-text
//   500 on every route. CONNECT never reaches 'request' at all (Node closes the socket). A method
//   a route file does not export gets Next's automatic 405, with an empty body and no Allow header.
// - A path segment that is not valid percent-encoded UTF-8 (a lone surrogate, `%ED%A0%80` or
//   `%uD800`, or a bare `%`): Next's route matcher throws while decoding the parameter and, with
//   no /400 page in the App Router, answers a plain-text 500.
// - A request target that is not a path (`OPTIONS *`, `GET *`): "Invalid URL" → plain-text 500.
// - A body sent to a page: Next runs proxy.ts for pages and then waits for the whole body before
//   rendering (see proxy.ts), so a lying Content-Length hangs the request. Pages take no body
//   (this app has no Server Actions: if it ever gets some, let `next-action` POSTs through here).
//
// So: a method a route does not have → 405 with `Allow` (every route, see lib/http/routes.ts);
// an undecodable path segment or a target that is no path → 400 naming the parameter or "(path)";
// an /api path no route has → 404; a malformed request line or header → 400 / 431 as Node would,
// but JSON. Everything else goes to Next unchanged; bodies of API routes are limited where they
// are read (lib/http/json.ts readBody).
//
// It hooks Node's HTTP server, since nothing in Next runs early enough: instrumentation.ts calls
// installRequestGuard(), which adopts each http.Server of the process on its first connection
// (diagnostics_channel "net.server.socket") and puts itself in front of its 'request' listeners.
// Without a Node server of ours (a serverless platform) it does nothing, and Next's own answers stand.
import dc from "node:diagnostics_channel";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { ApiIssue } from "./json";
import { allowedMethods, matchApiRoute } from "./routes";
import { peekProcessSingleton, processSingleton, setProcessSingleton } from "../singleton";

/** What the guard answers instead of Next. */
export interface Refusal {
  status: 400 | 404 | 405;
  allow?: string;
  body: { error: string; issues: ApiIssue[] };
}

/** Methods Next can represent (a WHATWG Request); anything else fails inside Next. */
const NEXT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);
const PAGE_METHODS = ["GET", "HEAD"];

const shown = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 79)}…` : s);

function refuse(status: Refusal["status"], error: string, path: string, message: string, allow?: string): Refusal {
  return { status, ...(allow ? { allow } : {}), body: { error, issues: [{ path, message }] } };
}

function methodNotAllowed(method: string, where: string, allow: readonly string[]): Refusal {
  return refuse(405, `${shown(method)} is not allowed on ${where}`, "(method)", `allowed: ${allow.join(", ")}`, allow.join(", "));
}

/**
 * The guard's decision for a request line: a refusal, or null to let Next answer. `url` is the
 * request target as sent (req.url: path and query, still percent-encoded).
 */
export function screenRequest(method: string, url: string): Refusal | null {
  const target = /^https?:\/\//i.test(url) ? url.replace(/^https?:\/\/[^/?#]*/i, "") || "/" : url;
  if (!target.startsWith("/")) {
    // `*` (OPTIONS *), authority-form: Next fails to parse them ("Invalid URL" → 500).
    if (!NEXT_METHODS.has(method)) return methodNotAllowed(method, shown(url), PAGE_METHODS);
    return refuse(400, `the request target ${shown(url)} is not a path`, "(path)", "must start with /");
  }
  const pathname = target.replace(/[?#].*$/s, "");
  // Next redirects `//` and `\` to the normalized path and strips one trailing slash: match as it would.
  const normal = pathname.replace(/[\\/]+/g, "/").replace(/(.)\/$/, "$1");
  const isApi = normal === "/api" || normal.startsWith("/api/");
  const match = isApi ? matchApiRoute(normal) : null;

  const bad = normal.split("/").find((segment) => {
    try {
      decodeURIComponent(segment);
      return false;
    } catch {
      return true;
    }
  });
  if (bad !== undefined) {
    const param = match && Object.entries(match.params).find(([, raw]) => raw === bad)?.[0];
    const message = "is not valid percent-encoded UTF-8 (a lone surrogate or a broken % escape)";
    return refuse(400, `malformed URL path: ${param ?? "(path)"} ${shown(bad)} ${message}`, param ?? "(path)", message);
  }

  if (isApi) {
    if (!match) return refuse(404, `no API route at ${shown(normal)}`, "(path)", "no such API route; see the HTTP API in README.md");
    const allow = allowedMethods(match.route);
    return allow.includes(method) ? null : methodNotAllowed(method, match.route.path, allow);
  }
  // Next's own files and dev tooling keep their methods; only what Next cannot represent is refused.
  if (normal.startsWith("/_next/") || normal.startsWith("/__next"))
    return NEXT_METHODS.has(method) ? null : methodNotAllowed(method, "this path", PAGE_METHODS);
  return PAGE_METHODS.includes(method) ? null : methodNotAllowed(method, "pages", PAGE_METHODS);
}

/** An answer written by the guard; the connection closes, so an unread body is never waited for. */
function bodyOf(status: number, allow: string | undefined, body: Refusal["body"]) {
  const text = JSON.stringify(body);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-length": String(Buffer.byteLength(text)),
    connection: "close",
  };
  if (allow) headers.allow = allow;
  return { headers, text };
}

function answer(res: ServerResponse, r: Refusal) {
  const { headers, text } = bodyOf(r.status, r.allow, r.body);
  res.writeHead(r.status, headers);
  res.end(text);
}

/** For CONNECT and parse errors there is no response object: write the HTTP message by hand. */
function writeRaw(socket: Duplex, status: number, r: Pick<Refusal, "allow" | "body">) {
  const { headers, text } = bodyOf(status, r.allow, r.body);
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ""}\r\n${head}\r\n${text}`);
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;
// The servers already guarded, once per process (lib/singleton.ts).
const guarded = () => processSingleton("guardedServers", () => new WeakSet<object>());

/** Puts the guard in front of a server's request listeners (once per server). */
export function guardServer(server: http.Server): void {
  const adopted = guarded();
  if (adopted.has(server)) return;
  adopted.add(server);
  const listeners = server.listeners("request") as Listener[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const refusal = screenRequest(req.method ?? "", req.url ?? "/");
    if (refusal) return answer(res, refusal);
    for (const l of listeners) l.call(server, req, res);
  });
  if (server.listenerCount("connect") === 0) {
    server.on("connect", (req: IncomingMessage, socket: Duplex) => {
      socket.on("error", () => {});
      const r = screenRequest("CONNECT", req.url ?? "/") ?? methodNotAllowed("CONNECT", "this server", PAGE_METHODS);
      writeRaw(socket, r.status, r);
    });
  }
  if (server.listenerCount("clientError") === 0) {
    // Node's default, as JSON: 431 for oversized headers, 408 for Node's own request timeout, else 400.
    server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex & { bytesWritten?: number }) => {
      if (err.code === "ECONNRESET" || !socket.writable || socket.bytesWritten) return void socket.destroy();
      const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
      socket.on("error", () => {});
      writeRaw(socket, status, {
        body: { error: `malformed HTTP request: ${err.code ?? err.message}`, issues: [{ path: "(request)", message: err.message }] },
      });
    });
  }
}

/** Adopts every HTTP server of this process on its first connection (idempotent). */
export function installRequestGuard(): void {
  if (peekProcessSingleton("guardInstalled")) return;
  setProcessSingleton("guardInstalled", true);
  dc.subscribe("net.server.socket", (message) => {
    const server = (message as { socket?: { server?: unknown } }).socket?.server;
    if (server instanceof http.Server) guardServer(server);
  });
}
