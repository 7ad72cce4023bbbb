// Process-wide singletons (the database handle, the realtime hub, the embedded runner, ...).
// instrumentation.ts and each route are separate bundles, and `next dev` re-evaluates modules, so
// module-level state can exist twice in one process: these live on globalThis, created once, under
// one naming scheme. Tests replace them with `setProcessSingleton` (or the helpers built on it,
// such as `setDatabase`), never by writing globals.

type Slots = Record<string, unknown>;
const slots = globalThis as unknown as Slots;
const slotOf = (name: string) => `__planvas${name[0]!.toUpperCase()}${name.slice(1)}`;

/** The process's `name`, made by `create` on first use. A rejected promise is forgotten, so the next caller retries. */
export function processSingleton<T>(name: string, create: () => T): T {
  const slot = slotOf(name);
  if (slots[slot] === undefined) {
    const value = create();
    slots[slot] = value;
    if (value instanceof Promise) {
      value.catch(() => {
        if (slots[slot] === value) slots[slot] = undefined;
      });
    }
  }
  return slots[slot] as T;
}

/** The current value, if any, without creating it. */
export function peekProcessSingleton<T>(name: string): T | undefined {
  return slots[slotOf(name)] as T | undefined;
}

/** Replaces (or, with undefined, forgets) the process's `name`. */
export function setProcessSingleton<T>(name: string, value: T | undefined): void {
  slots[slotOf(name)] = value;
}
