import type { Plan } from "@/lib/plan/schema";
import type { NotPlannedPart } from "@/lib/planner/schema";

// An imported plan travels from the import dialog to the unsaved canvas in sessionStorage, so a
// reload of /plans/new keeps it and nothing reaches the database before the user saves.
const DRAFT_KEY = "planvas:draft";
// What the planner could not plan for a draft made from a goal, shown beside it until saved.
const NOT_PLANNED_KEY = "planvas:draft-not-planned";
// The goal a draft was planned from: a template that fits it is offered beside the draft.
const GOAL_KEY = "planvas:draft-goal";

export function storeDraft(plan: Plan, notPlanned: NotPlannedPart[] = [], goal?: string) {
  sessionStorage.setItem(DRAFT_KEY, JSON.stringify(plan));
  if (notPlanned.length) sessionStorage.setItem(NOT_PLANNED_KEY, JSON.stringify(notPlanned));
  else sessionStorage.removeItem(NOT_PLANNED_KEY);
  if (goal) sessionStorage.setItem(GOAL_KEY, goal);
  else sessionStorage.removeItem(GOAL_KEY);
}

/** The goal of a draft planned from one (a stable snapshot for useSyncExternalStore). */
export function readDraftGoal(): string | null {
  return sessionStorage.getItem(GOAL_KEY);
}

/** The stored not-planned parts as text (a stable snapshot for useSyncExternalStore). */
export function readNotPlannedText(): string | null {
  return sessionStorage.getItem(NOT_PLANNED_KEY);
}

export function parseNotPlanned(raw: string | null | undefined): NotPlannedPart[] {
  const value = parseDraft(raw ?? null);
  if (!Array.isArray(value)) return [];
  return value.flatMap((p) => (p && typeof p.part === "string" && typeof p.reason === "string" ? [{ part: p.part, reason: p.reason }] : []));
}

/** The stored draft as text (a stable snapshot for useSyncExternalStore). */
export function readDraftText(): string | null {
  return sessionStorage.getItem(DRAFT_KEY);
}

export function parseDraft(raw: string | null): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/** sessionStorage changes from this tab fire no event; the draft is written before navigation anyway. */
export const subscribeDraft = () => () => {};

export function clearDraft() {
  sessionStorage.removeItem(DRAFT_KEY);
  sessionStorage.removeItem(NOT_PLANNED_KEY);
  sessionStorage.removeItem(GOAL_KEY);
}
