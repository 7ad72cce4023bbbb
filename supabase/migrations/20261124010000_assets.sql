-- Binary assets the app serves at /api/assets/<id> (generated images). Immutable once written:
-- the URL is cached for a year, so there is no update policy.

create table public.assets (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  media_type text not null check (media_type in ('image/png', 'image/jpeg', 'image/webp')),
  bytes bytea not null,
  byte_size integer not null check (byte_size = octet_length(bytes)),
  source text,
  description text,
  created_at timestamptz not null default now()
);
create index assets_owner_idx on public.assets (owner_id);

alter table public.assets enable row level security;

create policy "owners read their assets" on public.assets
  for select to authenticated using (owner_id = (select auth.uid()));
create policy "users create their own assets" on public.assets
  for insert to authenticated with check (owner_id = (select auth.uid()));

grant select, insert on public.assets to authenticated;
grant all on public.assets to service_role;
