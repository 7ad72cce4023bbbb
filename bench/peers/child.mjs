// A peer child of `npm run bench:peers` (scripts/bench-peers.mjs starts it; not run by hand): one
// system in a long-lived process of its own, driven over IPC with the same messages as the
// Planvas child (scripts/bench-peers.planvas.ts): { id, op: "chain", n } | { id, op: "burst",
// runs, steps } | { id, op: "close" }, each answered with { id, ok, ms, cpuMs } once durable.
// BENCH_SYSTEM names the system (systems/*.mjs), BENCH_DATABASE_URL its database.
const systems = {
  dbos: () => import("./systems/dbos.mjs"),
  langgraph: () => import("./systems/langgraph.mjs"),
  floor: () => import("./systems/floor.mjs").then((m) => ({ open: (url) => m.open(url, "transaction") })),
  "floor-cte": () => import("./systems/floor.mjs").then((m) => ({ open: (url) => m.open(url, "cte") })),
  "floor-pglite": () => import("./systems/floor-pglite.mjs"),
};

const name = process.env.BENCH_SYSTEM;
if (!systems[name]) throw new Error(`BENCH_SYSTEM must be one of ${Object.keys(systems).join(", ")}, not ${name}`);
const system = await (await systems[name]()).open(process.env.BENCH_DATABASE_URL || process.env.BENCH_DATA_DIR);

process.on("message", async (m) => {
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    if (m.op === "chain") await system.chain(m.n);
    else if (m.op === "burst") await system.burst(m.runs, m.steps);
    else await system.close();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    process.send({ id: m.id, ok: true, ms, cpuMs: (cpu.user + cpu.system) / 1000 });
    if (m.op === "close") process.exit(0);
  } catch (e) {
    process.send({ id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
process.send({ ready: true });
