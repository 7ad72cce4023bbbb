// `npm test`: typecheck, lint, formatting, unit/integration tests (vitest), a production build, and the
// end-to-end tests (Playwright) against it. Every stage runs even when an earlier one failed, so
// one run shows everything; the last line is the total: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const bin = (name) => `node_modules/.bin/${name}`;
mkdirSync("test-results", { recursive: true });

let passed = 0;
let failed = 0;
const summary = [];

function run(label, cmd, args) {
  const started = Date.now();
  process.stdout.write(`\n── ${label} ──\n`);
  const res = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, FORCE_COLOR: process.env.CI ? "0" : "1" } });
  const ok = res.status === 0;
  summary.push(`${ok ? "✓" : "✗"} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function firstLine(text) {
  return (
    String(text ?? "")
      .split("\n")
      .find((l) => l.trim()) ?? ""
  );
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

// Checks that are not test suites count as one test each.
for (const [label, cmd, args] of [
  ["typecheck", bin("tsc"), ["--noEmit"]],
  ["lint", bin("eslint"), [".", "--max-warnings=0"]],
  ["format (prettier --check; fix with npm run format)", bin("prettier"), ["--check", "--log-level=warn", "."]],
]) {
  if (run(label, cmd, args)) passed++;
  else failed++;
}

rmSync("test-results/vitest.json", { force: true });
const unitOk = run("unit and integration tests (vitest)", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=test-results/vitest.json",
]);
const vitest = readJson("test-results/vitest.json");
// The failures are repeated in the last lines, because CI keeps only the tail of the output and the
// build and e2e stages print a lot after vitest.
const failures = [];
if (vitest) {
  for (const file of vitest.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === "failed")
        failures.push(`vitest ${file.name.replace(process.cwd() + "/", "")} › ${t.fullName}\n    ${firstLine(t.failureMessages?.[0])}`);
    }
    if (file.status === "failed" && !(file.assertionResults ?? []).some((t) => t.status === "failed"))
      failures.push(`vitest ${file.name.replace(process.cwd() + "/", "")}\n    ${firstLine(file.message)}`);
  }
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + (unitOk || vitest.numFailedTests ? 0 : 1);
} else failed++;

if (run("production build (next build)", bin("next"), ["build"])) {
  rmSync("test-results/e2e.json", { force: true });
  const e2eOk = run("end-to-end tests (playwright)", bin("playwright"), ["test"]);
  const report = readJson("test-results/e2e.json");
  collectE2eFailures(report?.suites ?? []);
  if (report?.stats) {
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected + (e2eOk || report.stats.unexpected ? 0 : 1);
  } else failed++;
} else {
  failed++;
  summary.push("✗ end-to-end tests skipped: the build failed");
}

function collectE2eFailures(suites) {
  for (const suite of suites) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected") continue;
        const error = test.results?.at(-1)?.error?.message;
        failures.push(`e2e ${spec.file}:${spec.line} › ${spec.title}\n    ${firstLine(error)}`);
      }
    }
    collectE2eFailures(suite.suites ?? []);
  }
}

if (failures.length) process.stdout.write(`\nfailed:\n${failures.map((f) => `  ${f}`).join("\n")}\n`);
process.stdout.write(`\n${summary.join("\n")}\n${failed && existsSync("test-results/e2e") ? "artifacts of failed e2e tests: test-results/e2e\n" : ""}`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
