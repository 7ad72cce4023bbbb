import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files relative to its own module; bundling would break that.
  // Same for the offline image renderer's satori (inlined yoga WASM) and resvg (index_bg.wasm).
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "satori", "@resvg/resvg-wasm"],
  poweredByHeader: false,
  // Read at start by lib/db/migrate.ts; listed so traced deployments (standalone, Vercel) carry them.
  outputFileTracingIncludes: {
    "/**": ["./supabase/migrations/*.sql", "./lib/db/compat.sql", "./supabase/seed.sql", "./node_modules/geist/dist/fonts/**/*.ttf"],
  },
};

export default nextConfig;
