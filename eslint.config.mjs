import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  // Process-wide state goes through lib/singleton.ts, never a hand-written global.
  {
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/singleton.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "Identifier[name=/^__planvas/]", message: "use processSingleton / setProcessSingleton (lib/singleton.ts)" },
      ],
    },
  },
  // Application code never imports test doubles or test libraries: they live in `testing` modules
  // (and `testkit.ts`, `*.fixtures.ts`), which only tests, e2e specs and benchmark scripts may import.
  {
    files: ["app/**", "components/**", "lib/**", "inngest/**", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*.test.ts", "**/*.test.tsx", "**/*.fixtures.ts", "**/testing.ts", "**/testing/**", "**/testkit.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/testing", "**/testing/**", "**/testkit", "@/lib/db/testing"], message: "test doubles are for tests, e2e specs and benchmarks only" },
            { group: ["vitest", "vitest/*", "@playwright/test", "@inngest/test", "ai/test"], message: "test libraries are for tests only" },
          ],
        },
      ],
    },
  },
]);
