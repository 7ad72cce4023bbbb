// `npm run bench:canvas`: how the canvas editor performs with big plans, measured in Chromium
// against a production server this script starts itself (on a free port, with a throwaway data
// directory). Needs a production build (`npm run build`). It measures the time from navigation to
// every node drawn and fitted, and the frame times while dragging a node, once at the zoom that
// fits the whole plan and once zoomed in to 100 %.
//
// The same run measures a FLOOR: a bare @xyflow/react page (scripts/bench-canvas-floor.tsx,
// bundled here with esbuild and served from a throwaway directory) drawing the same plan with the
// same dagre layout in a pane of the product canvas's size. Product and floor (and, with
// BENCH_BEFORE_DIR=<another checkout with a production build>, that checkout's product too) are
// opened in shuffled order every round, so the ratio to the floor is measured under the same load.
//
//   BENCH_ROUNDS (default 5)       rounds for 100 and 1,000 steps
//   BENCH_BIG_ROUNDS (default 3)   rounds for the 5,000-step import (figures only)
//   BENCH_SIZES (default 100,1000,5000)
//   BENCH_BEFORE_DIR               a second checkout to measure side by side ("before")
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/support/chromium";
import { bigPlan } from "./bench-canvas-plan";
import { setUpOwner, type Owner } from "./bench-owner";

