// Opens the database once, at server start, in the process that owns it: PGlite has no lock on its
// data directory, and creating it on the first request would make that request wait seconds.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First: JSON answers for what Next itself would answer with a 500 or not at all (TRACE,
  // undecodable paths, bodies sent to pages) — see lib/http/guard.ts.
  const { installRequestGuard } = await import("./lib/http/guard");
  installRequestGuard();
  const { bootstrap } = await import("./lib/bootstrap");
  try {
    await bootstrap();
  } catch (e) {
    console.error("[planvas] could not open the database:", (e as Error).message);
    throw e;
  }
  // Durable runs: with no Inngest configured, the embedded runner drives them from this process.
  const { startEmbeddedRunner } = await import("./inngest/start");
  await startEmbeddedRunner();
}
