-- Reliability: a run is started once per request, and a side effect is never sent twice silently.

-- POST /api/runs with an Idempotency-Key: the same key from the same user within 24 hours answers
-- with the run it started, never a second run. `request` is what was asked (plan and version), so a
-- key reused for a different request is refused instead of returning an unrelated run.
create table public.run_requests (
  user_id uuid not null references auth.users (id) on delete cascade,
  key text not null check (length(key) between 1 and 255),
  request jsonb not null,
  run_id uuid references public.runs (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (user_id, key)
);
create index run_requests_created_idx on public.run_requests (created_at);
alter table public.run_requests enable row level security;
create policy "users read their own run requests" on public.run_requests for select to authenticated
  using (user_id = (select auth.uid()));
grant select on public.run_requests to authenticated;
grant all on public.run_requests to service_role;

-- A side-effecting step records the moment its request may start leaving ('sending'); after a crash
-- or a failure past that point its delivery is 'unknown' and a reviewer decides: send again (with the
-- same idempotency key), mark it done, or stop.
alter table public.run_steps add column delivery text check (delivery in ('sending', 'unknown'));
alter table public.run_steps add column idempotency_key text;

alter table public.approvals drop constraint approvals_decision_check;
alter table public.approvals add constraint approvals_decision_check
  check (decision in ('approve', 'edit', 'reject', 'retry', 'mark_done', 'stop'));
