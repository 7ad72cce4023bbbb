-- The workspace knowledge base: documents that web_search searches with PostgreSQL full-text
-- search, so Planvas has something to search offline. Sample documents (is_sample, no owner) ship
-- with the app (supabase/seed.sql) and are visible to every signed-in user.

create table public.documents (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid default auth.uid() references auth.users (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 300),
  content text not null check (char_length(content) <= 1000000),
  format text not null default 'markdown' check (format in ('text', 'markdown')),
  source_url text,
  is_sample boolean not null default false,
  created_at timestamptz not null default now(),
  -- Title words weigh more than body words (A > B) in ts_rank_cd.
  search tsvector generated always as (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', content), 'B')
  ) stored,
  constraint documents_owner_or_sample check (is_sample or owner_id is not null)
);
create index documents_search_idx on public.documents using gin (search);
create index documents_owner_created_idx on public.documents (owner_id, created_at desc);

-- Small key/value facts about this database (e.g. "the sample documents were seeded once"), so
-- deleted samples are not re-inserted on the next start. Server-side only: RLS with no policies.
create table public.planvas_meta (
  key text primary key,
  value jsonb not null default '{}'::jsonb
);

alter table public.documents enable row level security;
alter table public.planvas_meta enable row level security;

create policy "users read their documents and the samples" on public.documents
  for select to authenticated using (owner_id = (select auth.uid()) or is_sample);
-- Nobody creates samples through the API: a "sample" would be visible to every user.
create policy "users add their own documents" on public.documents
  for insert to authenticated with check (owner_id = (select auth.uid()) and not is_sample);
-- A workspace is one team: any signed-in user may delete a sample (it is gone for everyone and
-- is not seeded again); otherwise only the owner deletes a document.
create policy "owners delete their documents; anyone deletes samples" on public.documents
  for delete to authenticated using (owner_id = (select auth.uid()) or is_sample);

grant select, insert, delete on public.documents to authenticated;
grant all on public.documents, public.planvas_meta to service_role;
