"use client";

import { useEffect } from "react";
import { toast } from "sonner";
import { useEditorStore } from "./editor-context";
import { isReviewing, selectedIds } from "./editor-store";

/** Keys typed into a field, a dialog or a menu are theirs, not the canvas's. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return (
    el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) || !!el.closest("[role=dialog],[role=alertdialog],[role=menu],[role=listbox]")
  );
}

/** The editor's keyboard shortcuts (README: "The canvas editor"); they read the store when pressed. */
export function useEditorKeys(save: () => void) {
  const store = useEditorStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = store.getState();
      const mod = e.metaKey || e.ctrlKey;
      const k = e.key.toLowerCase();
      if (mod && !e.shiftKey && !e.altKey && k === "s") {
        e.preventDefault();
        save();
        return;
      }
      if (isTyping(e.target)) return;
      const selected = () => selectedIds(s.nodes);
      if (mod && k === "z") {
        e.preventDefault();
        if (e.shiftKey) s.redo();
        else s.undo();
      } else if (mod && k === "y") {
        e.preventDefault();
        s.redo();
      } else if (isReviewing(s)) {
        return;
      } else if (mod && k === "c") {
        const ids = selected();
        if (s.copy(ids)) toast(`Copied ${ids.length} step${ids.length === 1 ? "" : "s"}`);
      } else if (mod && k === "v") {
        e.preventDefault();
        s.paste();
      } else if (mod && k === "d") {
        e.preventDefault();
        s.duplicate(selected());
      } else if (mod && k === "a") {
        e.preventDefault();
        s.selectAll();
      } else if ((e.key === "Delete" || e.key === "Backspace") && !mod) {
        e.preventDefault();
        s.deleteSteps(selected());
      } else if (e.key === "Escape") {
        s.select(null);
      } else if (e.key === "?") {
        e.preventDefault();
        s.setPanel("shortcuts", true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, save]);
}
