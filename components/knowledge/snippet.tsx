/** A search snippet, hits marked «like this» by the server, rendered as text with <mark>s. */
export function Snippet({ text, className }: { text: string; className?: string }) {
  // Adjacent hits ("«AI» «marketing»") read better as one highlighted phrase.
  const parts = text.replace(/»(\s+)«/g, "$1").split(/«([^«»]*)»/);
  return (
    <p className={className} data-testid="result-snippet">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="rounded-sm bg-amber-200/70 px-0.5 text-foreground dark:bg-amber-400/25">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </p>
  );
}
