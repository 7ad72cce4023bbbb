"use client";

import { Braces } from "lucide-react";
import { formatPath, valueAt } from "@/lib/plan/path";
import { inputReferences, referenceName } from "@/lib/plan/references";

/**
 * The step's references to earlier outputs, as planned, beside the value each input got: the
 * recorded input is the resolved one (what the tool was called with).
 */
export function StepReferences({ planned, input, started }: { planned: Record<string, unknown>; input: unknown; started: boolean }) {
  const refs = inputReferences(planned);
  if (!refs.length) return null;
  return (
    <section
      className="mb-3 flex flex-col gap-2 rounded-md border border-sky-500/40 p-2"
      aria-label="References to earlier outputs"
      data-testid="step-references"
    >
      <h3 className="flex items-center gap-1.5 text-xs font-medium">
        <Braces className="size-3.5 text-sky-700 dark:text-sky-300" aria-hidden /> References to earlier outputs
      </h3>
      <ul className="flex flex-col gap-2">
        {refs.map(({ path, ref, whole }, i) => {
          const used = valueAt(input, path);
          return (
            <li key={i} className="flex min-w-0 flex-col gap-1 text-xs" data-testid="step-reference" data-input={formatPath(path)}>
              <p className="font-mono">
                {formatPath(path)} ← {referenceName(ref)}
                {!whole && <span className="font-sans text-muted-foreground"> (inside text)</span>}
              </p>
              {started && used !== undefined ? (
                <pre
                  // Scrollable: reachable by keyboard.
                  tabIndex={0}
                  aria-label={`Value used for ${formatPath(path)}`}
                  className="max-h-40 overflow-auto rounded bg-muted p-2 font-mono break-all whitespace-pre-wrap"
                  data-testid="step-reference-value"
                >
                  {typeof used === "string" ? used : JSON.stringify(used, null, 2)}
                </pre>
              ) : (
                <p className="text-muted-foreground">Filled in when the step runs.</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
