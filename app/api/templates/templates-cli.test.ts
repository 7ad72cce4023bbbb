import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "@/lib/cli";
import { setDatabase } from "@/lib/db";
import { openTestDatabase } from "@/lib/db/testing";
import * as onePlan from "../plans/[planId]/route";
import * as plans from "../plans/route";
import * as setupRoute from "../setup/route";
import * as one from "./[templateId]/route";
import * as instantiate from "./[templateId]/instantiate/route";
import * as version from "./[templateId]/versions/[version]/route";
import * as collection from "./route";

// `planvas template …` against the real route handlers on a real (test) database: fetch is routed to
// them in-process, as a server would route it (no server process needed).
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes: [RegExp, Record<string, unknown>, string[]][] = [
  [/^\/api\/templates$/, collection, []],
  [/^\/api\/templates\/([^/]+)$/, one, ["templateId"]],
  [/^\/api\/templates\/([^/]+)\/versions\/([^/]+)$/, version, ["templateId", "version"]],
  [/^\/api\/templates\/([^/]+)\/instantiate$/, instantiate, ["templateId"]],
  [/^\/api\/plans$/, plans, []],
  [/^\/api\/setup$/, setupRoute, []],
];
async function route(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const req = new Request(input, init);
  const url = new URL(req.url);
  for (const [pattern, mod, names] of routes) {
    const m = pattern.exec(url.pathname);
    if (!m) continue;
    const handler = mod[req.method] as Handler | undefined;
    if (!handler) return new Response("{}", { status: 405 });
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
    return handler(req, { params: Promise.resolve(params) });
  }
  return new Response("{}", { status: 404 });
}

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: { log: (s: string) => lines.push(s), err: (s: string) => errors.push(s) }, lines, errors };
}

describe("planvas template", () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    setDatabase(db);
    vi.stubGlobal("fetch", route);
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    setDatabase(undefined);
    await db?.drop();
  });

  it("lists the templates and shows one's parameters", async () => {
    const list = capture();
    expect(await main(["template", "list", "--url", "http://planvas.test"], list.out)).toBe(0);
    expect(list.lines).toContain("research-brief  Research brief  (starter)");
    const show = capture();
    expect(await main(["template", "show", "research-brief", "--url", "http://planvas.test"], show.out)).toBe(0);
    expect(show.lines[0]).toBe("Brief: {{question}} (version 1)");
    expect(show.lines).toContain("  --param words=…  Summary length (words) (optional), default 400");
  });

  it("makes and saves a plan with typed values; a value that does not fit names the parameter", async () => {
    const use = capture();
    expect(
      await main(
        ["template", "use", "research-brief", "--param", "question=What is the four-day week?", "--param", "words=250", "--url", "http://planvas.test"],
        use.out,
      ),
    ).toBe(0);
    expect(use.lines[0]).toMatch(/^saved plan [0-9a-f-]{36} "Brief: What is the four-day week\?" from research-brief version 1$/);
    // The plan is pinned to the template version and the values it was made with.
    const planId = /saved plan ([0-9a-f-]{36})/.exec(use.lines[0]!)![1]!;
    const saved = (await (await onePlan.GET(new Request(`http://planvas.test/api/plans/${planId}`), { params: Promise.resolve({ planId }) })).json()) as {
      template: unknown;
    };
    expect(saved.template).toMatchObject({ id: "research-brief", version: 1, params: { question: "What is the four-day week?", words: 250 } });
    const bad = capture();
    expect(await main(["template", "use", "research-brief", "--param", "words=5", "--url", "http://planvas.test"], bad.out)).toBe(1);
    expect(bad.errors[0]).toBe("planvas: the parameters do not fit: the parameter values do not fit");
    expect(bad.errors.some((e) => e.startsWith("  params.question: required"))).toBe(true);
    expect(bad.errors.some((e) => e.startsWith("  params.words: "))).toBe(true);
  });

  it("planvas setup creates the owner once and prints the API token to use", async () => {
    const first = capture();
    expect(await main(["setup", "--email", "olga@example.com", "--password", "correct horse battery", "--url", "http://planvas.test"], first.out)).toBe(0);
    expect(first.lines[1]).toMatch(/^API token \(shown once\): pvt_/);
    expect(first.lines[2]).toMatch(/^export PLANVAS_TOKEN=pvt_/);
    const again = capture();
    expect(await main(["setup", "--email", "eve@example.com", "--password", "correct horse battery", "--url", "http://planvas.test"], again.out)).toBe(1);
    expect(again.errors[0]).toMatch(/^planvas: setup failed: this installation has an owner already/);
  });

  it("answers usage errors with exit code 2", async () => {
    const u = capture();
    expect(await main(["template", "fly"], u.out)).toBe(2);
    expect(await main(["template", "use", "research-brief", "--param", "nokey"], u.out)).toBe(2);
    expect(u.errors.join("\n")).toContain("--param needs key=value");
  });
});
