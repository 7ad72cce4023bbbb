// A rejected image produced again: what the reviewers asked for, read from the run history's
// <revision> blocks (lib/runs/steps.ts revisionMessages). The offline renderer cannot change what
// an image shows; what it can change is the composition (palette, decoration) and the style.
import type { ModelMessage } from "ai";
import { envelopes } from "../../ai/envelope";
import { parseFeedback } from "../../ai/offline/feedback";
import type { HeroStyle } from "./schema";

export interface ImageRevision {
  revision: number;
  /** Every reviewer's feedback so far, oldest first. */
  feedback: string[];
  /** A style the feedback names ("make it minimal"), the latest one. */
  style?: HeroStyle;
  /** True when some feedback is about the look (layout, colours, style), not only about content. */
  aboutLook: boolean;
}

export function imageRevision(history: readonly ModelMessage[]): ImageRevision | null {
  const found: { revision: number; feedback: string }[] = [];
  for (const m of history) {
    if (m.role !== "user") continue;
    const texts = typeof m.content === "string" ? [m.content] : m.content.flatMap((p) => (p.type === "text" ? [p.text] : []));
    for (const t of texts) {
      const r = envelopes.revision.parse(t);
      if (r) found.push(r);
    }
  }
  if (!found.length) return null;
  const asked = found.map((f) => parseFeedback(f.feedback));
  const style = asked
    .map((a) => a.style)
    .filter((s): s is HeroStyle => !!s)
    .at(-1);
  return {
    revision: found.at(-1)!.revision,
    feedback: found.map((f) => f.feedback),
    ...(style ? { style } : {}),
    aboutLook: asked.some((a) => a.composition || a.angle || !!a.style),
  };
}

/** What the output says about the revision: what changed, and what the renderer could not do. */
export function revisionNotes(r: ImageRevision, style: HeroStyle): string[] {
  const last = r.feedback.at(-1)!;
  const notes = [
    `Revision ${r.revision}: another composition (palette and decoration)${r.style ? `, in the ${style} style` : ""}, after the feedback “${last}”.`,
  ];
  if (!r.aboutLook)
    notes.push(
      "The offline renderer can only change the composition and the style, not what the image shows. Configure an image model (OpenAI, PLANVAS_IMAGE_MODEL) for that — see the README, “Configuration”.",
    );
  return notes;
}
