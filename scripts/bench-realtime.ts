// npm run bench:realtime — how fast a committed status change reaches the page, on the embedded
// path (trigger → NOTIFY wake-up → one LISTEN → a read under RLS → SSE → the run view's DOM), measured in Chromium; and the
// same delivery to 50 concurrent SSE viewers. Needs a production build (`npm run build`).
//
// Against a FLOOR, measured in the same run, in alternating rounds: a bare page on its own tiny
// server (this script, in a child process) where a POST does a NOTIFY on the same kind of database
// (PGlite on a data directory), the server relays it over SSE, and the page sets a DOM node's text —
// the same clock (sent → MutationObserver), the same Chromium, 50 more SSE viewers of its own. The
// machine is shared and noisy, so the ratio of one run is the figure to compare, not the absolutes.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type ServerResponse } from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/support/chromium";
import { setUpOwner, type Owner } from "./bench-owner";

const STEPS = Number(process.env.BENCH_STEPS ?? 30);
/** How long nothing must happen in the page (no request in flight, no event) before a round. */
const QUIET_MS = 150;
const VIEWERS = 50;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (xs: number[]) => `p50 ${pct(xs, 50)} / p95 ${pct(xs, 95)} / max ${Math.max(...xs)} ms`;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitUp(url: string, what: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      if (i > 600) throw new Error(`${what} did not start`);
    }
    await sleep(100);
  }
}

/**
 * The floor's server: GET / is a page with one node whose text an EventSource message sets; GET
 * /events relays every NOTIFY on channel `floor` as an SSE frame; POST /notify?v=<n> is one
 * `select pg_notify(...)` on PGlite (on a data directory, as the product's embedded default).
 */
async function floorServer(port: number, dataDir: string): Promise<void> {
  const { PGlite } = await import("@electric-sql/pglite");
  const pg = await PGlite.create({ dataDir });
  const streams = new Set<ServerResponse>();
  await pg.listen("floor", (v) => {
    const frame = `id: ${v}\ndata: ${v}\n\n`;
    for (const s of streams) s.write(frame);
  });
  const page = `<!doctype html><meta charset="utf-8"><title>floor</title><p id="status">-</p>
<script>new EventSource("/events").onmessage = (m) => { document.getElementById("status").textContent = m.data; };</script>`;
  createHttpServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://floor");
    if (req.method === "GET" && url.pathname === "/") return void res.writeHead(200, { "content-type": "text/html" }).end(page);
    if (req.method === "GET" && url.pathname === "/events") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write("retry: 1000\n\n");
      streams.add(res);
      req.on("close", () => streams.delete(res));
      return;
    }
    if (req.method === "POST" && url.pathname === "/notify") {
      req.resume();
      void pg.query("select pg_notify('floor', $1)", [url.searchParams.get("v") ?? "0"]).then(
        () => res.writeHead(202).end(),
        (e: unknown) => res.writeHead(500).end(String(e)),
      );
      return;
    }
    res.writeHead(404).end();
  }).listen(port, "127.0.0.1");
}

/** 50 SSE readers of one stream; records when each frame with `id: <n>` arrives at each. */
async function connectViewers(url: string, headers: Record<string, string>): Promise<{ arrivals: Map<string, number[]>; close: () => void }> {
  const arrivals = new Map<string, number[]>();
  const aborts: AbortController[] = [];
  await Promise.all(
    Array.from({ length: VIEWERS }, async () => {
      const ac = new AbortController();
      aborts.push(ac);
      const res = await fetch(url, { signal: ac.signal, headers });
      const reader = res.body!.getReader();
      const dec = new TextDecoder();
      let buf = "";
      void (async () => {
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            buf += dec.decode(value, { stream: true });
            let at: number;
            while ((at = buf.indexOf("\n\n")) >= 0) {
              const frame = buf.slice(0, at);
              buf = buf.slice(at + 2);
              const id = /^id: (\S+)$/m.exec(frame);
              if (id) {
                const list = arrivals.get(id[1]!) ?? [];
                list.push(Date.now());
                arrivals.set(id[1]!, list);
              }
            }
          }
        } catch {
          // aborted at the end
        }
      })();
    }),
  );
  return { arrivals, close: () => aborts.forEach((a) => a.abort()) };
}

async function allArrived(arrivals: Map<string, number[]>, id: string): Promise<number[]> {
  const end = Date.now() + 5000;
  while ((arrivals.get(id)?.length ?? 0) < VIEWERS && Date.now() < end) await sleep(5);
  return arrivals.get(id) ?? [];
}

