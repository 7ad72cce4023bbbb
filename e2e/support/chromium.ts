import { existsSync } from "node:fs";

// How the e2e suite and the browser benchmarks launch Chromium: Playwright cannot download its
// browsers here, Debian's works (overridable), and elsewhere Playwright's own is used.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export const chromiumLaunchOptions = {
  ...(executablePath ? { executablePath } : {}),
  // Keep Chromium off the network: this machine's is closed and it would retry for ever.
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
  ],
};
