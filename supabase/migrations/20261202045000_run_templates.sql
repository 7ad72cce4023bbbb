-- A run records the template version and parameter values its plan was made from (copied from the
-- plan's pin when the run starts; a rerun keeps its original's), so the run view can say "from
-- Weekly digest v2 with topic = AI" even after the plan is upgraded or edited.
alter table public.runs
  add column template_id uuid references public.templates (id) on delete set null,
  add column template_starter text,
  add column template_version integer,
  add column template_params jsonb;
