// npm run bench:peers — Planvas's embedded engine against its peers, on one throwaway PostgreSQL.
// Every system runs the same two workloads: (a) one 20-step chain of no-op steps, each step's result
// durably stored before the next → ms per step; (b) 100 runs of 5 steps started at once → runs/s.
// Each system lives in a long-lived child process of its own (no shared heap or event loop) and its
// own database on the server, is warmed up first, and the rounds interleave the systems in a new
// random order each time. Prints the median and min–max of the rounds and the ratios to DBOS,
// LangGraph and the floor (the least a durable step costs: the result's insert and the run's update
// committed), as markdown for docs/benchmarks.md.
//
// The peers live in bench/peers (own package.json and lockfile, not the app's dependencies; `npm ci`
// runs there on first use or when its lockfile changed). The Planvas children import the app from
// this repository (scripts/bench-peers.planvas.ts). Needs Debian's PostgreSQL server binaries
// (scripts/pg-throwaway.sh).
//   BENCH_ROUNDS   rounds (default 5)
//   BENCH_SYSTEMS  comma list, a subset of the ids below (default: all)
//   BENCH_CHAIN    steps in the chain workload (default 20)
//   BENCH_MIN_SAMPLE_MS  a sample repeats a workload until it took this long (default 500)
//   PLANVAS_MAX_CONCURRENT_RUNS  the embedded runner's concurrency (default: the product's default)
import { fork, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

const ROOT = path.resolve(import.meta.dirname, "..");
const PEERS = path.join(ROOT, "bench", "peers");
/** The chain's length: 20 by default (the issue's workload); longer shows what a step costs late in a long run. */
const CHAIN = Math.max(1, Math.floor(Number(process.env.BENCH_CHAIN ?? 20)) || 20);
const BURST = { runs: 100, steps: 5 };
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5) || 5);
const OP_TIMEOUT_MS = 5 * 60_000;
/**
 * A round's sample of a workload repeats it until it has taken this long (at least once), so a
 * system whose chain takes 10 ms is not judged by one scheduler hiccup while one whose chain takes a
 * second averages over its own: every sample spans about as much wall time.
 */
const MIN_SAMPLE_MS = Math.max(0, Number(process.env.BENCH_MIN_SAMPLE_MS ?? 500) || 0);

const peerVersion = (pkg) => JSON.parse(readFileSync(path.join(PEERS, "node_modules", pkg, "package.json"), "utf8")).version;

/** Every system: how its child starts and what it is compared with. `db`: its own database on the server. */
const SYSTEMS = [
  { id: "planvas-pglite", label: () => "Planvas run-plan, PGlite (what `bench:engine` runs)", planvas: { BENCH_MODE: "run-plan" }, pglite: true },
  { id: "planvas-pg", label: () => "Planvas run-plan, PostgreSQL", planvas: { BENCH_MODE: "run-plan" }, db: "planvas_pg" },
  {
    id: "planvas-bare",
    label: () => `Planvas bare engine: embedded runner + serve(), ${CHAIN} bare \`step.run\`, PostgreSQL`,
    planvas: { BENCH_MODE: "bare" },
    db: "planvas_bare",
  },
  { id: "dbos", label: () => `DBOS Transact ${peerVersion("@dbos-inc/dbos-sdk")}, \`DBOS.runStep\``, peer: "dbos", db: "dbos" },
  {
    id: "langgraph",
    label: () =>
      `LangGraph ${peerVersion("@langchain/langgraph")} + checkpoint-postgres ${peerVersion("@langchain/langgraph-checkpoint-postgres")}, durability "sync"`,
    peer: "langgraph",
    db: "langgraph",
  },
  { id: "floor", label: () => "floor: BEGIN; insert result; update run; COMMIT (`postgres` driver)", peer: "floor", db: "floor" },
  { id: "floor-cte", label: () => "floor: the same in one statement (CTE), one round trip", peer: "floor-cte", db: "floor_cte" },
  { id: "floor-pglite", label: () => "floor on PGlite: the same transaction", peer: "floor-pglite", pglite: true },
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const shuffle = (xs) => {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** Repeats one workload until MIN_SAMPLE_MS have passed: mean ms per repetition, CPU in all, repetitions. */
async function sample(child, msg) {
  let ms = 0;
  let cpuMs = 0;
  let n = 0;
  do {
    const r = await child.request(msg);
    ms += r.ms;
    cpuMs += r.cpuMs;
    n++;
  } while (ms < MIN_SAMPLE_MS);
  return { ms: ms / n, cpuMs, n };
}

// --- the peers' package ----------------------------------------------------------------------------

/** `npm ci` in bench/peers on first use, and again whenever its lockfile changed. */
function ensurePeers() {
  const lock = readFileSync(path.join(PEERS, "package-lock.json"));
  const sha = createHash("sha256").update(lock).digest("hex");
  const stamp = path.join(PEERS, "node_modules", ".planvas-lock-sha256");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === sha) return;
  console.log("bench/peers: npm ci (first use or its lockfile changed)…");
  const res = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: PEERS, stdio: "inherit" });
  if (res.status !== 0) throw new Error(`npm ci in bench/peers failed (exit ${res.status})`);
  writeFileSync(stamp, sha);
}

