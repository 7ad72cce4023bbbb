-- The embedded runner's memoized steps, one row per step (inngest/embedded/store.ts). Before, they
-- were one jsonb object on the run's row, rewritten whole on every step: a run's n-th step cost
-- O(n) to store, a long run O(n²). Now a step's result is one insert. Rows of runs stored before this
-- stay in runs.steps and runs.stack, which are read first, and are never rewritten.
create table inngest_embedded.step_memos (
  run_id text not null references inngest_embedded.runs (id) on delete cascade,
  step_id text not null, -- hashed step id
  memo jsonb not null, -- {type:"data",data} | {type:"error",error}
  pos bigint generated always as identity, -- the order steps were stored in: the SDK's replay stack
  primary key (run_id, step_id)
);
create index step_memos_run_pos_idx on inngest_embedded.step_memos (run_id, pos);

-- Only the server's own connection touches the runner's tables (see 20261124040000_embedded_inngest.sql).
alter table inngest_embedded.step_memos enable row level security;
revoke all on inngest_embedded.step_memos from anon, authenticated;
