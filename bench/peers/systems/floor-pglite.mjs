// The floor on PGlite (a data directory, as Planvas's embedded database): the same transaction
// per step as systems/floor.mjs — BEGIN; insert step result; update run; COMMIT.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { SCHEMA } from "./floor.mjs";

export async function open(dir) {
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create({ dataDir: path.join(dir, "pglite") });
  await db.exec(SCHEMA);
  const step = (id, i) =>
    db.transaction(async (tx) => {
      await tx.query("insert into floor_steps (run_id, idx, result) values ($1, $2, $3)", [id, i, JSON.stringify({ i })]);
      await tx.query("update floor_runs set step = $2, updated_at = now() where id = $1", [id, i + 1]);
    });
  const run = async (n) => {
    const id = randomUUID();
    await db.query("insert into floor_runs (id, status) values ($1, 'running')", [id]);
    for (let i = 0; i < n; i++) await step(id, i);
    await db.query("update floor_runs set status = 'completed', updated_at = now() where id = $1", [id]);
  };
  return {
    chain: (n) => run(n),
    burst: (runs, steps) => Promise.all(Array.from({ length: runs }, () => run(steps))),
    close: () => db.close(),
  };
}
