-- Teams: workspaces, memberships with roles, invitations and personal API tokens. Plans, documents
-- and assets belong to a workspace, and runs, steps, approvals, events and realtime broadcasts to
-- their plan's workspace. Every policy asks the same question through private.member_workspaces(),
-- a security definer helper (it reads memberships, which the caller's own policies would hide):
-- "which workspaces may the signed-in user reach, with one of these roles?".
--
-- Roles: owner and admin manage members and settings; editor creates, edits and runs plans; viewer
-- reads. `approver` is a capability any member can hold (owners hold it from the start).

create schema if not exists private;
grant usage on schema private to authenticated, service_role;

create table public.workspaces (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 100),
  -- The workspace every user gets on sign-up; it cannot be deleted and nobody else owns it.
  personal boolean not null default false,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create unique index workspaces_one_personal_idx on public.workspaces (created_by) where personal;

create table public.memberships (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'editor', 'viewer')),
  approver boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);
create index memberships_user_idx on public.memberships (user_id);

-- An invitation is a link carrying a random token; only its sha-256 is stored.
create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  role text not null check (role in ('admin', 'editor', 'viewer')),
  approver boolean not null default false,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  email text check (email is null or char_length(email) <= 320),
  created_by uuid not null default auth.uid() references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_by uuid references auth.users (id) on delete set null,
  accepted_at timestamptz,
  revoked_at timestamptz,
  check (expires_at > created_at)
);
create index invitations_workspace_idx on public.invitations (workspace_id, created_at desc);

-- Personal API tokens, scoped to one workspace; shown once, stored as sha-256.
create table public.api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 100),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user_idx on public.api_tokens (user_id, created_at desc);

-- The membership helper. A set, so a policy evaluates it once per statement (`x in (select …)`),
-- not once per row.
create function private.member_workspaces(roles text[] default null) returns setof uuid
  language sql stable security definer set search_path = ''
as $$
  select m.workspace_id from public.memberships m
  where m.user_id = (select auth.uid()) and (roles is null or m.role = any (roles))
$$;

create function private.approver_workspaces() returns setof uuid
  language sql stable security definer set search_path = ''
as $$
  select m.workspace_id from public.memberships m where m.user_id = (select auth.uid()) and m.approver
$$;

create function private.personal_workspace(uid uuid) returns uuid
  language sql stable security definer set search_path = ''
as $$
  select w.id from public.workspaces w where w.created_by = uid and w.personal
$$;

revoke all on function private.member_workspaces(text[]), private.approver_workspaces(), private.personal_workspace(uuid) from public;
grant execute on function private.member_workspaces(text[]), private.approver_workspaces() to authenticated, service_role;
grant execute on function private.personal_workspace(uuid) to service_role;

-- Every user gets a personal workspace, as its owner and approver, the moment the user exists
-- (Supabase Auth sign-up and the embedded accounts alike insert into auth.users).
create function private.create_personal_workspace(uid uuid, label text) returns uuid
  language plpgsql security definer set search_path = ''
as $$
declare ws uuid;
begin
  select w.id into ws from public.workspaces w where w.created_by = uid and w.personal;
  if ws is null then
    insert into public.workspaces (name, personal, created_by)
      values (left(coalesce(nullif(btrim(label), ''), 'Personal'), 100), true, uid)
      returning id into ws;
    insert into public.memberships (workspace_id, user_id, role, approver) values (ws, uid, 'owner', true)
      on conflict do nothing;
  end if;
  return ws;
end $$;
revoke all on function private.create_personal_workspace(uuid, text) from public;

create function private.on_user_created() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  perform private.create_personal_workspace(
    new.id,
    coalesce(new.raw_user_meta_data ->> 'full_name', new.raw_user_meta_data ->> 'name', split_part(coalesce(new.email, ''), '@', 1))
  );
  return new;
end $$;
create trigger users_personal_workspace after insert on auth.users
  for each row execute function private.on_user_created();

-- Whoever creates a (team) workspace owns it.
create function private.on_workspace_created() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  if new.created_by is not null then
    insert into public.memberships (workspace_id, user_id, role, approver) values (new.id, new.created_by, 'owner', true)
      on conflict do nothing;
  end if;
  return new;
end $$;
create trigger workspaces_owner_membership after insert on public.workspaces
  for each row execute function private.on_workspace_created();

-- A workspace keeps at least one owner while it exists (removing or re-roling the last owner fails
-- with a message that says so). Deleting the workspace, or the user, is not blocked by this.
create function private.keep_an_owner() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  if old.role = 'owner' and (tg_op = 'DELETE' or new.role <> 'owner' or new.workspace_id <> old.workspace_id)
    and exists (select 1 from public.workspaces w where w.id = old.workspace_id)
    and exists (select 1 from auth.users u where u.id = old.user_id)
    and not exists (
      select 1 from public.memberships m
      where m.workspace_id = old.workspace_id and m.role = 'owner' and m.user_id <> old.user_id
    )
  then
    raise exception 'a workspace keeps at least one owner: make another member owner first'
      using errcode = 'check_violation', constraint = 'memberships_last_owner';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger memberships_keep_an_owner before update or delete on public.memberships
  for each row execute function private.keep_an_owner();

