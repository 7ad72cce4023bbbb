// Decides whether `npm run app` must build before it starts: a production build (`.next/BUILD_ID`)
// is reused only when `.next/planvas-build.json` says it was made from exactly the sources on disk
// now (a sha-256 over every source file's path and content, package-lock.json included, and the
// NEXT_PUBLIC_* variables that Next inlines at build time) and BUILD_ID is still that build's.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const STAMP_FILE = path.join(".next", "planvas-build.json");

// Top-level directories that are output, data, dependencies or never part of the app's build (scripts/ holds
// this launcher, the test runner and benchmarks).
const SKIP_DIRS = new Set(["node_modules", ".next", ".git", "test-results", "playwright-report", "blob-report", "coverage", "e2e", "docs", ".ci", "scripts"]);
const skipDir = (rel) => SKIP_DIRS.has(rel) || rel.startsWith(".data") || rel.endsWith("/node_modules");
const skipFile = (name) => /\.test\.tsx?$/.test(name) || name.endsWith(".md") || name.endsWith(".tsbuildinfo") || name === "next-env.d.ts";

/** Source files under `root`, as sorted relative paths with "/" separators. */
export function sourceFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skipDir(rel)) walk(rel);
      } else if (entry.isFile() && !skipFile(entry.name)) out.push(rel);
    }
  };
  walk("");
  return out.sort();
}

/** The fingerprint of what a build is made of. */
export function fingerprint(root, env = process.env) {
  const hash = createHash("sha256");
  for (const rel of sourceFiles(root)) {
    hash.update(`${rel}\0`);
    hash.update(readFileSync(path.join(root, rel)));
    hash.update("\0");
  }
  const publicEnv = Object.keys(env)
    .filter((k) => k.startsWith("NEXT_PUBLIC_"))
    .sort()
    .map((k) => `${k}=${env[k]}`);
  hash.update(publicEnv.join("\n"));
  return hash.digest("hex");
}

/**
 * The rebuild decision, pure. `buildId`: the content of .next/BUILD_ID or null; `stamp`: the parsed
 * stamp file or null; `current`: the fingerprint of the sources now.
 * @returns {{ build: boolean, reason: string }}
 */
export function decideBuild({ buildId, stamp, current }) {
  if (!buildId) return { build: true, reason: "there is no production build yet" };
  if (!stamp || typeof stamp.fingerprint !== "string" || typeof stamp.buildId !== "string")
    return { build: true, reason: "the existing build was not made by npm run app" };
  if (stamp.buildId !== buildId) return { build: true, reason: "the build was replaced since npm run app made it" };
  if (stamp.fingerprint !== current) return { build: true, reason: "the sources changed since the last build" };
  return { build: false, reason: "the build is up to date" };
}

function readText(file) {
  try {
    return readFileSync(file, "utf8").trim() || null;
  } catch {
    return null;
  }
}

/** Reads the current state of `root` and decides. */
export function checkBuild(root, env = process.env) {
  const buildId = readText(path.join(root, ".next", "BUILD_ID"));
  let stamp = null;
  try {
    stamp = JSON.parse(readText(path.join(root, STAMP_FILE)) ?? "null");
  } catch {
    stamp = null;
  }
  const current = fingerprint(root, env);
  return { ...decideBuild({ buildId, stamp, current }), current };
}

/** Records that the build now in .next was made from sources with fingerprint `current`. */
export function writeStamp(root, current) {
  const buildFile = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildFile)) throw new Error("next build left no .next/BUILD_ID");
  const buildId = readFileSync(buildFile, "utf8").trim();
  writeFileSync(path.join(root, STAMP_FILE), `${JSON.stringify({ fingerprint: current, buildId, builtAt: new Date().toISOString() })}\n`);
}
