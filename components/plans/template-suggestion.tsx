"use client";

import { LayoutTemplate, X } from "lucide-react";
import { useEffect, useState } from "react";
import { UseTemplateDialog } from "@/components/templates/use-template-dialog";
import { Button } from "@/components/ui/button";
import type { Plan } from "@/lib/plan/schema";
import type { TemplateSuggestion } from "@/lib/templates/suggest";

const shown = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/**
 * A template that fits the goal this draft was planned from, offered beside the draft with the
 * values read from the goal: the user opens it (the values in its form, to edit) or keeps the draft.
 */
export function TemplateSuggestionCallout({ goal, plan }: { goal: string; plan: Plan }) {
  const [suggestion, setSuggestion] = useState<TemplateSuggestion | null>(null);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    let live = true;
    void fetch("/api/templates/suggest", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ goal, plan }) })
      .then((r) => (r.ok ? (r.json() as Promise<{ suggestion: TemplateSuggestion | null }>) : { suggestion: null }))
      .then((b) => live && setSuggestion(b.suggestion))
      .catch(() => {}); // an offer, not a requirement: without it the draft is all there is
    return () => {
      live = false;
    };
    // The goal's first plan decides the offer; edits on the canvas do not ask again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [goal]);
  if (!suggestion || dismissed) return null;
  const values = Object.entries(suggestion.values);
  return (
    <section
      role="status"
      aria-labelledby="template-suggestion-title"
      data-testid="template-suggestion"
      className="flex flex-wrap items-center gap-3 border-b bg-sky-50 px-4 py-2 text-sm text-sky-950 dark:bg-sky-950/40 dark:text-sky-100"
    >
      <LayoutTemplate className="size-4 shrink-0 text-sky-700 dark:text-sky-300" aria-hidden />
      <div className="min-w-0 flex-1">
        <h2 id="template-suggestion-title" className="font-medium">
          A template fits this goal: {suggestion.name}
        </h2>
        <p className="text-sky-800 dark:text-sky-200/80">
          {suggestion.why}
          {values.length > 0 && <> · {values.map(([k, v]) => `${k} = ${shown(v)}`).join(", ")}</>}
        </p>
      </div>
      <UseTemplateDialog id={suggestion.templateId} name={suggestion.name} version={suggestion.version} values={suggestion.values} label="Use the template" />
      <Button
        variant="ghost"
        size="icon"
        className="size-7 shrink-0"
        onClick={() => setDismissed(true)}
        aria-label="Keep this plan, not the template"
        title="Keep this plan"
      >
        <X />
      </Button>
    </section>
  );
}
