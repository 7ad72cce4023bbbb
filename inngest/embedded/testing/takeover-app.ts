// The function the takeover tests and scripts/bench-takeover.ts run, in a child process
// (runner-child.ts) and in the parent: the same app id, function id and step ids on both sides.
import type { Client } from "../testkit";

export const TAKEOVER_EVENT = "test/takeover";
export type TakeoverStep = "first" | "slow" | "last";

/** `step` runs inside every step body: the child blocks in "slow"; the parent counts. */
export const takeoverFunctions = (inngest: Client, step: (runId: string, name: TakeoverStep) => Promise<void> | void) => [
  inngest.createFunction({ id: "takeover", triggers: [{ event: TAKEOVER_EVENT }] }, async ({ event, step: s, runId }) => {
    const first = await s.run("first", async () => (await step(runId, "first"), 1));
    const slow = await s.run("slow", async () => (await step(runId, "slow"), first + 1));
    const last = await s.run("last", async () => (await step(runId, "last"), slow + 1));
    return { k: (event.data as { k?: unknown }).k ?? null, last };
  }),
];