const SIZES = (process.env.BENCH_SIZES ?? "100,1000,5000").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BIG_ROUNDS = Number(process.env.BENCH_BIG_ROUNDS ?? 3);
const BIG = 5000;
const DRAG_MOVES = 60;
const VIEWPORT = { width: 1440, height: 900 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

interface Product {
  url: string;
  proc: ChildProcess;
  dataDir: string;
  owner: Owner;
}

async function startProduct(cwd: string): Promise<Product> {
  if (!existsSync(path.join(cwd, ".next/BUILD_ID"))) throw new Error(`no production build in ${cwd}: run \`npm run build\` first`);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "planvas-bench-canvas-"));
  const proc = spawn(path.join(cwd, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd,
    env: { ...process.env, PLANVAS_DATA_DIR: dataDir, DATABASE_URL: "", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 180; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, proc, dataDir, owner: await setUpOwner(url) };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  proc.kill();
  throw new Error(`the server in ${cwd} did not start within 90 s`);
}

/** The floor page: bundled once (minified, production React), served by a static server. */
async function startFloor(): Promise<{ url: string; server: Server; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "planvas-bench-floor-"));
  await build({
    entryPoints: [path.join(import.meta.dirname, "bench-canvas-floor.tsx")],
    bundle: true,
    minify: true,
    format: "esm",
    jsx: "automatic",
    target: "chrome120",
    define: { "process.env.NODE_ENV": '"production"' },
    outdir: dir,
    entryNames: "floor",
    logLevel: "error",
  });
  writeFileSync(
    path.join(dir, "index.html"),
    `<!doctype html><html><head><meta charset="utf-8"><title>floor</title><link rel="stylesheet" href="/floor.css"></head>` +
      `<body style="margin:0"><div id="root"></div><script type="module" src="/floor.js"></script></body></html>`,
  );
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
  const server = createHttpServer((req, res) => {
    const name = new URL(req.url ?? "/", "http://x").pathname.replace(/^\/$/, "/index.html");
    const file = path.join(dir, path.basename(name));
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${port}`, server, dir };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const median = (xs: number[]) => pct(xs, 50);

/**
 * Every node drawn (measured, so visible) and the viewport fitted to them; ms since navigation.
 * A plan too tall to fit at the minimum zoom (5,000 steps) is not all in view, and the product
 * draws only what is: there it waits until the viewport is fitted (below 100 %) and the drawn nodes
 * are all measured, with neither their number nor the viewport changed for 10 frames; the time is
 * taken when that state was first reached.
 */
async function waitDrawn(page: Page, n: number): Promise<number> {
  return page.evaluate(
    ({ expected, all }) =>
      new Promise<number>((resolve, reject) => {
        let last = "";
        let since = 0;
        let frames = 0;
        const started = performance.now();
        const tick = () => {
          const nodes = document.querySelectorAll<HTMLElement>(".react-flow__node");
          const vp = document.querySelector<HTMLElement>(".react-flow__viewport");
          const ready = nodes.length > 0 && !!vp && vp.style.transform !== "" && [...nodes].every((el) => el.style.visibility !== "hidden");
          if (ready && all && nodes.length >= expected) return resolve(performance.now());
          // Fitted: not the 100 % a page may draw at before its fit.
          const fitted = ready && Number(/scale\(([\d.]+)\)/.exec(vp.style.transform)?.[1] ?? 1) < 1;
          if (fitted && !all) {
            const seen = `${nodes.length} ${vp.style.transform}`;
            if (seen !== last) [last, since, frames] = [seen, performance.now(), 0];
            else if (++frames >= 10) return resolve(since);
          } else last = "";
          if (performance.now() - started > 300_000) return reject(new Error(`not drawn after 300 s (${nodes.length} nodes)`));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { expected: n, all: n < BIG },
  );
}

async function openProduct(page: Page, url: string, n: number): Promise<number> {
  await page.goto(`${url}/`);
  await page.evaluate((plan) => sessionStorage.setItem("planvas:draft", JSON.stringify(plan)), bigPlan(n));
  // Not waiting for "load": a 5,000-step plan keeps the main thread busy far longer.
  await page.goto(`${url}/plans/new`, { waitUntil: "commit" });
  return waitDrawn(page, n);
}

async function zoomOf(page: Page): Promise<number> {
  return page.evaluate(() => Number(/scale\(([\d.]+)\)/.exec(document.querySelector<HTMLElement>(".react-flow__viewport")?.style.transform ?? "")?.[1] ?? 1));
}

/** Drags one node in small steps while recording every frame's duration. */
async function dragFrames(page: Page, stepId: string): Promise<number[]> {
  const box = await page.locator(`.react-flow__node[data-id="${stepId}"]`).boundingBox();
  if (!box) throw new Error(`node ${stepId} is not on screen`);
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    let last = performance.now();
    const tick = (t: number) => {
      w.__frames.push(t - last);
      last = t;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(box.height / 2, 20);
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= DRAG_MOVES; i++) await page.mouse.move(x + i * 4, y + i * 2);
  await page.mouse.up();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(1);
  });
}

/** Zoomed in to 100 % around the node (the wheel zooms around the pointer): most nodes off screen. */
async function zoomInOn(page: Page, stepId: string): Promise<boolean> {
  const fit = page.locator(".react-flow__controls-fitview");
  if (await fit.count()) await fit.click();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const box = await page.locator(`.react-flow__node[data-id="${stepId}"]`).boundingBox();
  if (!box) return false;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let z = 0; z < 60 && (await zoomOf(page)) < 0.95; z++) {
    await page.mouse.wheel(0, -120);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
  return page.locator(`.react-flow__node[data-id="${stepId}"]`).isVisible();
}

interface Target {
  label: string;
  open(page: Page, n: number): Promise<number>;
  cookies: Owner["cookies"];
}

interface Figures {
  ttfr: number[];
  fit: number[];
  zoom: number[];
}

async function measure(browser: Browser, t: Target, n: number, withZoom: boolean): Promise<{ ttfr: number; fit: number[]; zoom: number[] }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addCookies(t.cookies);
  // tsx keeps function names with a helper that does not exist inside the page.
  await context.addInitScript("globalThis.__name = (f) => f;");
  const page = await context.newPage();
  try {
    const ttfr = await t.open(page, n);
    const middle = `s${Math.floor(n / 2)}`;
    const fit = await dragFrames(page, middle);
    const zoom = withZoom && (await zoomInOn(page, middle)) ? await dragFrames(page, middle) : [];
    return { ttfr, fit, zoom };
  } finally {
    await context.close();
  }
}

function shuffled<T>(xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

async function main() {
  const load = [os.loadavg()];
  const products: { label: string; p: Product }[] = [];
  products.push({ label: "product", p: await startProduct(process.cwd()) });
  if (process.env.BENCH_BEFORE_DIR) products.push({ label: "product before", p: await startProduct(path.resolve(process.env.BENCH_BEFORE_DIR)) });
  const floor = await startFloor();
  const browser = await chromium.launch(chromiumLaunchOptions);
  const out: string[] = [];
  try {
    // The floor's pane is the product canvas's size (the palette and side panel take the rest).
    const probe = await browser.newContext({ viewport: VIEWPORT });
    await probe.addCookies(products[0]!.p.owner.cookies);
    await probe.addInitScript("globalThis.__name = (f) => f;");
    const probePage = await probe.newPage();
    await openProduct(probePage, products[0]!.p.url, 10);
    const pane = (await probePage.getByTestId("canvas").boundingBox())!;
    await probe.close();
    const targets: Target[] = [
      ...products.map(({ label, p }) => ({ label, cookies: p.owner.cookies, open: (page: Page, n: number) => openProduct(page, p.url, n) })),
      {
        label: "floor (bare React Flow)",
        cookies: [],
        open: async (page: Page, n: number) => {
          await page.goto(`${floor.url}/?n=${n}&w=${Math.round(pane.width)}&h=${Math.round(pane.height)}`, { waitUntil: "commit" });
          return waitDrawn(page, n);
        },
      },
    ];
    out.push(`Canvas pane ${Math.round(pane.width)} × ${Math.round(pane.height)} in a ${VIEWPORT.width} × ${VIEWPORT.height} viewport.\n`);
    out.push("| Steps | Page | What | n | p50 | p95 | max |\n|---|---|---|---|---|---|---|");
    const ratios: string[] = [];
    for (const n of SIZES) {
      const rounds = n >= BIG ? BIG_ROUNDS : ROUNDS;
      const figs = new Map<string, Figures>(targets.map((t) => [t.label, { ttfr: [], fit: [], zoom: [] }]));
      // One warm-up visit each (server caches, the browser's code cache), not counted.
      for (const t of targets) await measure(browser, t, Math.min(n, 100), false);
      for (let r = 0; r < rounds; r++) {
        const order = shuffled(targets);
        for (const t of order) {
          const m = await measure(browser, t, n, n < BIG);
          const f = figs.get(t.label)!;
          f.ttfr.push(m.ttfr);
          f.fit.push(...m.fit);
          f.zoom.push(...m.zoom);
        }
        console.error(`${n} steps, round ${r + 1}/${rounds}: ${order.map((t) => `${t.label} ${ms(figs.get(t.label)!.ttfr.at(-1)!)}`).join(", ")}`);
      }
      for (const t of targets) {
        const f = figs.get(t.label)!;
        const row = (what: string, xs: number[]) =>
          xs.length && out.push(`| ${n} | ${t.label} | ${what} | ${xs.length} | ${ms(median(xs))} | ${ms(pct(xs, 95))} | ${ms(Math.max(...xs))} |`);
        row("time to first render (navigation → all nodes drawn and fitted)", f.ttfr);
        row(`frame time while dragging, whole plan in view (${DRAG_MOVES} moves per round)`, f.fit);
        row(`frame time while dragging, zoom 100 % (${DRAG_MOVES} moves per round)`, f.zoom);
        // Frames come in multiples of the display's ~16.7 ms, so p95 jumps between 16.7 and 33.4: the share of
        // frames that missed one is the finer measure.
        if (f.fit.length)
          ratios.push(
            `${n} steps, ${t.label}: ${((100 * f.fit.filter((x) => x > 17).length) / f.fit.length).toFixed(1)} % of drag frames (whole plan) over 16.7 ms`,
          );
      }
      const floorFigs = figs.get(targets.at(-1)!.label)!;
      for (const { label } of products) {
        const f = figs.get(label)!;
        ratios.push(
          `${n} steps, ${label} ÷ floor: time to first render p50 ${(median(f.ttfr) / median(floorFigs.ttfr)).toFixed(2)}×, ` +
            `p95 ${(pct(f.ttfr, 95) / pct(floorFigs.ttfr, 95)).toFixed(2)}×; drag frame p95 (whole plan) ${(pct(f.fit, 95) / pct(floorFigs.fit, 95)).toFixed(2)}×`,
        );
      }
      load.push(os.loadavg());
    }
    out.push("", ...ratios);
  } finally {
    const version = browser.version();
    await browser.close();
    floor.server.close();
    rmSync(floor.dir, { recursive: true, force: true });
    for (const { p } of products) {
      p.proc.kill();
      rmSync(p.dataDir, { recursive: true, force: true });
    }
    const cpu = os.cpus();
    const loads = load.map((l) => l.map((v) => v.toFixed(2)).join(" ")).join(" → ");
    console.log(
      `Machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, Chromium ${version} (headless), ` +
        `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, load average (1/5/15 min) ${loads}.\n`,
    );
    console.log(out.join("\n"));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
