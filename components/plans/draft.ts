import type { Plan } from "@/lib/plan/schema";

// An imported plan travels from the import dialog to the unsaved canvas in sessionStorage, so a
// reload of /plans/new keeps it and nothing reaches the database before the user saves.
const DRAFT_KEY = "planvas:draft";

export function storeDraft(plan: Plan) {
  sessionStorage.setItem(DRAFT_KEY, JSON.stringify(plan));
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
}