// --- the throwaway PostgreSQL ----------------------------------------------------------------------

function pgBin() {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(a) - Number(b)) : [];
  if (!versions.length) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (Debian: apt-get install postgresql)");
  return path.join(base, versions.at(-1), "bin");
}

function startPostgres(dir) {
  // Away from the CI checks' 54329; pg-throwaway.sh moves on to the next free port.
  const port = 55400 + (process.pid % 500);
  const res = spawnSync("bash", [path.join(ROOT, "scripts", "pg-throwaway.sh"), dir, String(port)], { encoding: "utf8" });
  if (res.status !== 0) {
    const initLog = path.join(dir, "initdb.log");
    throw new Error(`scripts/pg-throwaway.sh failed: ${res.stderr || res.stdout}${existsSync(initLog) ? readFileSync(initLog, "utf8") : ""}`);
  }
  const url = res.stdout.trim().split("\n").at(-1);
  return {
    url,
    postmasterPid: () => Number(readFileSync(path.join(dir, "data", "postmaster.pid"), "utf8").split("\n")[0]),
    stop() {
      const asPg = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
      const cmd = [...asPg, path.join(pgBin(), "pg_ctl"), "-D", path.join(dir, "data"), "-m", "immediate", "stop"];
      spawnSync(cmd[0], cmd.slice(1), { stdio: "ignore" });
    },
  };
}

const dbUrl = (server, name) => {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
};

/** CPU seconds of the server's backends (the postmaster's children), from /proc (Linux only). */
function serverCpuMs(postmasterPid) {
  const hz = 100; // USER_HZ: 100 on every Linux Node runs on
  let ticks = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // f[0] is field 3 (state)
      if (Number(f[1]) === postmasterPid || Number(pid) === postmasterPid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone meanwhile
    }
  }
  return (ticks * 1000) / hz;
}

// --- the children ----------------------------------------------------------------------------------

