// `npm run bench:canvas`: how the canvas editor performs with big plans, measured in Chromium
// against a production server this script starts itself (on a free port, with a throwaway data
// directory). Needs a production build (`npm run build`). For 100 and 1,000 steps it measures the
// time from navigation to every node drawn and fitted, and the frame times while dragging a node,
// once at the zoom that fits the whole plan and once zoomed in to 100 %.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/support/chromium";
import { setUpOwner, type Owner } from "./bench-owner";

const SIZES = [100, 1000];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DRAG_MOVES = 60;

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

async function startServer(): Promise<{ url: string; proc: ChildProcess; dataDir: string; owner: Owner }> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first");
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "planvas-bench-canvas-"));
  const proc = spawn("./node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, PLANVAS_DATA_DIR: dataDir, DATABASE_URL: "", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, proc, dataDir, owner: await setUpOwner(url) };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  proc.kill();
  throw new Error("the server did not start within 60 s");
}

/** A plan shaped like real big ones: 25 parallel branches that each run in sequence. */
function bigPlan(n: number) {
  const width = Math.min(25, Math.max(1, Math.round(n / 40)));
  const tools = ["web_search", "fetch_url", "summarize", "generate_outline", "format_post"];
  return {
    title: `Benchmark plan (${n} steps)`,
    steps: Array.from({ length: n }, (_, i) => ({
      stepIndex: i,
      toolName: tools[i % tools.length],
      description: `Step ${i}: do the ${tools[i % tools.length]!.replace("_", " ")} part of branch ${i % width}`,
      requiresApproval: tools[i % tools.length] === "format_post",
      id: `s${i}`,
      dependsOn: i >= width ? [`s${i - width}`] : [],
    })),
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const median = (xs: number[]) => pct(xs, 50);

async function openPlan(page: Page, url: string, n: number): Promise<number> {
  await page.goto(`${url}/`);
  await page.evaluate((plan) => sessionStorage.setItem("planvas:draft", JSON.stringify(plan)), bigPlan(n));
  await page.goto(`${url}/plans/new`);
  // Every node drawn (measured, so visible) and the viewport fitted to them.
  await page.waitForFunction(
    (expected) => {
      const nodes = document.querySelectorAll<HTMLElement>(".react-flow__node");
      if (nodes.length < expected) return false;
      const vp = document.querySelector<HTMLElement>(".react-flow__viewport");
      return !!vp && vp.style.transform !== "" && [...nodes].every((el) => el.style.visibility !== "hidden");
    },
    n,
    { timeout: 120_000, polling: "raf" },
  );
  return page.evaluate(() => performance.now());
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

async function main() {
  const { url, proc, dataDir, owner } = await startServer();
  const browser = await chromium.launch(chromiumLaunchOptions);
  const rows: string[] = [];
  try {
    for (const n of SIZES) {
      const ttfr: number[] = [];
      const fitFrames: number[] = [];
      const zoomFrames: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        await context.addCookies(owner.cookies);
        // tsx keeps function names with a helper that does not exist inside the page.
        await context.addInitScript("globalThis.__name = (f) => f;");
        const page = await context.newPage();
        ttfr.push(await openPlan(page, url, n));
        const middle = `s${Math.floor(n / 2)}`;
        fitFrames.push(...(await dragFrames(page, middle)));
        // Zoomed in to 100 % around the same node (the wheel zooms around the pointer): full
        // detail, most nodes off screen.
        await page.locator(".react-flow__controls-fitview").click();
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const box = await page.locator(`.react-flow__node[data-id="${middle}"]`).boundingBox();
        if (box) {
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          for (let z = 0; z < 60 && (await zoomOf(page)) < 0.95; z++) {
            await page.mouse.wheel(0, -120);
            await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
          }
        }
        if (await page.locator(`.react-flow__node[data-id="${middle}"]`).isVisible()) zoomFrames.push(...(await dragFrames(page, middle)));
        await context.close();
      }
      const row = (label: string, xs: number[]) =>
        `| ${n} | ${label} | ${xs.length} | ${median(xs).toFixed(1)} ms | ${pct(xs, 95).toFixed(1)} ms | ${Math.max(...xs).toFixed(1)} ms |`;
      rows.push(row("time to first render (navigation → all nodes drawn and fitted)", ttfr));
      rows.push(row(`frame time while dragging, whole plan in view (${DRAG_MOVES} moves per round)`, fitFrames));
      if (zoomFrames.length) rows.push(row(`frame time while dragging, zoom 100 % (${DRAG_MOVES} moves per round)`, zoomFrames));
      console.error(`${n} steps done`);
    }
  } finally {
    const version = browser.version();
    await browser.close();
    proc.kill();
    rmSync(dataDir, { recursive: true, force: true });
    const cpu = os.cpus();
    console.log(
      `Machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, Chromium ${version} (headless), ${new Date().toISOString().slice(0, 10)}.\n`,
    );
    console.log("| Steps | What | n | p50 | p95 | max |\n|---|---|---|---|---|---|");
    console.log(rows.join("\n"));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
