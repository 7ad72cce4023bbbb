"use client";

import { useCallback, useRef, useState } from "react";

/** Edits with the same key this close together are one undo step (typing, for example). */
const COALESCE_MS = 1200;
const LIMIT = 200;

interface State<T> {
  past: T[];
  present: T;
  future: T[];
}

/**
 * Undo/redo over immutable snapshots. Snapshots share structure (unchanged steps are the same
 * objects), so a history of a thousand-step plan costs little more than the plan.
 */
export function useHistory<T>(initial: T) {
  const [state, setState] = useState<State<T>>({ past: [], present: initial, future: [] });
  const ref = useRef(state); // always equal to `state`: every update goes through `set`
  const last = useRef<{ key?: string; at: number }>({ at: 0 });

  const set = useCallback((next: State<T>) => {
    ref.current = next;
    setState(next);
  }, []);

  const commit = useCallback(
    (snapshot: T, key?: string) => {
      const s = ref.current;
      if (snapshot === s.present) return;
      const now = Date.now();
      const merge = key !== undefined && last.current.key === key && now - last.current.at < COALESCE_MS && s.past.length > 0;
      last.current = { key, at: now };
      set({ past: merge ? s.past : [...s.past, s.present].slice(-LIMIT), present: snapshot, future: [] });
    },
    [set],
  );

  const undo = useCallback((): T | undefined => {
    const s = ref.current;
    const prev = s.past.at(-1);
    if (prev === undefined) return undefined;
    last.current = { at: 0 };
    set({ past: s.past.slice(0, -1), present: prev, future: [s.present, ...s.future] });
    return prev;
  }, [set]);

  const redo = useCallback((): T | undefined => {
    const s = ref.current;
    const next = s.future[0];
    if (next === undefined) return undefined;
    last.current = { at: 0 };
    set({ past: [...s.past, s.present], present: next, future: s.future.slice(1) });
    return next;
  }, [set]);

  const reset = useCallback((snapshot: T) => set({ past: [], present: snapshot, future: [] }), [set]);

  return { present: state.present, canUndo: state.past.length > 0, canRedo: state.future.length > 0, commit, undo, redo, reset, current: () => ref.current.present };
}
