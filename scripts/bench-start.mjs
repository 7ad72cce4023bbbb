// `npm run bench:start`: how fast `npm run app` answers with an existing production build. Signed
// out, the first page is the sign-in page (/setup on a fresh installation); then it signs in and
// visits each page. Starts
// it (as a user would, fingerprint check included) on a spare port with a fresh embedded database
// (or PLANVAS_DATA_DIR, to measure a second start), times start → first 200 on `/`, then the first
// visit of each page, and stops it. Run `npm run app` once before, so the build exists.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import process from "node:process";
import { checkBuild } from "./build-stamp.mjs";

const PAGES = ["/", "/runs", "/inbox", "/knowledge", "/plans/new"];
const port = process.env.PORT || "3299";
const ownData = !process.env.PLANVAS_DATA_DIR;
const dataDir = process.env.PLANVAS_DATA_DIR || mkdtempSync(path.join(tmpdir(), "planvas-bench-start-"));

if (checkBuild(process.cwd()).build) {
  process.stderr.write("bench:start: the production build is missing or out of date; run `npm run app` once first\n");
  process.exit(2);
}

const started = performance.now();
const child = spawn(process.execPath, ["scripts/app.mjs"], {
  env: { ...process.env, PORT: port, HOST: "127.0.0.1", PLANVAS_DATA_DIR: dataDir, DATABASE_URL: "" },
  stdio: ["ignore", "pipe", "pipe"],
  detached: true,
});
let log = "";
child.stdout.on("data", (d) => (log += d));
child.stderr.on("data", (d) => (log += d));

let cookie = "";
async function get(p, redirect = "manual") {
  const t = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${p}`, { redirect, headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t, url: res.url };
}

/** The owner account, as a person creates it on a fresh installation (or a sign-in on an existing one). */
async function signIn() {
  const owner = { email: "bench@planvas.test", password: "benchmark owner", name: "Benchmark" };
  const base = `http://127.0.0.1:${port}`;
  let res = await fetch(`${base}/api/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(owner) });
  if (res.status === 409)
    res = await fetch(`${base}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: owner.email, password: owner.password }),
    });
  if (!res.ok) throw new Error(`could not sign in: HTTP ${res.status} ${await res.text()}`);
  cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

const rows = [];
try {
  let first = null;
  while (!first) {
    if (performance.now() - started > 60_000) throw new Error(`no 200 on / within 60 s\n${log}`);
    try {
      // Signed out, "/" leads to the sign-in page (a fresh installation: to /setup): the first page a person sees.
      const r = await get("/", "follow");
      if (r.status === 200) first = r;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  const ready = performance.now() - started;
  rows.push(`start → first 200 on / (${new URL(first.url).pathname}): ${(ready / 1000).toFixed(2)} s (that request itself: ${first.ms.toFixed(0)} ms)`);
  await signIn();
  for (const p of PAGES) {
    const r = await get(p);
    rows.push(`first visit ${p}: ${r.ms.toFixed(0)} ms (HTTP ${r.status})`);
  }
  const again = await get("/");
  rows.push(`second visit /: ${again.ms.toFixed(0)} ms`);
} finally {
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
  await new Promise((r) => setTimeout(r, 500));
  if (ownData) rmSync(dataDir, { recursive: true, force: true });
}
process.stdout.write(`${rows.join("\n")}\n(${ownData ? "fresh embedded database" : `database in ${dataDir}`}; Node ${process.versions.node})\n`);
