"use client";

import { SearchX } from "lucide-react";
import { RelativeTime } from "@/components/plans/relative-time";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import type { DocumentApiSummary } from "@/lib/knowledge/http";
import { DeleteDocumentButton } from "./delete-document-button";
import { FORMAT_LABELS, formatChars } from "./format";
import { SampleBadge } from "./sample-badge";
import { Snippet } from "./snippet";

/** Ranked matches, best first, each with the passages that matched. */
export function SearchResults({
  query,
  results,
  onOpen,
  onDeleted,
}: {
  query: string;
  results: DocumentApiSummary[];
  onOpen: (id: string) => void;
  onDeleted: (id: string) => void;
}) {
  if (results.length === 0) {
    return (
      <div className="flex flex-col items-center gap-3 rounded-lg border border-dashed p-12 text-center" data-testid="search-empty">
        <SearchX className="size-8 text-muted-foreground" aria-hidden />
        <div>
          <p className="font-medium">Nothing matches “{query}”</p>
          <p className="text-sm text-muted-foreground">Try fewer or different words; documents sharing any of them are shown too.</p>
        </div>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-muted-foreground" data-testid="search-count">
        {results.length === 1 ? "1 document matches" : `${results.length} documents match`} “{query}”, best first
      </p>
      <ol className="flex flex-col gap-3" data-testid="search-results" aria-label={`Results for ${query}`}>
        {results.map((d) => (
          <li key={d.id} className="group rounded-lg border p-4 transition-colors hover:bg-muted/30" data-testid="search-result" data-document-id={d.id}>
            <div className="flex items-start gap-3">
              <div className="flex min-w-0 flex-1 flex-col gap-1.5">
                <div className="flex min-w-0 flex-wrap items-center gap-2">
                  <button
                    type="button"
                    onClick={() => onOpen(d.id)}
                    className="truncate text-left font-medium hover:underline focus-visible:underline focus-visible:outline-none"
                  >
                    {d.title}
                  </button>
                  {d.isSample && <SampleBadge />}
                </div>
                {d.snippet && <Snippet text={d.snippet} className="line-clamp-3 text-sm text-muted-foreground" />}
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs whitespace-nowrap text-muted-foreground">
                  <Badge variant="outline" className="font-normal">
                    {FORMAT_LABELS[d.format]}
                  </Badge>
                  <span className="tabular-nums">{formatChars(d.chars)}</span>
                  <span aria-hidden>·</span>
                  <span>
                    added <RelativeTime iso={d.createdAt} />
                  </span>
                </div>
              </div>
              <DeleteDocumentButton doc={d} onDeleted={onDeleted} />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function SearchSkeleton() {
  return (
    <div className="flex flex-col gap-3" data-testid="search-loading" aria-busy="true" aria-label="Searching">
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex flex-col gap-2 rounded-lg border p-4">
          <Skeleton className="h-4 w-1/3" />
          <Skeleton className="h-3 w-full" />
          <Skeleton className="h-3 w-4/5" />
        </div>
      ))}
    </div>
  );
}
