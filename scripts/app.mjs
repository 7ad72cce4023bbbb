// `npm run app`: Planvas for people using it. Builds for production once — when there is no build
// or the sources changed since the last one (scripts/build-stamp.mjs) — showing the build's
// progress, then serves it with `next start` on HOST (default 127.0.0.1) and PORT (default 3000).
// `npm start` is the same without the build step (`--no-build`). Run through scripts/node24.mjs,
// which puts node_modules/.bin and a Node >= 22 on PATH.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { checkBuild, writeStamp } from "./build-stamp.mjs";
import { copyTemplate, makeTemplate, templateFits } from "./db-template.mjs";

const root = process.cwd();
const argv = process.argv.slice(2);
const noBuild = argv.includes("--no-build");
const extra = argv.filter((a) => a !== "--no-build");
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
// The CLIs by path, run by this Node: works whatever is on PATH (Playwright's webServer, Windows).
const cli = { next: path.join(root, "node_modules", "next", "dist", "bin", "next"), tsx: path.join(root, "node_modules", "tsx", "dist", "cli.mjs") };
const say = (line) => process.stdout.write(`planvas: ${line}\n`);

const decision = checkBuild(root);
if (!noBuild && decision.build) {
  say(`building for production once, because ${decision.reason} (a minute or two; later starts skip this)`);
  const started = Date.now();
  const res = spawnSync(process.execPath, [cli.next, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (res.status !== 0) {
    say(`the build failed (exit ${res.status ?? res.signal}); nothing started`);
    process.exit(res.status || 1);
  }
  writeStamp(root, decision.current);
  say(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
const buildFits = !decision.build || !noBuild;

// Creating an embedded database takes seconds, so it never happens during the first page: a new data
// directory gets a copy of the database prepared once for this build (scripts/db-template.mjs).
const dataDir = path.resolve(process.env.PLANVAS_DATA_DIR?.trim() || ".data", "pglite");
const prepareDb = (dataRoot) =>
  spawnSync(process.execPath, [cli.tsx, "scripts/prepare-db.ts"], { stdio: "inherit", env: { ...process.env, PLANVAS_DATA_DIR: dataRoot } }).status === 0;
if (!process.env.DATABASE_URL && buildFits) {
  if (!noBuild && (decision.build || !existsSync(dataDir)) && !templateFits(root, decision.current)) {
    say("preparing the embedded database for this build (once)");
    if (!makeTemplate(root, decision.current, prepareDb)) {
      say("could not prepare the embedded database; nothing started");
      process.exit(1);
    }
  }
  if (!existsSync(dataDir) && templateFits(root, decision.current)) {
    const started = Date.now();
    copyTemplate(root, dataDir);
    say(`created the embedded database in ${dataDir} (${Date.now() - started} ms)`);
  }
}

const database = process.env.DATABASE_URL ? "database from DATABASE_URL" : `embedded database in ${process.env.PLANVAS_DATA_DIR || ".data"}`;
const loopback = host === "127.0.0.1" || host === "localhost" || host === "::1";
const urlHost = host.includes(":") ? `[${host}]` : host;
const hint = loopback
  ? "set HOST=0.0.0.0 to listen on every interface"
  : `listening on ${host} as HOST says${process.env.NEXT_PUBLIC_SUPABASE_URL ? "" : "; no sign-in is configured, so anyone who can reach it can use it"}`;
const banner = `Planvas on http://${urlHost}:${port} (${database}; ${hint})`;

const child = spawn(process.execPath, [cli.next, "start", "-H", host, "-p", port, ...extra], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});

// The banner comes once the app answers, so the address it prints is one that works.
const probeHost = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "[::1]" : urlHost;
const deadline = Date.now() + 120_000;
(async () => {
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`http://${probeHost}:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) {
        process.stdout.write(`\n${banner}\n\n`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
})();
