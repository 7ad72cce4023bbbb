// The revision before the current one of a step a reviewer rejected with feedback: what it was,
// what the reviewer asked, and whether the new revision is the same content — then it is not
// presented as new: the run view says the feedback could not be applied.
import { canonicalJson } from "./hash";
import type { ApprovalRow, RunStepRow } from "./store";

export interface PreviousRevision {
  revision: number;
  output: unknown;
  /** The reviewer's feedback on it. */
  feedback: string | null;
  /** The current revision's content equals this one's (notes and the model's name aside). */
  unchanged: boolean;
}

/** An output's content: what a revision must change. Notes about the revision and who wrote it are not content. */
export function revisionContent(output: unknown): unknown {
  if (!output || typeof output !== "object" || Array.isArray(output)) return output;
  const { notes: _notes, model: _model, ...content } = output as Record<string, unknown>;
  return content;
}

export const sameContent = (a: unknown, b: unknown) => canonicalJson(revisionContent(a)) === canonicalJson(revisionContent(b));

/**
 * The rejected revision's output is on the rejection's approval row (lib/runs/decisions.ts records
 * the content a reviewer rejected), next to the feedback that asked for the current revision.
 */
export function previousRevision(step: Pick<RunStepRow, "revision" | "output" | "step_id">, approvals: ApprovalRow[]): PreviousRevision | null {
  if (step.revision < 1 || step.output === null || step.output === undefined) return null;
  const rejected = approvals.find((a) => a.step_id === step.step_id && a.revision === step.revision - 1 && a.decision === "reject");
  if (!rejected || rejected.output === null || rejected.output === undefined) return null;
  return { revision: rejected.revision, output: rejected.output, feedback: rejected.comment, unchanged: sameContent(rejected.output, step.output) };
}
