-- Signed webhooks: a secret URL per plan or template (pinned version or the latest) that starts a
-- run when a request signed with the webhook's secret arrives (lib/triggers/webhook-delivery.ts).
-- The signing secret is kept encrypted (lib/triggers/webhook-secret-box.ts): HMAC verification
-- needs the secret itself, so a hash would not do. Members read webhooks and their delivery logs,
-- but never the secret columns (column grants below); editors and up create, rotate and delete.
-- Deliveries are verified and recorded as service role (the sender has no session).

create table public.webhooks (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 120),
  -- lib/triggers/fire.ts TriggerTarget: {kind: "plan"|"template", planId|templateId, version|null}
  target jsonb not null check (jsonb_typeof(target) = 'object'),
  -- fixed parameter values; the payload's values (through `mapping`) override them
  params jsonb not null default '{}'::jsonb check (jsonb_typeof(params) = 'object'),
  -- {param: "$.path.in.payload"}; null: the payload's top-level keys are the parameter names
  mapping jsonb check (mapping is null or jsonb_typeof(mapping) = 'object'),
  enabled boolean not null default true,
  -- the last segment of the delivery URL /api/hooks/<hook_token>: random, not the row id
  hook_token text not null unique check (hook_token ~ '^pvh_[A-Za-z0-9_-]{32}$'),
  secret_box text not null,
  -- after a rotation the previous secret stays valid until previous_valid_until (a grace period)
  previous_secret_box text,
  previous_valid_until timestamptz,
  secret_hint text not null default '',
  rotated_at timestamptz,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index webhooks_workspace_idx on public.webhooks (workspace_id, created_at desc);

-- One row per request that reached a webhook's URL, accepted or not. signature_hash is kept only
-- for requests whose signature verified within the time window: the unique index is how a replay
-- (the same signed request again) is refused, atomically, even when both copies arrive at once.
create table public.webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  webhook_id uuid not null references public.webhooks (id) on delete cascade,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  received_at timestamptz not null default now(),
  status integer not null check (status between 100 and 599),
  reason text not null default '' check (char_length(reason) <= 2000),
  run_id uuid,
  replayed boolean not null default false,
  payload_bytes integer not null default 0 check (payload_bytes >= 0),
  payload_excerpt text not null default '',
  idempotency_key text check (idempotency_key is null or char_length(idempotency_key) <= 255),
  signature_hash text
);
create index webhook_deliveries_webhook_idx on public.webhook_deliveries (webhook_id, received_at desc);
create unique index webhook_deliveries_signature_idx on public.webhook_deliveries (webhook_id, signature_hash) where signature_hash is not null;

alter table public.webhooks enable row level security;
alter table public.webhook_deliveries enable row level security;

create policy "members read their workspaces' webhooks" on public.webhooks for select to authenticated
  using (workspace_id in (select private.member_workspaces()));
create policy "editors create webhooks as themselves" on public.webhooks for insert to authenticated
  with check (created_by = (select auth.uid()) and workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])));
create policy "editors update webhooks" on public.webhooks for update to authenticated
  using (workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])))
  with check (workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])));
create policy "editors delete webhooks" on public.webhooks for delete to authenticated
  using (workspace_id in (select private.member_workspaces(array['owner', 'admin', 'editor'])));

create policy "members read their workspaces' webhook deliveries" on public.webhook_deliveries for select to authenticated
  using (workspace_id in (select private.member_workspaces()));

-- Every column but the secrets. A creating editor writes the sealed secret, never reads it back;
-- rotation runs as service role once the editor's role is checked (copying the old box reads it).
grant select (id, workspace_id, name, target, params, mapping, enabled, hook_token, previous_valid_until, secret_hint, rotated_at, created_by, created_at, updated_at)
  on public.webhooks to authenticated;
grant insert (workspace_id, name, target, params, mapping, enabled, hook_token, secret_box, secret_hint) on public.webhooks to authenticated;
grant update (name, enabled, params, mapping, updated_at) on public.webhooks to authenticated;
grant delete on public.webhooks to authenticated;
grant select (id, webhook_id, workspace_id, received_at, status, reason, run_id, replayed, payload_bytes, payload_excerpt, idempotency_key)
  on public.webhook_deliveries to authenticated;
grant all on public.webhooks, public.webhook_deliveries to service_role;
