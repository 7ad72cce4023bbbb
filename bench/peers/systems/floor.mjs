// The floor: what any durable engine must at least do per step on PostgreSQL — store the step's
// result and advance the run, committed before the next step — with nothing else around it.
// "transaction": BEGIN; insert step result; update run; COMMIT (four round trips);
// "cte": the same two writes in one statement (one round trip).
import { randomUUID } from "node:crypto";
import postgres from "postgres";

export const SCHEMA = `
  create table if not exists floor_runs (id uuid primary key, status text not null, step int not null default 0, updated_at timestamptz not null default now());
  create table if not exists floor_steps (run_id uuid not null references floor_runs (id), idx int not null, result jsonb not null, primary key (run_id, idx));`;

export async function open(url, variant) {
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  await sql.unsafe(SCHEMA).simple();
  const step =
    variant === "cte"
      ? (id, i) =>
          sql`with s as (insert into floor_steps (run_id, idx, result) values (${id}, ${i}, ${sql.json({ i })}) returning run_id)
              update floor_runs set step = ${i + 1}, updated_at = now() where id = (select run_id from s)`
      : (id, i) =>
          sql.begin(async (tx) => {
            await tx`insert into floor_steps (run_id, idx, result) values (${id}, ${i}, ${tx.json({ i })})`;
            await tx`update floor_runs set step = ${i + 1}, updated_at = now() where id = ${id}`;
          });
  const run = async (n) => {
    const id = randomUUID();
    await sql`insert into floor_runs (id, status) values (${id}, 'running')`;
    for (let i = 0; i < n; i++) await step(id, i);
    await sql`update floor_runs set status = 'completed', updated_at = now() where id = ${id}`;
  };
  return {
    chain: (n) => run(n),
    burst: (runs, steps) => Promise.all(Array.from({ length: runs }, () => run(steps))),
    close: () => sql.end({ timeout: 5 }),
  };
}