/** Records, by the page's clock, when each EventSource message (by its id) reaches the page's script. */
const EVENTSOURCE_CLOCK = () => {
  const w = window as unknown as { __esAt: Record<string, number>; __esLast: number };
  w.__esAt = {};
  w.__esLast = 0;
  const ES = window.EventSource;
  window.EventSource = class extends ES {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      // Registered before the app sets onmessage: runs first.
      this.addEventListener("message", (m) => {
        w.__esAt[m.lastEventId] ??= Date.now();
        w.__esLast = Date.now();
      });
    }
  };
};

/** Counts the page's requests in flight (its snapshot reloads). */
const FETCH_CLOCK = () => {
  const w = window as unknown as { __inflight: number; __lastActivity: number };
  w.__inflight = 0;
  w.__lastActivity = Date.now();
  const f = window.fetch.bind(window);
  window.fetch = async (...args: Parameters<typeof fetch>) => {
    w.__inflight++;
    w.__lastActivity = Date.now();
    try {
      return await f(...args);
    } finally {
      w.__inflight--;
      w.__lastActivity = Date.now();
    }
  };
};

async function quiet(page: Page): Promise<void> {
  await page.waitForFunction(
    (ms) => {
      const w = window as unknown as { __inflight: number; __lastActivity: number; __esLast?: number };
      return w.__inflight === 0 && Date.now() - Math.max(w.__lastActivity, w.__esLast ?? 0) >= ms;
    },
    QUIET_MS,
    { polling: 20, timeout: 60_000 },
  );
}

const esAt = (page: Page, id: string) =>
  page
    .waitForFunction((i) => (window as unknown as { __esAt: Record<string, number> }).__esAt[i], id, { polling: "raf" })
    .then((h) => h.jsonValue() as Promise<number>);

