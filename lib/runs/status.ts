/** One status vocabulary for the database, the events and the canvas. */
export const STATUSES = ["pending", "running", "awaiting_approval", "approved", "rejected", "succeeded", "failed", "skipped", "cancelled", "expired"] as const;
export type Status = (typeof STATUSES)[number];

/** A run or step in one of these will not change again. */
export const TERMINAL: ReadonlySet<Status> = new Set(["rejected", "succeeded", "failed", "skipped", "cancelled", "expired"]);

/** A step in one of these has an output later steps can use. */
export const DONE_OK: ReadonlySet<Status> = new Set(["succeeded", "approved"]);

export const isTerminal = (s: string) => TERMINAL.has(s as Status);
