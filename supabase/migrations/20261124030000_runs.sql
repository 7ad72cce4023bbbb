-- Runs of plan versions, their steps, the append-only approval audit, and a per-run event log.
-- Every status change is written together with its run_events row in one transaction; the
-- realtime trigger below publishes those rows (Supabase Realtime broadcast, or NOTIFY embedded).

create table public.runs (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null,
  plan_version integer not null,
  status text not null default 'pending'
    check (status in ('pending','running','awaiting_approval','approved','rejected','succeeded','failed','skipped','cancelled','expired')),
  started_by uuid not null references auth.users (id),
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  error text,
  -- The last run_events.seq; incremented in the same transaction as each event.
  seq bigint not null default 0,
  -- Rerun: the run whose outputs are reused, and the first step that executes again.
  rerun_of uuid references public.runs (id) on delete set null,
  rerun_from text,
  foreign key (plan_id, plan_version) references public.plan_versions (plan_id, version) on delete cascade
);
create index runs_plan_created_idx on public.runs (plan_id, created_at desc);
create index runs_created_idx on public.runs (created_at desc);

create table public.run_steps (
  run_id uuid not null references public.runs (id) on delete cascade,
  step_id text not null,
  step_index integer not null,
  tool_name text not null,
  status text not null default 'pending'
    check (status in ('pending','running','awaiting_approval','approved','rejected','succeeded','failed','skipped','cancelled','expired')),
  requires_approval boolean not null,
  -- Side-effecting steps are approved before they run; content steps after.
  gate text not null default 'none' check (gate in ('none','before','after')),
  revision integer not null default 0,
  input jsonb not null default '{}'::jsonb,
  output jsonb,
  content_hash text,
  -- The step's conversation messages (tool call + result) as later steps see them.
  messages jsonb,
  attempts integer not null default 0,
  error text,
  logs jsonb not null default '[]'::jsonb,
  reused boolean not null default false,
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (run_id, step_id)
);

create table public.approvals (
  id uuid primary key default gen_random_uuid(),
  run_id uuid not null references public.runs (id) on delete cascade,
  step_id text not null,
  revision integer not null,
  decision text not null check (decision in ('approve','edit','reject')),
  content_hash text not null,
  output jsonb,
  comment text,
  decided_by uuid not null references auth.users (id),
  decided_at timestamptz not null default now(),
  -- One decision per step revision: a second, different one is a conflict, not an overwrite.
  unique (run_id, step_id, revision)
);

create table public.run_events (
  run_id uuid not null references public.runs (id) on delete cascade,
  seq bigint not null,
  type text not null,
  step_id text,
  payload jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  primary key (run_id, seq)
);

create function public.approvals_are_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'approvals are append-only' using errcode = 'check_violation';
end $$;
create trigger approvals_append_only before update or delete on public.approvals
  for each row when (pg_trigger_depth() = 0) execute function public.approvals_are_append_only();

-- Broadcast from the database: one message per run event on the private topic run:<id>.
create function public.broadcast_run_event() returns trigger language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.send(
    jsonb_build_object('runId', new.run_id, 'seq', new.seq, 'type', new.type, 'stepId', new.step_id, 'payload', new.payload, 'createdAt', new.created_at),
    new.type,
    'run:' || new.run_id::text,
    true
  );
  return null;
end $$;
create trigger run_events_broadcast after insert on public.run_events
  for each row execute function public.broadcast_run_event();

alter table public.runs enable row level security;
alter table public.run_steps enable row level security;
alter table public.approvals enable row level security;
alter table public.run_events enable row level security;

-- Whoever may see the plan may see its runs. The engine writes as service_role.
create policy "plan owners read runs" on public.runs for select to authenticated
  using (exists (select 1 from public.plans p where p.id = plan_id and p.owner_id = (select auth.uid())));
create policy "plan owners read run steps" on public.run_steps for select to authenticated
  using (exists (select 1 from public.runs r join public.plans p on p.id = r.plan_id where r.id = run_id and p.owner_id = (select auth.uid())));
create policy "plan owners read approvals" on public.approvals for select to authenticated
  using (exists (select 1 from public.runs r join public.plans p on p.id = r.plan_id where r.id = run_id and p.owner_id = (select auth.uid())));
create policy "plan owners read run events" on public.run_events for select to authenticated
  using (exists (select 1 from public.runs r join public.plans p on p.id = r.plan_id where r.id = run_id and p.owner_id = (select auth.uid())));

grant select on public.runs, public.run_steps, public.approvals, public.run_events to authenticated;
grant all on public.runs, public.run_steps, public.approvals, public.run_events to service_role;