interface Samples {
  dom: number[];
  response: number[];
  pageMessage: number[];
  stream: number[];
  delivered: number;
}
const samples = (): Samples => ({ dom: [], response: [], pageMessage: [], stream: [], delivered: 0 });

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first");
  const [port, floorPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(path.join(os.tmpdir(), "planvas-bench-rt-"));
  const base = `http://127.0.0.1:${port}`;
  const floorBase = `http://127.0.0.1:${floorPort}`;
  const children: ChildProcess[] = [];
  children.push(
    spawn("./node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
      env: { ...process.env, PLANVAS_DATA_DIR: path.join(dir, "app"), DATABASE_URL: "" },
      stdio: "ignore",
    }),
  );
  // The floor in a process of its own, as the product's server is: this script again, in server mode.
  children.push(
    spawn(process.execPath, [...process.execArgv, process.argv[1]!], {
      env: { ...process.env, BENCH_RT_FLOOR_PORT: String(floorPort), BENCH_RT_FLOOR_DIR: path.join(dir, "floor") },
      stdio: "inherit",
    }),
  );
  let owner: Owner | undefined;
  const api = async <T>(p: string, init?: RequestInit) => {
    const res = await fetch(`${base}${p}`, { ...init, headers: { "content-type": "application/json", authorization: `Bearer ${owner!.token}` } });
    return (await res.json()) as T;
  };
  try {
    await waitUp(`${base}/api/health`, "the app server");
    owner = await setUpOwner(base);
    await waitUp(`${floorBase}/`, "the floor server");
    // A chain of approval-gated steps: each decision is one committed status change to watch.
    const steps = Array.from({ length: STEPS }, (_, i) => ({
      stepIndex: i,
      id: `s${i}`,
      toolName: "format_post",
      description: `post ${i}`,
      requiresApproval: true,
      input: { platform: "x", format: "post", topic: "benchmarks" },
    }));
    const plan = await api<{ id: string }>("/api/plans", { method: "POST", body: JSON.stringify({ title: "Realtime benchmark", steps }) });
    const { runId } = await api<{ runId: string }>("/api/runs", { method: "POST", body: JSON.stringify({ planId: plan.id }) });

    const browser = await chromium.launch(chromiumLaunchOptions);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies(owner.cookies);
    await context.addInitScript(EVENTSOURCE_CLOCK);
    await context.addInitScript(FETCH_CLOCK);
    const page = await context.newPage();
    await page.goto(`${base}/runs/${runId}`);
    await page.waitForSelector('[data-testid="run-step-node"][data-step-id="s0"]');
    // Record when each node's status attribute changes, by the page's own clock (Date.now is shared).
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: Record<string, number> }).__seen = seen;
      new MutationObserver((muts) => {
        for (const m of muts) {
          const el = m.target as HTMLElement;
          if (m.attributeName === "data-status" && el.dataset.testid === "run-step-node" && el.dataset.status === "approved")
            seen[el.dataset.stepId!] ??= Date.now();
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-status"] });
    });
    const floorPage = await context.newPage();
    await floorPage.goto(`${floorBase}/`);
    await floorPage.waitForFunction(() => (window as unknown as { __esAt: object }).__esAt !== undefined);
    await floorPage.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: Record<string, number> }).__seen = seen;
      const node = document.getElementById("status")!;
      new MutationObserver(() => void (seen[node.textContent ?? ""] ??= Date.now())).observe(node, { childList: true, characterData: true, subtree: true });
    });
    // Both pages are visible at once in one browser (two tabs of a headless context are both "visible").

    const auth = { authorization: `Bearer ${owner.token}` };
    const productViewers = await connectViewers(`${base}/api/runs/${runId}/events?after=0`, auth);
    const floorViewers = await connectViewers(`${floorBase}/events`, {});
    await sleep(500); // every stream open and replayed

    const product = samples();
    const floor = samples();
    const seenAt = (p: Page, id: string) =>
      p
        .waitForFunction((i) => (window as unknown as { __seen: Record<string, number> }).__seen[i], id, { polling: "raf" })
        .then((h) => h.jsonValue() as Promise<number>);

    for (let i = 0; i < STEPS; i++) {
      // Start both rounds from a quiet page and server, as a reviewer's decision does (they read
      // first): the step awaits approval in the view, the view's snapshot reload is done, and no
      // event came for a while. Watching the DOM rather than polling the API keeps the bench's own
      // requests off the server it measures.
      await page.waitForSelector(`[data-testid="run-step-node"][data-step-id="s${i}"][data-status="awaiting_approval"]`, { timeout: 60_000 });
      await quiet(page);
      const run = await api<{ seq: number; steps: { id: string; status: string; contentHash: string }[] }>(`/api/runs/${runId}`);
      if (run.steps[i]!.status !== "awaiting_approval") throw new Error(`step s${i} is ${run.steps[i]!.status}, not awaiting approval`);
      await sleep(QUIET_MS);
      const rounds = [
        async () => {
          const t0 = Date.now();
          await fetch(`${floorBase}/notify?v=${i + 1}`, { method: "POST" });
          floor.response.push(Date.now() - t0);
          const [dom, msg] = await Promise.all([seenAt(floorPage, String(i + 1)), esAt(floorPage, String(i + 1))]);
          floor.dom.push(dom - t0);
          floor.pageMessage.push(msg - t0);
          const arrivals = await allArrived(floorViewers.arrivals, String(i + 1));
          floor.delivered += arrivals.length;
          for (const a of arrivals) floor.stream.push(a - t0);
        },
        async () => {
          const approvedSeq = String(run.seq + 1); // the decision's own event
          const t0 = Date.now();
          await api(`/api/runs/${runId}/steps/s${i}/decision`, {
            method: "POST",
            body: JSON.stringify({ decision: "approve", contentHash: run.steps[i]!.contentHash }),
          });
          product.response.push(Date.now() - t0);
          const [dom, msg] = await Promise.all([seenAt(page, `s${i}`), esAt(page, approvedSeq)]);
          product.dom.push(dom - t0);
          product.pageMessage.push(msg - t0);
          const arrivals = await allArrived(productViewers.arrivals, approvedSeq);
          product.delivered += arrivals.length;
          for (const a of arrivals) product.stream.push(a - t0);
        },
      ];
      // Floor, then product, each from the quiet state (the floor's round leaves nothing running).
      for (const r of rounds) {
        await r();
        await sleep(QUIET_MS);
      }
    }
    productViewers.close();
    floorViewers.close();
    await browser.close();

    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const load = os.loadavg().map((l) => l.toFixed(2));
    console.log(
      `machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}; production build, embedded PGlite, Chromium ${browser.version()}; ${new Date().toISOString()}; load average ${load.join(" ")}`,
    );
    console.log(`${STEPS} interleaved rounds; ${VIEWERS} further SSE viewers on each stream throughout; times from the POST being sent`);
    for (const [name, s] of [
      ["product (decision → run view)", product],
      ["floor (bare NOTIFY → SSE → DOM)", floor],
    ] as const) {
      console.log(`${name}:`);
      console.log(`  status visible in the DOM:       ${fmt(s.dom)}`);
      console.log(`  POST answered:                   ${fmt(s.response)}`);
      console.log(`  message reached the page's script: ${fmt(s.pageMessage)}`);
      console.log(`  page's script → DOM changed:     ${fmt(s.dom.map((d, i) => d - s.pageMessage[i]!))}`);
      console.log(`  SSE event at each of ${VIEWERS} viewers:  ${fmt(s.stream)}; delivered ${s.delivered}/${STEPS * VIEWERS}`);
    }
    const ratio = (p: number) => (pct(product.dom, p) / Math.max(1, pct(floor.dom, p))).toFixed(2);
    console.log(`ratio product / floor (DOM): p50 ${ratio(50)}×, p95 ${ratio(95)}×`);
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await sleep(500);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_RT_FLOOR_PORT) {
  void floorServer(Number(process.env.BENCH_RT_FLOOR_PORT), process.env.BENCH_RT_FLOOR_DIR!);
} else {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
