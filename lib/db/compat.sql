-- Planvas compatibility layer for databases that are not Supabase (PGlite, plain PostgreSQL).
-- It provides what Supabase migrations take for granted, and only where it is missing, so on a
-- real Supabase database every statement here is a no-op. Never pushed to Supabase: it is not a
-- migration, it runs before the migrations on every start.

do $$
declare r text;
begin
  foreach r in array array['anon', 'authenticated', 'service_role'] loop
    if not exists (select 1 from pg_roles where rolname = r) then
      begin
        execute format('create role %I nologin noinherit%s', r, case when r = 'service_role' then ' bypassrls' else '' end);
      exception when duplicate_object or unique_violation then null; -- created concurrently by a sibling database
      end;
    end if;
    -- The app connects as the owner and switches to these roles per transaction (RLS applies).
    begin
      execute format('grant %I to %I', r, current_user);
    exception when others then null; -- superusers need no grant; others may lack the right
    end;
  end loop;
end $$;

create schema if not exists auth;
create schema if not exists realtime;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema realtime to anon, authenticated, service_role;

-- A minimal auth.users so migrations can reference it exactly as on Supabase.
create table if not exists auth.users (
  id uuid primary key,
  email text unique,
  raw_user_meta_data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);

do $$
begin
  if to_regprocedure('auth.uid()') is null then
    create function auth.uid() returns uuid language sql stable as $f$
      select nullif(coalesce(
        current_setting('request.jwt.claim.sub', true),
        current_setting('request.jwt.claims', true)::jsonb ->> 'sub'
      ), '')::uuid
    $f$;
  end if;
  if to_regprocedure('auth.role()') is null then
    create function auth.role() returns text language sql stable as $f$
      select nullif(coalesce(
        current_setting('request.jwt.claim.role', true),
        current_setting('request.jwt.claims', true)::jsonb ->> 'role'
      ), '')::text
    $f$;
  end if;
  if to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb language sql stable as $f$
      select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
    $f$;
  end if;
end $$;

do $$
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
exception when duplicate_object then null;
end $$;

-- Supabase's broadcast-from-the-database, delivered here as a NOTIFY (on commit, like Supabase).
-- NOTIFY is outside row level security: any session, whatever its role, may LISTEN on a channel
-- and NOTIFY on it. So the notification carries no content, only a wake-up — the topic and the
-- event's seq — and the listener (lib/realtime) reads the events themselves from public.run_events
-- under the viewer's RLS: a sniffed notification reveals nothing, a forged one costs a re-read.
-- The trigger still hands realtime.send the whole event: that is what Supabase broadcasts.
-- Ours is replaced on every start (databases made by older versions have one that notified the
-- content): where it is missing, carries our comment, or notifies 'planvas_realtime'. Supabase's
-- own realtime.send (its Realtime schema has realtime.subscription) is never touched.
do $$
declare fn regprocedure := to_regprocedure('realtime.send(jsonb, text, text, boolean)');
begin
  if fn is null or (
    to_regclass('realtime.subscription') is null
    and (coalesce(obj_description(fn, 'pg_proc'), '') like 'planvas:%'
      or exists (select 1 from pg_proc p where p.oid = fn and position('planvas_realtime' in p.prosrc) > 0))
  ) then
    create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
    returns void language plpgsql as $f$
    begin
      perform pg_notify('planvas_realtime', jsonb_build_object('topic', topic, 'seq', payload -> 'seq')::text);
    end
    $f$;
    comment on function realtime.send(jsonb, text, text, boolean) is
      'planvas: embedded realtime.send — NOTIFY planvas_realtime with {topic, seq} only (a wake-up, no content); lib/db/compat.sql';
  end if;
end $$;

create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  statements text[],
  name text
);

-- Realtime Authorization: Supabase checks a channel join against RLS select policies on
-- realtime.messages, with the channel's topic in `realtime.topic()`. A minimal table of the same
-- shape (Supabase's is partitioned by inserted_at) and the same function, so the policies in the
-- migrations apply — and can be tested — on every backing.
do $$
begin
  if to_regclass('realtime.messages') is null then
    create table realtime.messages (
      topic text not null,
      extension text not null,
      payload jsonb,
      event text,
      private boolean default false,
      updated_at timestamp without time zone not null default now(),
      inserted_at timestamp without time zone not null default now(),
      id uuid not null default gen_random_uuid(),
      primary key (id, inserted_at)
    );
    alter table realtime.messages enable row level security;
    grant select, insert on realtime.messages to anon, authenticated;
    grant all on realtime.messages to service_role;
  end if;
exception when duplicate_table or unique_violation then null; -- created concurrently by a sibling database
end $$;

do $$
begin
  if to_regprocedure('realtime.topic()') is null then
    create function realtime.topic() returns text language sql stable as $f$
      select nullif(current_setting('realtime.topic', true), '')::text
    $f$;
  end if;
end $$;
