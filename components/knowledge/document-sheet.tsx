"use client";

import { ExternalLink } from "lucide-react";
import { useEffect, useState } from "react";
import { RelativeTime } from "@/components/plans/relative-time";
import { Badge } from "@/components/ui/badge";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import { Skeleton } from "@/components/ui/skeleton";
import type { DocumentApiDocument } from "@/lib/knowledge/http";
import { fetchDocument } from "./api";
import { FORMAT_LABELS, formatChars, hostOf } from "./format";
import { SampleBadge } from "./sample-badge";

type Loaded = { id: string; doc?: DocumentApiDocument; error?: string };

/** One document, read-only, its text shown exactly as stored (as text, never as HTML). */
export function DocumentSheet({ id, onClose }: { id: string | null; onClose: () => void }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    if (!id) return;
    const ctrl = new AbortController();
    fetchDocument(id, ctrl.signal).then(
      (doc) => setLoaded({ id, doc }),
      (e: Error) => {
        if (!ctrl.signal.aborted) setLoaded({ id, error: e.message });
      },
    );
    return () => ctrl.abort();
  }, [id]);

  const current = loaded?.id === id ? loaded : null;
  const doc = current?.doc;

  return (
    <Sheet open={id !== null} onOpenChange={(o) => !o && onClose()}>
      <SheetContent className="w-full gap-0 sm:max-w-2xl" data-testid="document-sheet">
        <SheetHeader className="border-b pr-12">
          <SheetTitle className="leading-snug">{doc?.title ?? (current?.error ? "Document not available" : "Loading…")}</SheetTitle>
          <SheetDescription asChild>
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
              {doc ? (
                <>
                  {doc.isSample && <SampleBadge />}
                  <Badge variant="outline">{FORMAT_LABELS[doc.format]}</Badge>
                  <span className="tabular-nums">{formatChars(doc.chars)}</span>
                  <span aria-hidden>·</span>
                  <span>
                    added <RelativeTime iso={doc.createdAt} />
                  </span>
                  {doc.sourceUrl && (
                    <a
                      href={doc.sourceUrl}
                      target="_blank"
                      rel="noreferrer noopener"
                      className="inline-flex max-w-full items-center gap-1 truncate text-primary underline-offset-4 hover:underline"
                    >
                      <ExternalLink className="size-3" aria-hidden /> {hostOf(doc.sourceUrl)}
                    </a>
                  )}
                </>
              ) : (
                <span>{current?.error ?? "Fetching the document…"}</span>
              )}
            </div>
          </SheetDescription>
        </SheetHeader>
        <div className="min-h-0 flex-1 overflow-y-auto p-4">
          {doc ? (
            <pre className="font-sans text-sm leading-relaxed break-words whitespace-pre-wrap" data-testid="document-content">
              {doc.content}
            </pre>
          ) : current?.error ? null : (
            <div className="flex flex-col gap-2">
              <Skeleton className="h-4 w-2/3" />
              <Skeleton className="h-4 w-full" />
              <Skeleton className="h-4 w-5/6" />
              <Skeleton className="h-4 w-3/4" />
            </div>
          )}
        </div>
      </SheetContent>
    </Sheet>
  );
}
