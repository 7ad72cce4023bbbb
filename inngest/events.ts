import { eventType } from "inngest";
import { z } from "zod";

// Typed events, ids that read as sentences (the Inngest SDK's own style).
export const runRequested = eventType("plan/run.requested", {
  schema: z.object({ runId: z.string().uuid() }),
});

export const stepDecided = eventType("plan/step.decided", {
  schema: z.object({
    runId: z.string().uuid(),
    stepId: z.string(),
    revision: z.number().int().min(0),
    decision: z.enum(["approve", "edit", "reject", "retry", "mark_done", "stop"]),
    approvalId: z.string().uuid(),
  }),
});

export const runCancelRequested = eventType("plan/run.cancel.requested", {
  schema: z.object({ runId: z.string().uuid() }),
});
