-- A plan made from a template is pinned to the template version it came from and remembers the
-- parameter values it was made with, so the editor can offer an upgrade to a newer version (a
-- three-way merge of the old version, the new one — both instantiated with these values — and the
-- plan as edited since). Workspace templates are rows (template_id, kept as a foreign key: deleting
-- the template unpins the plan); the starters that ship with Planvas are slugs in code, not rows, so
-- they get their own column (template_starter) instead of overloading one text reference.

alter table public.plans
  add column template_id uuid references public.templates (id) on delete set null,
  add column template_starter text check (template_starter is null or template_starter ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  add column template_version integer check (template_version is null or template_version > 0),
  add column template_params jsonb check (template_params is null or jsonb_typeof(template_params) = 'object'),
  add constraint plans_template_one_source check (template_id is null or template_starter is null);
