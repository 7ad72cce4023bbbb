-- How a run started: by hand (the default), as a rerun, or fired by a schedule or a webhook. The
-- trigger's id is kept without a foreign key (it names a row of public.schedules or
-- public.webhooks, made in later migrations) so a schedule's history is a plain index lookup, and
-- deleting a schedule keeps the runs it started.
alter table public.runs
  add column trigger text not null default 'manual' check (trigger in ('manual', 'rerun', 'schedule', 'webhook')),
  add column trigger_id uuid;
update public.runs set trigger = 'rerun' where rerun_of is not null;
create index runs_trigger_idx on public.runs (trigger_id, created_at desc) where trigger_id is not null;

-- A trigger aimed at a template runs one plan of its own (made on its first fire, a new version
-- only when the template version or the values change), not a new plan per fire: an every-minute
-- schedule would otherwise make 1,440 plans a day.
alter table public.plans add column trigger_id uuid;
create unique index plans_trigger_idx on public.plans (trigger_id) where trigger_id is not null;
