// vitest setupFiles: `next/headers` for code that runs outside a Next request in tests.
import { vi } from "vitest";

vi.mock("next/headers", async () => {
  const { testHeaders } = await import("./request");
  return {
    headers: () => testHeaders(),
    cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, has: () => false }),
  };
});
