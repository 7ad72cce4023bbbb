import { getDb } from "@/lib/db";
import { claimDueFires, startFire } from "@/lib/triggers/schedule-tick";
import { inngest } from "../client";

/**
 * schedule-tick: once a minute, fires the due schedules (lib/triggers/schedule-tick.ts). Runtime
 * schedules on one fixed cron function, because Inngest's cron is per function. The claim is one
 * step (its decisions are committed before it returns, so a retry finds nothing new to decide and
 * only the fires it left pending); each fire is its own step, idempotent by
 * `${scheduleId}:${scheduledAt}`: a retried or resumed tick never starts a run twice. Two ticks
 * at once (a slow one and the next) are safe too: the claim locks schedules with SKIP LOCKED, the
 * fires' primary key decides each time once, and a fire started by both starts one run.
 */
export const scheduleTick = inngest.createFunction(
  {
    id: "schedule-tick",
    name: "Fire due schedules",
    triggers: [{ cron: "* * * * *" }],
    retries: 3,
  },
  async ({ step }) => {
    const fires = await step.run("claim due schedules", async () => claimDueFires(await getDb(), new Date()));
    const outcomes: { scheduleId: string; scheduledAt: string; status: string; runId?: string }[] = [];
    for (const f of fires) {
      const o = await step.run(`fire ${f.scheduleId} ${f.scheduledAt}`, async () => startFire(await getDb(), f));
      outcomes.push({ ...f, status: o.status, ...(o.status === "started" ? { runId: o.runId } : {}) });
    }
    return { fired: outcomes.length, outcomes };
  },
);
