import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/chromium";
import { OWNER_STATE } from "./e2e/support/owner";

// One throwaway data directory per test run. Workers re-evaluate this file, so the path travels in
// the environment instead of being recomputed (a second directory would be a second database).
process.env.PLANVAS_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "planvas-e2e-"));
const port = Number(process.env.PLANVAS_E2E_PORT ?? 3210);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    acceptDownloads: true,
  },
  projects: [
    // A fresh installation first asks for its owner account: e2e/owner.setup.ts creates it through the
    // /setup page, and every spec starts signed in as that owner (its session cookie).
    { name: "setup", testMatch: /owner\.setup\.ts$/, use: { launchOptions: chromiumLaunchOptions } },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1440, height: 900 },
        launchOptions: chromiumLaunchOptions,
        storageState: OWNER_STATE,
      },
    },
  ],
  webServer: {
    // `npm start` (scripts/app.mjs without the build step): its default address is what e2e/listen.spec.ts checks.
    command: "node scripts/node24.mjs node scripts/app.mjs --no-build",
    url: `http://127.0.0.1:${port}/api/health`,
    env: { PLANVAS_DATA_DIR: process.env.PLANVAS_E2E_DATA_DIR, DATABASE_URL: "", PORT: String(port), HOST: "" },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
  },
});
