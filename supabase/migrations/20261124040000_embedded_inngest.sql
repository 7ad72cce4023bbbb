-- State of the embedded Inngest runner (inngest/embedded/runner.ts): the executor Planvas uses when
-- no Inngest Cloud / self-hosted Inngest is configured. Only the server's own connection touches
-- these tables: RLS is enabled with no policies and nothing is granted to anon/authenticated, so
-- PostgREST clients can neither see nor change runs. With Inngest configured the tables stay empty.
--
-- All times are absolute (timestamptz) so timers survive restarts. Every state change happens in
-- one transaction that first takes pg_advisory_xact_lock(7234102) (see store.ts).

create schema if not exists inngest_embedded;
revoke all on schema inngest_embedded from public;

-- Every event received, in arrival order. `id` is the event id (the caller's `id` when given: a
-- second event with the same id is ignored, like Inngest's idempotent event ids).
create table inngest_embedded.events (
  id text primary key,
  seq bigint generated always as identity unique,
  name text not null,
  payload jsonb not null, -- the event exactly as functions receive it: {id, name, data, ts, user?, v?}
  received_at timestamptz not null
);
create index events_name_received_idx on inngest_embedded.events (name, received_at);

create table inngest_embedded.runs (
  id text primary key, -- ULID
  fn_id text not null, -- composite function id as synced: <app id>-<function id>
  event_id text,
  event jsonb not null,
  events jsonb not null,
  status text not null default 'running' check (status in ('running', 'completed', 'failed', 'cancelled')),
  attempt integer not null default 0 check (attempt >= 0), -- attempt of the next discovery call
  -- Memoized step state, keyed by hashed step id: {type:"data",data} | {type:"error",error}.
  steps jsonb not null default '{}'::jsonb,
  -- Hashed step ids in the order their results were persisted (the SDK replays in this order).
  stack text[] not null default '{}',
  -- Steps the SDK planned (StepPlanned) and that still have to be called with stepId:
  -- [{id, attempt, at (epoch ms)}].
  planned jsonb not null default '[]'::jsonb,
  discover_at timestamptz, -- a discovery call (no stepId) is due at this time; null = none pending
  next_at timestamptz, -- when this run next has runnable work (derived from planned/discover_at)
  last_call_at timestamptz, -- start of the latest discovery call whose operations were stored (gap rule)
  lease_owner text, -- the runner instance driving this run
  lease_until timestamptz,
  output jsonb,
  error jsonb,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  ended_at timestamptz
);
create index runs_due_idx on inngest_embedded.runs (next_at) where status = 'running';
create index runs_fn_status_idx on inngest_embedded.runs (fn_id, status);
create index runs_status_created_idx on inngest_embedded.runs (status, created_at);

-- Pending step.waitForEvent calls.
create table inngest_embedded.waits (
  run_id text not null references inngest_embedded.runs (id) on delete cascade,
  step_id text not null, -- hashed step id
  event_name text not null,
  expression text, -- compiled `if` (a `match` arrives already compiled to an expression)
  since timestamptz not null, -- events received at or after this time may resolve the wait
  expires_at timestamptz not null,
  created_at timestamptz not null,
  primary key (run_id, step_id)
);
create index waits_event_idx on inngest_embedded.waits (event_name, created_at);
create index waits_expires_idx on inngest_embedded.waits (expires_at);

-- Pending step.sleep / step.sleepUntil calls.
create table inngest_embedded.timers (
  run_id text not null references inngest_embedded.runs (id) on delete cascade,
  step_id text not null,
  due_at timestamptz not null,
  primary key (run_id, step_id)
);
create index timers_due_idx on inngest_embedded.timers (due_at);

alter table inngest_embedded.events enable row level security;
alter table inngest_embedded.runs enable row level security;
alter table inngest_embedded.waits enable row level security;
alter table inngest_embedded.timers enable row level security;

-- Nothing is granted to anon/authenticated; revoke defensively in case a database has default
-- privileges that would have granted something.
revoke all on all tables in schema inngest_embedded from anon, authenticated;
revoke all on all sequences in schema inngest_embedded from anon, authenticated;
