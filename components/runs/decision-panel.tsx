"use client";

import { Check, Pencil, RotateCcw, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { GateStatus, NotYourDecision } from "./gate-status";
import { SlideEditor } from "./slide-editor";
import { draftOf, outputOf, type PostDraft } from "./slide-draft";
import type { RunStepData } from "./types";
import { DecisionProblem, useDecide } from "./use-decide";

type Mode = "idle" | "edit" | "reject";

/**
 * Approve, edit & approve, or reject (with feedback to revise, or to stop) the step that waits.
 * Every decision carries the content hash it was made on; a stale one is explained, not applied.
 */
export function DecisionPanel({ runId, step, onDecided }: { runId: string; step: RunStepData; onDecided: () => void }) {
  const [mode, setMode] = useState<Mode>("idle");
  const { busy, problem, setProblem, decide: send } = useDecide(runId, step, onDecided);
  const before = step.gate === "before";
  const subject = before ? step.input : step.output;
  const hasText = !before && !!subject && typeof (subject as { text?: unknown }).text === "string";
  const [draft, setDraft] = useState(() => (hasText ? String((subject as { text: string }).text) : JSON.stringify(subject, null, 2)));
  const [feedback, setFeedback] = useState("");
  // A carousel's slides and a thread's posts are what is published: they get one editor each.
  const [slides, setSlides] = useState<PostDraft | null>(() => (before ? null : draftOf(subject)));

  const barred = step.approval !== null && !step.approval.you.may;

  async function decide(decision: "approve" | "edit" | "reject", extra: { output?: unknown; feedback?: string } = {}) {
    const success =
      decision === "reject" ? (extra.feedback ? "Rejected — the step will be revised" : "Rejected") : decision === "edit" ? "Edited and approved" : "Approved";
    if (await send({ decision, ...extra }, success)) setMode("idle");
  }

  function submitEdit() {
    if (slides) return decide("edit", { output: outputOf(subject, slides) });
    if (hasText) return decide("edit", { output: { ...(subject as object), text: draft, charCount: draft.length } });
    try {
      return decide("edit", { output: JSON.parse(draft) });
    } catch (e) {
      setProblem(`not valid JSON: ${(e as Error).message}`);
    }
  }

  return (
    <div className="flex flex-col gap-3 rounded-lg border border-status-awaiting/60 bg-status-awaiting/5 p-3" data-testid="decision-panel">
      <p className="text-sm font-medium">
        {before ? "This step has side effects. Approve what it is about to do:" : "Review this output before the run continues:"}
      </p>
      <p className="font-mono text-[11px] text-muted-foreground" title="The decision is bound to this content hash">
        sha-256 {step.contentHash?.slice(0, 16)}…
      </p>
      {step.approval && <GateStatus approval={step.approval} />}
      {step.approval && <NotYourDecision approval={step.approval} />}
      {mode === "edit" && slides && <SlideEditor draft={slides} onChange={setSlides} problem={problem} />}
      {mode === "edit" && !slides && (
        <div className="flex flex-col gap-2">
          <Label htmlFor="edit-output">{hasText ? "Edit the text" : before ? "Edit the request (JSON)" : "Edit the output (JSON)"}</Label>
          <Textarea id="edit-output" value={draft} onChange={(e) => setDraft(e.target.value)} rows={10} className={hasText ? "text-sm" : "font-mono text-xs"} />
        </div>
      )}
      {mode === "reject" && (
        <div className="flex flex-col gap-2">
          <Label htmlFor="reject-feedback">What should change?</Label>
          <Textarea
            id="reject-feedback"
            value={feedback}
            onChange={(e) => setFeedback(e.target.value)}
            rows={3}
            placeholder="e.g. Make it shorter and lead with the strongest number"
          />
        </div>
      )}
      <DecisionProblem problem={problem} />
      <div className="flex flex-wrap gap-2">
        {mode === "idle" && !barred && (
          <>
            <Button size="sm" onClick={() => void decide("approve")} disabled={busy}>
              <Check /> Approve
            </Button>
            <Button size="sm" variant="outline" onClick={() => setMode("edit")} disabled={busy}>
              <Pencil /> Edit & approve
            </Button>
            <Button size="sm" variant="outline" onClick={() => setMode("reject")} disabled={busy}>
              <X /> Reject
            </Button>
          </>
        )}
        {mode === "edit" && (
          <>
            <Button size="sm" onClick={() => void submitEdit()} disabled={busy}>
              <Check /> Save edit & approve
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setMode("idle")} disabled={busy}>
              Cancel
            </Button>
          </>
        )}
        {mode === "reject" && (
          <>
            {!before && (
              <Button size="sm" onClick={() => void decide("reject", { feedback })} disabled={busy || !feedback.trim()}>
                <RotateCcw /> Reject & revise
              </Button>
            )}
            <Button size="sm" variant="destructive" onClick={() => void decide("reject", feedback.trim() && before ? { feedback } : {})} disabled={busy}>
              <X /> Reject & stop the run
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setMode("idle")} disabled={busy}>
              Cancel
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
