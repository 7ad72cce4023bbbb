import type { PlanStep } from "@/lib/plan/schema";

/** Where copied steps are kept; the default is the tab's sessionStorage, so another plan can paste them. */
export interface ClipboardStorage {
  read(): PlanStep[] | null;
  write(steps: readonly PlanStep[]): void;
}

const CLIPBOARD_KEY = "planvas:clipboard";
export const sessionClipboard: ClipboardStorage = {
  read() {
    try {
      const raw = typeof sessionStorage === "undefined" ? null : sessionStorage.getItem(CLIPBOARD_KEY);
      return raw ? (JSON.parse(raw) as PlanStep[]) : null;
    } catch {
      return null;
    }
  },
  write(steps) {
    try {
      if (typeof sessionStorage !== "undefined") sessionStorage.setItem(CLIPBOARD_KEY, JSON.stringify(steps));
    } catch {
      /* full or unavailable: the clipboard still works in this editor */
    }
  },
};
