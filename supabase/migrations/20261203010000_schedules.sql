-- Schedules: run a plan or a template on a cron expression in a time zone (lib/triggers/schedules.ts).
-- One Inngest cron function (inngest/functions/schedule-tick.ts) reads the due schedules every
-- minute as service_role and fires each (schedule, scheduled_at) once: schedule_fires' primary key
-- is the dedupe, and the run is created with the idempotency key `<schedule id>:<scheduled_at ISO>`.
-- Members read a workspace's schedules and their history; editors and up manage them.

create table public.schedules (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 120),
  -- lib/triggers/fire.ts TriggerTarget: {kind: "plan", planId, version} | {kind: "template", templateId, version}
  target jsonb not null check (jsonb_typeof(target) = 'object' and target->>'kind' in ('plan', 'template')),
  params jsonb not null default '{}'::jsonb check (jsonb_typeof(params) = 'object'),
  cron text not null check (char_length(cron) between 9 and 200),
  timezone text not null check (char_length(timezone) between 1 and 64),
  -- What a fire does while the schedule's previous run is unfinished: skip it, queue one, or start anyway.
  overlap text not null default 'skip' check (overlap in ('skip', 'queue', 'allow')),
  -- Pause after this many consecutive failed runs (0: never).
  max_failures integer not null default 3 check (max_failures between 0 and 100),
  paused boolean not null default false,
  paused_reason text check (char_length(paused_reason) <= 500),
  -- Auto-pause counts the failed runs of fires scheduled after this (set on resume).
  failures_since timestamptz,
  -- The next cron time to fire; the tick advances it in the transaction that records the fire.
  next_fire_at timestamptz,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index schedules_workspace_idx on public.schedules (workspace_id, created_at desc);
create index schedules_due_idx on public.schedules (next_fire_at) where not paused;

-- One row per (schedule, cron time) the tick handled: started (run_id), or why not.
create table public.schedule_fires (
  schedule_id uuid not null references public.schedules (id) on delete cascade,
  scheduled_at timestamptz not null,
  -- pending: recorded, run not yet created (a crash here is retried by the next tick, idempotently)
  -- queued: waiting for the previous run to finish (overlap "queue"; at most one per schedule)
  status text not null check (status in ('pending', 'queued', 'started', 'skipped', 'missed', 'failed')),
  run_id uuid references public.runs (id) on delete set null,
  reason text check (char_length(reason) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (schedule_id, scheduled_at)
);
create index schedule_fires_open_idx on public.schedule_fires (status) where status in ('pending', 'queued');
create index schedule_fires_run_idx on public.schedule_fires (run_id) where run_id is not null;

alter table public.schedules enable row level security;
alter table public.schedule_fires enable row level security;

create policy "members read schedules" on public.schedules for select to authenticated
  using (workspace_id in (select private.member_workspaces()));
create policy "editors create schedules as themselves" on public.schedules for insert to authenticated
  with check (created_by = (select auth.uid()) and workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])));
create policy "editors update schedules" on public.schedules for update to authenticated
  using (workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])))
  with check (workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])));
create policy "editors delete schedules" on public.schedules for delete to authenticated
  using (workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])));

create policy "members read schedule fires" on public.schedule_fires for select to authenticated
  using (exists (select 1 from public.schedules s where s.id = schedule_id and s.workspace_id in (select private.member_workspaces())));

-- The workspace and the creator (whom the runs start as) never change; fires are written by the tick only.
grant select, insert, delete on public.schedules to authenticated;
grant update (name, target, params, cron, timezone, overlap, max_failures, paused, paused_reason, failures_since, next_fire_at, updated_at) on public.schedules to authenticated;
grant select on public.schedule_fires to authenticated;
grant all on public.schedules, public.schedule_fires to service_role;

-- The embedded runner's cron triggers (inngest/embedded/runner.ts): the next tick of each
-- (function, cron). A runner starts a tick's run in the transaction that advances next_at from
-- the value it read, so a restart neither repeats nor drops a tick, and of several runners on one
-- database exactly one starts it.
create table inngest_embedded.cron_ticks (
  fn_id text not null,
  cron text not null,
  next_at timestamptz not null,
  updated_at timestamptz not null default now(),
  primary key (fn_id, cron)
);
alter table inngest_embedded.cron_ticks enable row level security;
revoke all on inngest_embedded.cron_ticks from anon, authenticated;
