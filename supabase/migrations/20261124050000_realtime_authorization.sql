-- Realtime Authorization for the run broadcasts (private topic run:<runId>, sent by the
-- run_events trigger). Supabase Realtime lets a signed-in user join a private channel, and receive
-- its broadcasts, only when a select policy on realtime.messages admits a broadcast row for the
-- channel's topic (`realtime.topic()`). The rule is the runs' own: the plan's owner.
-- On PGlite and plain PostgreSQL lib/db/compat.sql provides realtime.messages and realtime.topic().

create policy "plan owners receive run broadcasts" on realtime.messages for select to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and exists (
      select 1
      from public.runs r
      join public.plans p on p.id = r.plan_id
      where p.owner_id = (select auth.uid())
        -- The topic names a run by its uuid; anything else matches nothing (and never fails a cast).
        and r.id = case
          when (select realtime.topic()) ~ '^run:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
          then substr((select realtime.topic()), 5)::uuid
        end
    )
  );