-- Existing users (the embedded workspace's local owner, Supabase users so far) get theirs now.
select private.create_personal_workspace(
  u.id,
  coalesce(u.raw_user_meta_data ->> 'full_name', u.raw_user_meta_data ->> 'name', split_part(coalesce(u.email, ''), '@', 1))
)
from auth.users u;

-- Plans, documents and assets belong to a workspace. A row written without one goes to its owner's
-- personal workspace (the app and the engine keep working unchanged for one person); existing rows
-- move into their owner's personal workspace here.
alter table public.plans add column workspace_id uuid references public.workspaces (id) on delete cascade;
alter table public.assets add column workspace_id uuid references public.workspaces (id) on delete cascade;
alter table public.documents add column workspace_id uuid references public.workspaces (id) on delete cascade;
update public.plans set workspace_id = private.personal_workspace(owner_id);
update public.assets set workspace_id = private.personal_workspace(owner_id);
update public.documents set workspace_id = private.personal_workspace(owner_id) where owner_id is not null;

create function private.fill_workspace() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  if new.workspace_id is null and new.owner_id is not null then
    new.workspace_id := private.personal_workspace(new.owner_id);
  end if;
  return new;
end $$;
create trigger plans_fill_workspace before insert on public.plans for each row execute function private.fill_workspace();
create trigger assets_fill_workspace before insert on public.assets for each row execute function private.fill_workspace();
create trigger documents_fill_workspace before insert on public.documents for each row execute function private.fill_workspace();

alter table public.plans alter column workspace_id set not null;
alter table public.assets alter column workspace_id set not null;
alter table public.documents add constraint documents_workspace_or_sample check (is_sample or workspace_id is not null);
create index plans_workspace_updated_idx on public.plans (workspace_id, updated_at desc);
create index assets_workspace_idx on public.assets (workspace_id);
create index documents_workspace_created_idx on public.documents (workspace_id, created_at desc);

-- Policies: the owner-only rules become workspace rules.
drop policy "owners read their plans" on public.plans;
drop policy "users create their own plans" on public.plans;
drop policy "owners update their plans" on public.plans;
drop policy "owners delete their plans" on public.plans;
create policy "members read their workspaces' plans" on public.plans for select to authenticated
  using (workspace_id in (select private.member_workspaces()));
create policy "editors create plans as themselves" on public.plans for insert to authenticated
  with check (owner_id = (select auth.uid()) and workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])));
create policy "editors update plans" on public.plans for update to authenticated
  using (workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])))
  with check (workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])));
create policy "editors delete plans" on public.plans for delete to authenticated
  using (workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])));

drop policy "owners read their plan versions" on public.plan_versions;
drop policy "owners add versions as themselves" on public.plan_versions;
create policy "members read plan versions" on public.plan_versions for select to authenticated
  using (exists (select 1 from public.plans p where p.id = plan_id and p.workspace_id in (select private.member_workspaces())));
create policy "editors add versions as themselves" on public.plan_versions for insert to authenticated
  with check (
    created_by = (select auth.uid())
    and exists (select 1 from public.plans p where p.id = plan_id and p.workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])))
  );

drop policy "owners read their assets" on public.assets;
drop policy "users create their own assets" on public.assets;
create policy "members read their workspaces' assets" on public.assets for select to authenticated
  using (workspace_id in (select private.member_workspaces()));
create policy "editors create assets as themselves" on public.assets for insert to authenticated
  with check (owner_id = (select auth.uid()) and workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])));

drop policy "users read their documents and the samples" on public.documents;
drop policy "users add their own documents" on public.documents;
drop policy "owners delete their documents; anyone deletes samples" on public.documents;
create policy "members read their workspaces' documents and the samples" on public.documents for select to authenticated
  using (is_sample or workspace_id in (select private.member_workspaces()));
-- Nobody creates samples through the API: a "sample" would be visible to every user.
create policy "editors add documents as themselves" on public.documents for insert to authenticated
  with check (
    owner_id = (select auth.uid()) and not is_sample
    and workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor']))
  );
-- Samples are shared by every workspace of this installation: an editor anywhere may remove one.
create policy "editors delete documents and samples" on public.documents for delete to authenticated
  using (
    workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor']))
    or (is_sample and exists (select private.member_workspaces(array['owner', 'admin', 'editor'])))
  );

