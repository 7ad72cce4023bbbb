-- Gates that say who may approve (lib/runs/gate-rules.ts): a gate may need N distinct approvals, so a
-- step revision can have several decisions — one per person and content — of which exactly one is
-- final: the one that passed or stopped the gate, which the engine reads (lib/runs/store.ts
-- findDecision). Each decision records the decider's role and approver capability at that moment,
-- for the audit.
alter table public.approvals drop constraint approvals_run_id_step_id_revision_key;
alter table public.approvals
  add column final boolean not null default true,
  add column decided_role text check (decided_role in ('owner','admin','editor','viewer')),
  add column decided_approver boolean;
-- Every decision recorded before this migration closed its gate; from now on the server says which.
alter table public.approvals alter column final set default false;
create unique index approvals_one_final_per_revision on public.approvals (run_id, step_id, revision) where final;
create unique index approvals_one_vote_per_content on public.approvals (run_id, step_id, revision, decided_by, content_hash, decision);
