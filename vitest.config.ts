import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["{lib,app,components,inngest,scripts}/**/*.test.{ts,tsx}"],
    environment: "node",
    // next/headers outside a Next request: the local owner's real API token unless a test says otherwise.
    setupFiles: ["lib/auth/testing/vitest-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
