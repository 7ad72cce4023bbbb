"use client";

import { useState } from "react";
import { toast } from "sonner";
import { readableTimes } from "@/components/readable-times";
import { signalInboxChanged } from "./inbox-signal";

export type DecisionBody = { decision: "approve" | "edit" | "reject" | "retry" | "mark_done" | "stop"; output?: unknown; feedback?: string };

/**
 * Sends a reviewer's decision on a step, bound to the content hash it was made on: a success is
 * toasted and reloads the run; a conflict (stale hash, decided meanwhile) is explained and reloads
 * too; invalid input stays on the panel, by JSON path.
 */
export function useDecide(runId: string, step: { id: string; contentHash: string | null }, onDecided: () => void) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function decide(body: DecisionBody, success: string): Promise<boolean> {
    setBusy(true);
    setProblem(null);
    try {
      const res = await fetch(`/api/runs/${runId}/steps/${encodeURIComponent(step.id)}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...body, contentHash: step.contentHash }),
      });
      const answer = (await res.json().catch(() => ({}))) as {
        error?: string;
        issues?: { path: string; message: string }[];
        gate?: { final: boolean; label: string };
      };
      if (res.ok || res.status === 409) signalInboxChanged();
      if (res.ok) {
        // A vote toward a quorum: the gate waits for more approvals.
        toast.success(answer.gate && !answer.gate.final ? `${success} — ${answer.gate.label}, waiting for more` : success);
        onDecided();
        return true;
      }
      if (res.status === 403) {
        toast.error("You may not decide this gate", { description: answer.error });
        onDecided();
      } else if (res.status === 409) {
        toast.error("This decision was not applied", { description: answer.error && readableTimes(answer.error) });
        onDecided();
      } else setProblem(answer.issues?.map((i) => `${i.path}: ${i.message}`).join("\n") ?? answer.error ?? `HTTP ${res.status}`);
    } catch (e) {
      toast.error("Decision failed", { description: (e as Error).message });
    } finally {
      setBusy(false);
    }
    return false;
  }

  return { busy, problem, setProblem, decide };
}

/** Why a decision was not accepted (invalid input, by JSON path), where the reviewer is looking. */
export function DecisionProblem({ problem }: { problem: string | null }) {
  return problem ? (
    <p role="alert" className="text-sm whitespace-pre-wrap text-destructive">
      {problem}
    </p>
  ) : null;
}