drop policy "plan owners read runs" on public.runs;
drop policy "plan owners read run steps" on public.run_steps;
drop policy "plan owners read approvals" on public.approvals;
drop policy "plan owners read run events" on public.run_events;
create policy "members read runs" on public.runs for select to authenticated
  using (exists (select 1 from public.plans p where p.id = plan_id and p.workspace_id in (select private.member_workspaces())));
create policy "members read run steps" on public.run_steps for select to authenticated
  using (exists (select 1 from public.runs r join public.plans p on p.id = r.plan_id where r.id = run_id and p.workspace_id in (select private.member_workspaces())));
create policy "members read approvals" on public.approvals for select to authenticated
  using (exists (select 1 from public.runs r join public.plans p on p.id = r.plan_id where r.id = run_id and p.workspace_id in (select private.member_workspaces())));
create policy "members read run events" on public.run_events for select to authenticated
  using (exists (select 1 from public.runs r join public.plans p on p.id = r.plan_id where r.id = run_id and p.workspace_id in (select private.member_workspaces())));

drop policy "plan owners receive run broadcasts" on realtime.messages;
create policy "members receive run broadcasts" on realtime.messages for select to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and exists (
      select 1
      from public.runs r
      join public.plans p on p.id = r.plan_id
      where p.workspace_id in (select private.member_workspaces())
        -- The topic names a run by its uuid; anything else matches nothing (and never fails a cast).
        and r.id = case
          when (select realtime.topic()) ~ '^run:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
          then substr((select realtime.topic()), 5)::uuid
        end
    )
  );

-- The team tables themselves.
alter table public.workspaces enable row level security;
alter table public.memberships enable row level security;
alter table public.invitations enable row level security;
alter table public.api_tokens enable row level security;

create policy "members read their workspaces" on public.workspaces for select to authenticated
  using (id in (select private.member_workspaces()));
create policy "users create team workspaces" on public.workspaces for insert to authenticated
  with check (created_by = (select auth.uid()) and not personal);
create policy "owners and admins rename workspaces" on public.workspaces for update to authenticated
  using (id in (select private.member_workspaces(array['owner', 'admin'])))
  with check (id in (select private.member_workspaces(array['owner', 'admin'])));
create policy "owners delete team workspaces" on public.workspaces for delete to authenticated
  using (not personal and id in (select private.member_workspaces(array['owner'])));

create policy "members see who else is a member" on public.memberships for select to authenticated
  using (workspace_id in (select private.member_workspaces()));
-- Members join through an invitation (accepted by the server as service role); owners and admins
-- change roles and remove members, but only an owner makes or unmakes an owner.
create policy "owners and admins change roles" on public.memberships for update to authenticated
  using (workspace_id in (select private.member_workspaces(array['owner', 'admin'])) and (role <> 'owner' or workspace_id in (select private.member_workspaces(array['owner']))))
  with check (workspace_id in (select private.member_workspaces(array['owner', 'admin'])) and (role <> 'owner' or workspace_id in (select private.member_workspaces(array['owner']))));
create policy "owners and admins remove members; anyone leaves" on public.memberships for delete to authenticated
  using (
    user_id = (select auth.uid())
    or (workspace_id in (select private.member_workspaces(array['owner', 'admin'])) and (role <> 'owner' or workspace_id in (select private.member_workspaces(array['owner']))))
  );

create policy "owners and admins see invitations" on public.invitations for select to authenticated
  using (workspace_id in (select private.member_workspaces(array['owner', 'admin'])));
create policy "owners and admins invite" on public.invitations for insert to authenticated
  with check (created_by = (select auth.uid()) and workspace_id in (select private.member_workspaces(array['owner', 'admin'])));
create policy "owners and admins revoke invitations" on public.invitations for update to authenticated
  using (workspace_id in (select private.member_workspaces(array['owner', 'admin'])))
  with check (workspace_id in (select private.member_workspaces(array['owner', 'admin'])));

create policy "users see their tokens" on public.api_tokens for select to authenticated
  using (user_id = (select auth.uid()));
create policy "members create tokens for themselves" on public.api_tokens for insert to authenticated
  with check (user_id = (select auth.uid()) and workspace_id in (select private.member_workspaces()));
create policy "users revoke their tokens" on public.api_tokens for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

-- Column grants: what a row is about (its workspace, its user, its token) never changes after creation.
grant select, insert, delete on public.workspaces to authenticated;
grant update (name) on public.workspaces to authenticated;
grant select, delete on public.memberships to authenticated;
grant update (role, approver) on public.memberships to authenticated;
grant select, insert on public.invitations to authenticated;
grant update (revoked_at) on public.invitations to authenticated;
grant select, insert on public.api_tokens to authenticated;
grant update (revoked_at) on public.api_tokens to authenticated;
grant all on public.workspaces, public.memberships, public.invitations, public.api_tokens to service_role;
