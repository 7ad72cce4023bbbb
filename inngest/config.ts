/**
 * Which Inngest drives runs. Nothing configured → the embedded runner inside this app (state in
 * Postgres). INNGEST_DEV / INNGEST_BASE_URL → an Inngest dev server or self-hosted Inngest;
 * INNGEST_EVENT_KEY + INNGEST_SIGNING_KEY → Inngest Cloud. Same function, same code path.
 */
export type InngestMode = "embedded" | "dev" | "cloud";

export function inngestMode(env: NodeJS.ProcessEnv = process.env): InngestMode {
  const dev = env.INNGEST_DEV?.trim();
  if (dev && dev !== "0" && dev !== "false") return "dev";
  if (env.INNGEST_BASE_URL?.trim()) return env.INNGEST_SIGNING_KEY?.trim() ? "cloud" : "dev";
  if (env.INNGEST_EVENT_KEY?.trim() || env.INNGEST_SIGNING_KEY?.trim()) return "cloud";
  return "embedded";
}

export const APP_ID = "planvas";