function startChild(system, env, logDir) {
  const log = path.join(logDir, `${system.id}.log`);
  const fd = openSync(log, "w");
  const script = system.planvas ? path.join(ROOT, "scripts", "bench-peers.planvas.ts") : path.join(PEERS, "child.mjs");
  const child = fork(script, [], {
    cwd: system.planvas ? ROOT : PEERS,
    execArgv: system.planvas ? ["--import", "tsx"] : [],
    stdio: ["ignore", fd, fd, "ipc"],
    env: { ...process.env, ...env },
  });
  closeSync(fd);
  const pending = new Map();
  let nextId = 1;
  let exited = null;
  const tail = () => readFileSync(log, "utf8").split("\n").slice(-30).join("\n");
  const ready = new Promise((resolve, reject) => {
    const startTimer = setTimeout(() => reject(new Error(`${system.id}: not ready after ${OP_TIMEOUT_MS / 1000} s; its log:\n${tail()}`)), OP_TIMEOUT_MS);
    child.on("message", (m) => {
      if (m.ready) {
        clearTimeout(startTimer);
        return resolve();
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m);
      else p.reject(new Error(`${system.id}: ${m.error}`));
    });
    child.on("exit", (code, signal) => {
      exited = new Error(`${system.id}: the child exited (${signal ?? code}); its log:\n${tail()}`);
      reject(exited);
      for (const p of pending.values()) p.reject(exited);
      pending.clear();
    });
  });
  return {
    child,
    ready,
    request(msg) {
      if (exited) return Promise.reject(exited);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${system.id}: ${msg.op} took more than ${OP_TIMEOUT_MS / 1000} s; its log:\n${tail()}`));
        }, OP_TIMEOUT_MS);
        pending.set(id, { resolve, reject, timer });
        child.send({ id, ...msg });
      });
    },
  };
}

// --- the report ------------------------------------------------------------------------------------

function report(results, machine, selected) {
  const row = (s) => results.get(s.id);
  const summary = (xs) => ({ med: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
  const stats = new Map(
    selected.map((s) => {
      const r = row(s);
      return [s.id, { step: summary(r.stepMs), rps: summary(r.rps), nodeCpu: r.nodeCpuMs / r.steps, pgCpu: s.pglite ? null : r.pgCpuMs / r.steps }];
    }),
  );
  const cpuOf = (t) => t.nodeCpu + (t.pgCpu ?? 0);
  const lines = [];
  lines.push(`Machine: ${machine}`);
  lines.push("");
  lines.push(`| system | ms/step, ${CHAIN}-step chain | runs/s, ${BURST.runs} × ${BURST.steps}-step runs at once | CPU ms/step (Node + PostgreSQL) |`);
  lines.push("|---|---|---|---|");
  for (const s of selected) {
    const t = stats.get(s.id);
    const cpu = t.pgCpu === null ? `${fmt(t.nodeCpu)} (PostgreSQL in-process)` : `${fmt(t.nodeCpu)} + ${fmt(t.pgCpu)}`;
    lines.push(
      `| ${s.label()} | ${fmt(t.step.med)} (${fmt(t.step.min)}–${fmt(t.step.max)}) | ${fmt(t.rps.med)} (${fmt(t.rps.min)}–${fmt(t.rps.max)}) | ${cpu} |`,
    );
  }
  // Ratios, all "times slower": ms/step ÷ the peer's, the peer's runs/s ÷ this one's, CPU/step ÷ the peer's.
  const peers = [
    ["DBOS", () => "dbos"],
    ["LangGraph", () => "langgraph"],
    ["floor", (s) => (s.pglite ? "floor-pglite" : "floor")],
  ].filter(([, ref]) => selected.some((s) => stats.has(ref(s))));
  if (peers.length) {
    lines.push("");
    lines.push(
      `Ratios, "times slower" all three ways: median ms/step ÷ the peer's; the peer's median runs/s ÷ this one's; CPU ms/step of the chain (Node + PostgreSQL) ÷ the peer's, the least noisy on a shared machine. PGlite systems are compared with the PGlite floor:`,
    );
    lines.push("");
    lines.push(`| system | ${peers.map(([n]) => `× ${n} (step / runs / CPU)`).join(" | ")} |`);
    lines.push(`|---|${peers.map(() => "---").join("|")}|`);
    for (const s of selected) {
      const t = stats.get(s.id);
      const cells = peers.map(([, ref]) => {
        const p = stats.get(ref(s));
        if (!p || ref(s) === s.id) return "—";
        return `${fmt(t.step.med / p.step.med)} / ${fmt(p.rps.med / t.rps.med)} / ${fmt(cpuOf(t) / cpuOf(p))}`;
      });
      lines.push(`| ${s.label()} | ${cells.join(" | ")} |`);
    }
  }
  return lines.join("\n");
}

// --- main ------------------------------------------------------------------------------------------

async function main() {
  const wanted = process.env.BENCH_SYSTEMS?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted?.filter((w) => !SYSTEMS.some((s) => s.id === w)) ?? [];
  if (unknown.length) throw new Error(`BENCH_SYSTEMS: unknown ${unknown.join(", ")}; known: ${SYSTEMS.map((s) => s.id).join(", ")}`);
  const selected = wanted?.length ? SYSTEMS.filter((s) => wanted.includes(s.id)) : SYSTEMS;
  if (selected.some((s) => s.peer)) ensurePeers();

  const tmp = mkdtempSync(path.join(os.tmpdir(), "planvas-bench-peers-"));
  chmodSync(tmp, 0o755); // as root, the server runs as user postgres and must reach its directory
  const pgDir = path.join(tmp, "pg");
  const children = [];
  let pg = null;
  const cleanup = () => {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
    pg?.stop();
    rmSync(tmp, { recursive: true, force: true });
  };
  for (const [sig, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ]) {
    process.on(sig, () => {
      cleanup();
      process.exit(code);
    });
  }
  try {
    const started = performance.now();
    pg = startPostgres(pgDir);
    const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
    const [{ server_version: pgVersion }] = await admin`show server_version`;
    for (const s of selected) if (s.db) await admin.unsafe(`create database ${s.db}`);
    await admin.end({ timeout: 5 });
    const load0 = os.loadavg();
    console.log(`PostgreSQL ${pgVersion} at ${pg.url} (fsync=off); ${ROUNDS} rounds of: ${CHAIN}-step chain, ${BURST.runs} × ${BURST.steps}-step runs at once`);

    // Start each child and warm it up (module init, JIT, pools, the SDK's first sync) one at a time.
    const live = new Map();
    for (const s of selected) {
      const env = {
        ...s.planvas,
        BENCH_SYSTEM: s.peer ?? "",
        BENCH_DATABASE_URL: s.db ? dbUrl(pg.url, s.db) : "",
        BENCH_DATA_DIR: s.pglite ? path.join(tmp, s.id) : "",
      };
      const c = startChild(s, env, tmp);
      children.push(c);
      await c.ready;
      await c.request({ op: "chain", n: CHAIN });
      await c.request({ op: "burst", ...BURST });
      live.set(s.id, c);
      console.log(`  ${s.id}: ready and warmed up`);
    }

    const results = new Map(selected.map((s) => [s.id, { stepMs: [], rps: [], nodeCpuMs: 0, pgCpuMs: 0, steps: 0 }]));
    const pm = pg.postmasterPid();
    for (let round = 1; round <= ROUNDS; round++) {
      const order = shuffle(selected);
      const line = [];
      for (const s of order) {
        const c = live.get(s.id);
        const r = results.get(s.id);
        await sleep(200); // let the previous system's background work settle
        const pg0 = serverCpuMs(pm);
        const chain = await sample(c, { op: "chain", n: CHAIN });
        r.pgCpuMs += serverCpuMs(pm) - pg0;
        r.nodeCpuMs += chain.cpuMs;
        r.steps += CHAIN * chain.n;
        r.stepMs.push(chain.ms / CHAIN);
        const burst = await sample(c, { op: "burst", ...BURST });
        r.rps.push(BURST.runs / (burst.ms / 1000));
        line.push(`${s.id} ${fmt(chain.ms / CHAIN)} ms/step ${fmt(BURST.runs / (burst.ms / 1000))} runs/s`);
      }
      console.log(`round ${round}/${ROUNDS}: ${line.join("; ")}`);
    }
    const load1 = os.loadavg();
    for (const c of children) await c.request({ op: "close" }).catch(() => {});
    // A child exits by itself after "close"; give it a moment (a --cpu-prof child writes its profile then).
    await Promise.all(
      children.map((c) =>
        c.child.exitCode !== null || c.child.signalCode !== null ? null : Promise.race([new Promise((r) => c.child.once("exit", r)), sleep(5000)]),
      ),
    );

    const cpu = os.cpus()[0]?.model?.trim() ?? "unknown CPU";
    const machine = `${os.availableParallelism()} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, PostgreSQL ${pgVersion} (throwaway cluster, fsync=off), ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, load average ${load0.map((x) => x.toFixed(2)).join(" ")} at the start, ${load1.map((x) => x.toFixed(2)).join(" ")} at the end; ${ROUNDS} rounds, each sample ≥ ${MIN_SAMPLE_MS} ms, ${((performance.now() - started) / 1000).toFixed(0)} s in all; embedded runner concurrency ${process.env.PLANVAS_MAX_CONCURRENT_RUNS || "the runner's default"}`;
    console.log(`\n${report(results, machine, selected)}`);
  } finally {
    cleanup();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
