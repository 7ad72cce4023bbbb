import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerEmbeddedRunner } from "@/inngest/client";
import { main } from "@/lib/cli";
import { sampleCurl } from "@/lib/triggers/webhook-curl";
import { setDatabase } from "@/lib/db";
import { openTestDatabase } from "@/lib/db/testing";
import { signatureOf, signedHeaders } from "@/lib/triggers/webhook-signature";
import * as hook from "../hooks/[hookToken]/route";
import * as one from "./[webhookId]/route";
import * as rotate from "./[webhookId]/rotate/route";
import * as collection from "./route";

// The webhook API and `planvas webhook …` on the real route handlers and a real (test) database, as
// the local owner; fetch is routed to the handlers in-process. The engine is a recorder of the events sent.
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes: [RegExp, Record<string, unknown>, string[]][] = [
  [/^\/api\/webhooks$/, collection, []],
  [/^\/api\/webhooks\/([^/]+)$/, one, ["webhookId"]],
  [/^\/api\/webhooks\/([^/]+)\/rotate$/, rotate, ["webhookId"]],
  [/^\/api\/hooks\/([^/]+)$/, hook, ["hookToken"]],
];
async function route(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const req = new Request(input, init);
  const url = new URL(req.url);
  for (const [pattern, mod, names] of routes) {
    const m = pattern.exec(url.pathname);
    if (!m) continue;
    const handler = mod[req.method] as Handler | undefined;
    if (!handler) return new Response("{}", { status: 405 });
    return handler(req, { params: Promise.resolve(Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]))) });
  }
  return new Response("{}", { status: 404 });
}
const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await route(`http://planvas.test${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return {
    status: res.status,
    body: res.status === 204 ? {} : ((await res.json()) as Record<string, unknown> & { error?: string; issues?: { path: string }[] }),
  };
};
function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: { log: (s: string) => lines.push(s), err: (s: string) => errors.push(s) }, lines, errors };
}
const target = { kind: "template", templateId: "research-brief", version: null };

describe("webhooks API and CLI", () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    setDatabase(db);
    registerEmbeddedRunner({ fetch: async (_url, init) => Response.json({ ids: [JSON.parse(String(init?.body))].flat().map(() => "x"), status: 200 }) });
    vi.stubGlobal("fetch", route);
  }, 60_000);
  afterAll(async () => {
    vi.unstubAllGlobals();
    registerEmbeddedRunner(undefined);
    setDatabase(undefined);
    await db?.drop();
  });

  it("creates (secret once), lists and reads without the secret, delivers, rotates, disables and deletes", async () => {
    const created = await call("POST", "/api/webhooks", { name: "Form", target });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    const url = created.body.url as string;
    expect(url).toMatch(/^http:\/\/.+\/api\/hooks\/pvh_[A-Za-z0-9_-]{32}$/);
    const id = created.body.id as string;

    const path = new URL(url).pathname;
    const payload = JSON.stringify({ question: "Why webhooks?" });
    const delivered = await call("POST", path, payload, { ...signedHeaders(secret, payload), "Idempotency-Key": "k1" });
    expect(delivered).toMatchObject({ status: 202, body: { runId: expect.any(String), replayed: false } });
    const again = JSON.stringify({ question: "Why webhooks?" }) + " ";
    expect(await call("POST", path, again, { ...signedHeaders(secret, again), "Idempotency-Key": "k1" })).toMatchObject({
      status: 200,
      body: { runId: delivered.body.runId, replayed: true },
    });

    const listed = await call("GET", "/api/webhooks?templateId=research-brief");
    const read = await call("GET", `/api/webhooks/${id}`);
    for (const seen of [listed, read]) {
      expect(seen.status).toBe(200);
      expect(JSON.stringify(seen.body)).not.toContain(secret);
    }
    expect((listed.body.webhooks as { id: string }[]).map((w) => w.id)).toEqual([id]);
    expect(read.body).toMatchObject({
      url,
      secretHint: `…${secret.slice(-4)}`,
      deliveries: [
        { status: 200, replayed: true },
        { status: 202, idempotencyKey: "k1" },
      ],
    });

    const rotated = await call("POST", `/api/webhooks/${id}/rotate`, { graceSeconds: 60 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    expect(rotated.body.previousValidUntil).toEqual(expect.any(String));
    expect((await call("POST", `/api/webhooks/${id}/rotate`)).status).toBe(200);

    expect(await call("PATCH", `/api/webhooks/${id}`, { enabled: false })).toMatchObject({ status: 200, body: { enabled: false } });
    expect(await call("DELETE", `/api/webhooks/${id}`)).toMatchObject({ status: 204 });
    expect((await call("GET", `/api/webhooks/${id}`)).status).toBe(404);
  });

  it("answers bad input with 400 naming the field, and unknown ids and URLs with 404", async () => {
    const bad = async (body: unknown, path: string) => {
      const res = await call("POST", "/api/webhooks", body);
      expect(res.status).toBe(400);
      expect(res.body.issues!.map((i) => i.path)).toContain(path);
    };
    await bad({ target }, "name");
    await bad({ name: "x", target: { kind: "flow" } }, "target.kind");
    await bad({ name: "x", target: { kind: "plan", planId: "nope", version: null } }, "target.planId");
    await bad({ name: "x", target, params: { sources: "many" } }, "params.sources");
    await bad({ name: "x", target, mapping: { question: "issue.title" } }, "mapping.question");
    const chosen = await call("POST", "/api/webhooks", { name: "x", target, secret: "mine" });
    expect(chosen.status).toBe(400);
    expect(JSON.stringify(chosen.body.issues)).toContain("secret");
    expect((await call("PATCH", "/api/webhooks/00000000-0000-4000-8000-000000000001", { enabled: true })).status).toBe(404);
    expect((await call("PATCH", "/api/webhooks/00000000-0000-4000-8000-000000000001", {})).status).toBe(400);
    expect((await call("POST", "/api/webhooks/00000000-0000-4000-8000-000000000001/rotate", { graceSeconds: 999999 })).status).toBe(400);
    expect((await call("GET", "/api/webhooks/nope")).status).toBe(404);
    expect((await call("POST", "/api/hooks/pvh_nope", "{}")).status).toBe(404);
  });

  it("refuses a declared oversized payload before reading it (413), and logs it", async () => {
    const made = await call("POST", "/api/webhooks", { name: "Big", target });
    const path = new URL(made.body.url as string).pathname;
    const body = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("{}")), c.close()) });
    const res = await hook.POST(
      new Request(`http://planvas.test${path}`, { method: "POST", body, duplex: "half", headers: { "content-length": "300000" } } as RequestInit),
      {
        params: Promise.resolve({ hookToken: path.split("/").at(-1)! }),
      },
    );
    expect(res.status).toBe(413);
    const read = await call("GET", `/api/webhooks/${made.body.id as string}`);
    expect(read.body.deliveries).toEqual([expect.objectContaining({ status: 413, payloadBytes: 300000, runId: null })]);
  });

  it("planvas webhook create|list|show|rotate prints the secret once, with a curl line that signs correctly", async () => {
    const made = capture();
    expect(
      await main(["webhook", "create", "--template", "research-brief", "--name", "CLI hook", "--param", "words=300", "--url", "http://planvas.test"], made.out),
    ).toBe(0);
    const secret = made.lines.find((l) => l.startsWith("secret:"))!.split(/\s+/)[1]!;
    const id = made.lines[0]!.split(" ")[2]!;
    expect(secret).toMatch(/^whsec_/);
    expect(made.lines.join("\n")).toContain("openssl dgst -sha256 -hmac");

    const listed = capture();
    expect(await main(["webhook", "list", "--url", "http://planvas.test"], listed.out)).toBe(0);
    expect(listed.lines.join("\n")).toContain(`${id}  CLI hook  template research-brief (latest published)`);
    expect(listed.lines.join("\n")).not.toContain(secret);
    const shown = capture();
    expect(await main(["webhook", "show", id, "--url", "http://planvas.test"], shown.out)).toBe(0);
    expect(shown.lines.join("\n")).not.toContain(secret);

    const rotated = capture();
    expect(await main(["webhook", "rotate", id, "--grace", "600", "--url", "http://planvas.test"], rotated.out)).toBe(0);
    expect(rotated.lines[0]).toMatch(/the old one works until/);
    const usage = capture();
    expect(await main(["webhook", "create", "--url", "http://planvas.test"], usage.out)).toBe(2);
    expect(usage.errors[0]).toMatch(/--template <id\|slug> or --plan <id>/);
    const refused = capture();
    expect(await main(["webhook", "create", "--template", "research-brief", "--param", "sources=many", "--url", "http://planvas.test"], refused.out)).toBe(1);
    expect(refused.errors.join("\n")).toMatch(/params\.sources/);
  });

  it.skipIf(!hasOpenssl())("the README's openssl line computes the same signature as Planvas", () => {
    const [bodyLine, , sigLine] = sampleCurl("http://x", "whsec_abc", '{"question":"Why?"}');
    const script = `${bodyLine}\nTS=1733130000\n${sigLine}\nprintf %s "$SIG"`;
    expect(execFileSync("sh", ["-c", script], { encoding: "utf8" })).toBe(signatureOf("whsec_abc", 1733130000, '{"question":"Why?"}'));
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"]);
    return true;
  } catch {
    return false;
  }
}
