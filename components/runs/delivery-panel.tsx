"use client";

import { CheckCheck, Send, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { GateStatus, NotYourDecision } from "./gate-status";
import type { RunStepData } from "./types";
import { DecisionProblem, useDecide } from "./use-decide";

type Delivery = "retry" | "mark_done" | "stop";

const DONE: Record<Delivery, string> = { retry: "Sending again", mark_done: "Marked as delivered", stop: "Stopped the run" };

/**
 * A side effect that may or may not have been delivered (its request left, then the answer was
 * lost, or the server stopped meanwhile). It is never sent again on its own: the reviewer sends
 * it again (with the same Idempotency-Key), marks it delivered, or stops the run.
 */
export function DeliveryPanel({ runId, step, onDecided }: { runId: string; step: RunStepData; onDecided: () => void }) {
  const [note, setNote] = useState("");
  const { busy, problem, decide: send } = useDecide(runId, step, onDecided);
  const decide = (decision: Delivery) => send({ decision, ...(note.trim() ? { feedback: note.trim() } : {}) }, DONE[decision]);

  return (
    <div className="flex flex-col gap-3 rounded-lg border border-status-awaiting/60 bg-status-awaiting/5 p-3" data-testid="delivery-panel">
      <p className="text-sm font-medium">This request may or may not have been delivered.</p>
      {step.error && <p className="text-sm text-status-awaiting">{step.error.replace(/^may or may not have been delivered: /, "Why: ")}</p>}
      <p className="text-sm text-muted-foreground">
        Planvas never sends it again on its own. Check the receiver, then decide. Sending again uses the same Idempotency-Key, so a receiver that honours it
        acts only once.
      </p>
      {step.idempotencyKey && (
        <p className="font-mono text-[11px] break-all text-muted-foreground" title="Sent as the Idempotency-Key header">
          Idempotency-Key {step.idempotencyKey}
        </p>
      )}
      {step.approval && <GateStatus approval={step.approval} />}
      {step.approval && <NotYourDecision approval={step.approval} />}
      {step.approval?.you.may !== false && (
        <>
          <div className="flex flex-col gap-2">
            <Label htmlFor="delivery-note">Note for the audit (optional)</Label>
            <Textarea
              id="delivery-note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              rows={2}
              placeholder="e.g. The receiver's log shows the request at 10:42"
            />
          </div>
          <DecisionProblem problem={problem} />
          <div className="flex flex-wrap gap-2">
            <Button size="sm" onClick={() => void decide("retry")} disabled={busy}>
              <Send /> Send again
            </Button>
            <Button size="sm" variant="outline" onClick={() => void decide("mark_done")} disabled={busy}>
              <CheckCheck /> Mark as delivered
            </Button>
            <Button size="sm" variant="destructive" onClick={() => void decide("stop")} disabled={busy}>
              <X /> Stop the run
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
