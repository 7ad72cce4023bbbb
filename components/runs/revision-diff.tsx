"use client";

import { diffWords } from "diff";
import { TriangleAlert } from "lucide-react";
import { useMemo } from "react";
import { getTool } from "@/lib/tools/catalog";
import { safeHref } from "./step-output";
import { revisionText } from "./revision-text";
import type { RunStepData } from "./types";

type Previous = NonNullable<RunStepData["previous"]>;

/**
 * What changed since the revision a reviewer rejected: a word diff of the text (images side by
 * side). When nothing changed, the revision is not presented as new: it says the feedback could
 * not be applied, and the reviewer still decides.
 */
export function RevisionChanges({ step }: { step: RunStepData }) {
  const previous = step.previous;
  if (!previous) return null;
  return (
    <section className="flex flex-col gap-2" data-testid="revision-changes" aria-label={`Changes since revision ${previous.revision}`}>
      {previous.unchanged ? (
        <p
          role="status"
          className="flex gap-2 rounded-md border border-status-awaiting/60 bg-status-awaiting/10 p-2 text-sm"
          data-testid="feedback-not-applied"
        >
          <TriangleAlert className="mt-0.5 size-4 shrink-0 text-status-awaiting" aria-hidden />
          <span>
            The feedback could not be applied{previous.feedback ? <>: “{previous.feedback}”</> : null}. Revision {step.revision} is the same as revision{" "}
            {previous.revision}.
          </span>
        </p>
      ) : (
        <p className="text-xs text-muted-foreground">
          Changes since revision {previous.revision}
          {previous.feedback ? <> after the feedback “{previous.feedback}”</> : null}:
        </p>
      )}
      {!previous.unchanged &&
        (getTool(step.toolName)?.output === "image" ? (
          <ImagePair previous={previous} current={step.output} revision={step.revision} />
        ) : (
          <TextDiff previous={previous} current={step.output} />
        ))}
    </section>
  );
}

function TextDiff({ previous, current }: { previous: Previous; current: unknown }) {
  const parts = useMemo(() => diffWords(revisionText(previous.output), revisionText(current)), [previous.output, current]);
  return (
    <div className="max-h-72 overflow-auto rounded-md border bg-muted/30 p-2 text-sm leading-relaxed whitespace-pre-wrap" data-testid="revision-diff">
      {parts.map((p, i) =>
        p.added ? (
          <ins key={i} className="bg-emerald-500/20 text-emerald-900 no-underline dark:text-emerald-200" data-diff="added">
            {p.value}
          </ins>
        ) : p.removed ? (
          <del key={i} className="bg-red-500/15 text-red-900 dark:text-red-300" data-diff="removed">
            {p.value}
          </del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </div>
  );
}

function ImagePair({ previous, current, revision }: { previous: Previous; current: unknown; revision: number }) {
  const src = (o: unknown) => safeHref(String((o as { url?: unknown } | null)?.url ?? ""));
  const items = [
    { label: `Revision ${previous.revision}`, url: src(previous.output) },
    { label: `Revision ${revision}`, url: src(current) },
  ];
  return (
    <div className="grid grid-cols-2 gap-2" data-testid="revision-images">
      {items.map((it) => (
        <figure key={it.label} className="flex flex-col gap-1">
          {it.url && (
            // eslint-disable-next-line @next/next/no-img-element -- generated assets served by the app
            <img src={it.url} alt={it.label} className="w-full rounded-md border" />
          )}
          <figcaption className="text-xs text-muted-foreground">{it.label}</figcaption>
        </figure>
      ))}
    </div>
  );
}
