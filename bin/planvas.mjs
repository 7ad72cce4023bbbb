#!/usr/bin/env node
// The `planvas` command. Runs the TypeScript CLI in lib/cli through tsx, on Node >= 22 (provisioned
// by scripts/node24.mjs when this machine's Node is older).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

if (Number(process.versions.node.split(".")[0]) < 22) {
  const res = spawnSync(process.execPath, [path.join(root, "scripts", "node24.mjs"), "node", fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  process.exit(res.status ?? 1);
}

const { register } = await import("tsx/esm/api");
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import(pathToFileURL(path.join(root, "lib", "cli", "index.ts")).href);
process.exitCode = await main(process.argv.slice(2));
