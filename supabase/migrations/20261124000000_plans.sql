-- Plans and their immutable versions. Every save is a new version; plans.latest_version is the
-- optimistic-concurrency token a writer must present (no silent overwrite).

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null default '',
  created_at timestamptz not null default now()
);

create table public.plans (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  latest_version integer not null default 0 check (latest_version >= 0),
  step_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index plans_owner_updated_idx on public.plans (owner_id, updated_at desc);

create table public.plan_versions (
  plan_id uuid not null references public.plans (id) on delete cascade,
  version integer not null check (version > 0),
  title text not null,
  plan jsonb not null,
  step_count integer not null,
  created_by uuid not null default auth.uid() references auth.users (id),
  created_at timestamptz not null default now(),
  primary key (plan_id, version)
);

create function public.plan_versions_are_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'plan versions are immutable (plan %, version %)', old.plan_id, old.version
    using errcode = 'check_violation';
end $$;

create trigger plan_versions_immutable before update on public.plan_versions
  for each row execute function public.plan_versions_are_immutable();

-- Row level security: the app and PostgREST both act as `authenticated` with the user's claims.
alter table public.profiles enable row level security;
alter table public.plans enable row level security;
alter table public.plan_versions enable row level security;

create policy "profiles are visible to signed-in users" on public.profiles
  for select to authenticated using (true);
create policy "users edit their own profile" on public.profiles
  for update to authenticated using (id = (select auth.uid())) with check (id = (select auth.uid()));

create policy "owners read their plans" on public.plans
  for select to authenticated using (owner_id = (select auth.uid()));
create policy "users create their own plans" on public.plans
  for insert to authenticated with check (owner_id = (select auth.uid()));
create policy "owners update their plans" on public.plans
  for update to authenticated using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));
create policy "owners delete their plans" on public.plans
  for delete to authenticated using (owner_id = (select auth.uid()));

create policy "owners read their plan versions" on public.plan_versions
  for select to authenticated
  using (exists (select 1 from public.plans p where p.id = plan_id and p.owner_id = (select auth.uid())));
create policy "owners add versions as themselves" on public.plan_versions
  for insert to authenticated
  with check (
    created_by = (select auth.uid())
    and exists (select 1 from public.plans p where p.id = plan_id and p.owner_id = (select auth.uid()))
  );

grant usage on schema public to anon, authenticated, service_role;
grant select, update on public.profiles to authenticated;
grant select, insert, update, delete on public.plans to authenticated;
grant select, insert on public.plan_versions to authenticated;
grant all on public.profiles, public.plans, public.plan_versions to service_role;
