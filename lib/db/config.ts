import path from "node:path";

/** The one place that reads the database settings from the environment. */
export function databaseConfig(env: NodeJS.ProcessEnv = process.env) {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres" as const, url };
  return { kind: "pglite" as const, dataDir: path.resolve(env.PLANVAS_DATA_DIR?.trim() || ".data", "pglite") };
}
