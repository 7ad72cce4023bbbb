-- Templates: a plan with typed parameters, published into a workspace as immutable versions
-- (v1, v2, …, each with a change note). Members use them; editors and up publish; owners and admins
-- delete. The parameters' types are not stored: they are derived from the tools' schemas at the
-- bound step inputs (lib/templates/params.ts), so they cannot disagree with the steps they feed.

create table public.templates (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 120),
  description text not null default '' check (char_length(description) <= 2000),
  latest_version integer not null default 0 check (latest_version >= 0),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index templates_workspace_updated_idx on public.templates (workspace_id, updated_at desc);

create table public.template_versions (
  template_id uuid not null references public.templates (id) on delete cascade,
  version integer not null check (version > 0),
  plan jsonb not null,
  params jsonb not null default '[]'::jsonb check (jsonb_typeof(params) = 'array'),
  change_note text not null default '' check (char_length(change_note) <= 2000),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (template_id, version)
);

create function private.template_versions_are_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'template versions are immutable (template %, version %): publish a new version instead', old.template_id, old.version
    using errcode = 'check_violation';
end $$;
create trigger template_versions_immutable before update on public.template_versions
  for each row execute function private.template_versions_are_immutable();

alter table public.templates enable row level security;
alter table public.template_versions enable row level security;

create policy "members read their workspaces' templates" on public.templates for select to authenticated
  using (workspace_id in (select private.member_workspaces()));
create policy "editors create templates" on public.templates for insert to authenticated
  with check (created_by = (select auth.uid()) and workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])));
create policy "editors update templates" on public.templates for update to authenticated
  using (workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])))
  with check (workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])));
create policy "owners and admins delete templates" on public.templates for delete to authenticated
  using (workspace_id in (select private.member_workspaces(array['owner', 'admin'])));

create policy "members read template versions" on public.template_versions for select to authenticated
  using (exists (select 1 from public.templates t where t.id = template_id and t.workspace_id in (select private.member_workspaces())));
create policy "editors publish versions as themselves" on public.template_versions for insert to authenticated
  with check (
    created_by = (select auth.uid())
    and exists (select 1 from public.templates t where t.id = template_id and t.workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])))
  );

-- What a template is about (its workspace) never changes; versions are only ever added.
grant select, insert, delete on public.templates to authenticated;
grant update (name, description, latest_version, updated_at) on public.templates to authenticated;
grant select, insert on public.template_versions to authenticated;
grant all on public.templates, public.template_versions to service_role;
