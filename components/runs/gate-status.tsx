"use client";

import { Lock, Users } from "lucide-react";
import type { GateView } from "@/lib/runs/gate-check";

/**
 * A waiting gate's rule and progress, where the reviewer decides: who may decide, how many
 * approvals it has of how many, who approved and who still may. A person who may not decide sees
 * why instead of the buttons (the server refuses them for the same reason).
 */
export function GateStatus({ approval }: { approval: GateView }) {
  const many = approval.quorum > 1;
  return (
    <div className="flex flex-col gap-1 text-xs text-muted-foreground" data-testid="gate-status">
      <p className="flex items-center gap-1.5">
        <Users className="size-3.5 shrink-0" aria-hidden />
        <span>
          Who decides: <span className="text-foreground">{approval.who}</span>
        </span>
      </p>
      {many && (
        <p data-testid="gate-progress">
          <span className="font-medium text-foreground">{approval.label}</span>
          {approval.approvedBy.length > 0 && <> · approved by {approval.approvedBy.join(", ")}</>}
          {approval.mayStillDecide.length > 0 && <> · may still approve: {approval.mayStillDecide.join(", ")}</>}
        </p>
      )}
      {!approval.reachable && (
        <p className="text-status-awaiting" role="status">
          Fewer members may approve than this gate needs ({approval.quorum}): it can only be rejected or expire. Give more members the approver capability.
        </p>
      )}
    </div>
  );
}

/** In place of the decision buttons, for a person the gate's rule does not let decide now. */
export function NotYourDecision({ approval }: { approval: GateView }) {
  if (approval.you.may) return null;
  return (
    <p className="flex items-start gap-1.5 rounded-md bg-muted px-2 py-1.5 text-sm" data-testid="not-your-decision">
      <Lock className="mt-0.5 size-3.5 shrink-0" aria-hidden />
      <span>{approval.you.reason.replace(/^./, (c) => c.toUpperCase())}.</span>
    </p>
  );
}
