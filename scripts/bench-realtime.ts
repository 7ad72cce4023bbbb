// npm run bench:realtime — how fast a committed status change reaches the page, on the embedded
// path (trigger → NOTIFY wake-up → one LISTEN → a read under RLS → SSE → the run view's DOM), measured in Chromium; and the
// same delivery to 50 concurrent SSE viewers. Needs a production build (`npm run build`).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/support/chromium";
import { setUpOwner, type Owner } from "./bench-owner";

const STEPS = Number(process.env.BENCH_STEPS ?? 30);
const VIEWERS = 50;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first");
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "planvas-bench-rt-"));
  const base = `http://127.0.0.1:${port}`;
  const server = spawn("./node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, PLANVAS_DATA_DIR: dir, DATABASE_URL: "" },
    stdio: "ignore",
  });
  let owner: Owner | undefined;
  const api = async <T>(p: string, init?: RequestInit) => {
    const res = await fetch(`${base}${p}`, { ...init, headers: { "content-type": "application/json", authorization: `Bearer ${owner!.token}` } });
    return (await res.json()) as T;
  };
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) {
          owner = await setUpOwner(base);
          break;
        }
      } catch {
        if (i > 600) throw new Error("server did not start");
      }
      await new Promise((r) => setTimeout(r, 100));
    }
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
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.context().addCookies(owner!.cookies);
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

    // 50 more viewers on the same run's event stream.
    const viewerTimes: number[][] = [];
    const aborts: AbortController[] = [];
    const viewerArrivals = new Map<number, number[]>(); // seq → arrival times
    await Promise.all(
      Array.from({ length: VIEWERS }, async () => {
        const ac = new AbortController();
        aborts.push(ac);
        const res = await fetch(`${base}/api/runs/${runId}/events?after=0`, { signal: ac.signal, headers: { authorization: `Bearer ${owner!.token}` } });
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
                const id = /^id: (\d+)$/m.exec(frame);
                if (id) {
                  const list = viewerArrivals.get(Number(id[1])) ?? [];
                  list.push(Date.now());
                  viewerArrivals.set(Number(id[1]), list);
                }
              }
            }
          } catch {
            // aborted at the end
          }
        })();
      }),
    );

    const domLatency: number[] = [];
    const streamLatency: number[] = [];
    let delivered = 0;
    for (let i = 0; i < STEPS; i++) {
      // Wait until the step awaits approval (via the API), then decide and time the change.
      let run: { seq: number; steps: { id: string; status: string; contentHash: string }[] };
      for (;;) {
        run = await api(`/api/runs/${runId}`);
        if (run.steps[i]!.status === "awaiting_approval") break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const t0 = Date.now();
      await api(`/api/runs/${runId}/steps/s${i}/decision`, {
        method: "POST",
        body: JSON.stringify({ decision: "approve", contentHash: run.steps[i]!.contentHash }),
      });
      const approvedSeq = run.seq + 1; // the decision's own event
      const seenAt = await page.waitForFunction((id) => (window as unknown as { __seen: Record<string, number> }).__seen[id], `s${i}`, { polling: "raf" });
      domLatency.push(((await seenAt.jsonValue()) as number) - t0);
      const end = Date.now() + 5000;
      while ((viewerArrivals.get(approvedSeq)?.length ?? 0) < VIEWERS && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
      const arrivals = viewerArrivals.get(approvedSeq) ?? [];
      delivered += arrivals.length;
      for (const a of arrivals) streamLatency.push(a - t0);
    }
    viewerTimes.push(streamLatency);
    for (const a of aborts) a.abort();
    await browser.close();

    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    console.log(
      `machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}; production build, embedded PGlite, Chromium ${browser.version()}`,
    );
    console.log(
      `decision sent → status visible in the page's DOM (n=${domLatency.length}): p50 ${pct(domLatency, 50)} ms, p95 ${pct(domLatency, 95)} ms, max ${Math.max(...domLatency)} ms`,
    );
    console.log(
      `same change → SSE event at each of ${VIEWERS} concurrent viewers (n=${streamLatency.length}): p50 ${pct(streamLatency, 50)} ms, p95 ${pct(streamLatency, 95)} ms; delivered ${delivered}/${STEPS * VIEWERS}`,
    );
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
