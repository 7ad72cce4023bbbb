-- Local accounts for the embedded default (no Supabase Auth): the tables better-auth keeps, in a
-- schema of their own that nothing but the server reads (RLS on, no policies; the app's connection
-- owns them). A local user is also a row of auth.users with the same id — the identity RLS,
-- workspaces and realtime authorization already use — so after sign-in there is one code path.
-- On Supabase these tables stay empty: Supabase Auth owns auth.users there.

create schema if not exists local_auth;

create table local_auth."user" (
  id uuid primary key,
  name text not null check (char_length(name) between 1 and 200),
  email text not null unique check (char_length(email) between 3 and 320),
  email_verified boolean not null default false,
  image text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table local_auth.session (
  id uuid primary key,
  user_id uuid not null references local_auth."user" (id) on delete cascade,
  token text not null unique,
  expires_at timestamptz not null,
  ip_address text,
  user_agent text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index session_user_idx on local_auth.session (user_id);

create table local_auth.account (
  id uuid primary key,
  user_id uuid not null references local_auth."user" (id) on delete cascade,
  account_id text not null,
  provider_id text not null,
  access_token text,
  refresh_token text,
  id_token text,
  access_token_expires_at timestamptz,
  refresh_token_expires_at timestamptz,
  scope text,
  -- better-auth's scrypt hash (salt:key), never the password.
  password text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index account_user_idx on local_auth.account (user_id);

create table local_auth.verification (
  id uuid primary key,
  identifier text not null,
  value text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index verification_identifier_idx on local_auth.verification (identifier);

alter table local_auth."user" enable row level security;
alter table local_auth.session enable row level security;
alter table local_auth.account enable row level security;
alter table local_auth.verification enable row level security;
revoke all on schema local_auth from public;

-- The local user is an auth.users row too (its personal workspace follows from that table's
-- trigger). An existing row with the same id — the local owner of an installation from before
-- sign-in — is claimed, with its plans and runs.
create function private.local_user_to_auth_users() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  insert into auth.users (id, email, raw_user_meta_data)
    values (new.id, lower(new.email), jsonb_build_object('name', new.name))
    on conflict (id) do update set email = excluded.email, raw_user_meta_data = auth.users.raw_user_meta_data || excluded.raw_user_meta_data;
  insert into public.profiles (id, display_name) values (new.id, new.name)
    on conflict (id) do update set display_name = excluded.display_name;
  return new;
end $$;
create trigger local_user_identity after insert or update of name, email on local_auth."user"
  for each row execute function private.local_user_to_auth_users();
