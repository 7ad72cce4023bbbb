"use client";

import { BookOpen, Loader2, Plus, Search, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { DocumentApiSummary } from "@/lib/knowledge/http";
import { AddDocumentDialog } from "./add-document-dialog";
import { searchDocuments } from "./api";
import { DocumentSheet } from "./document-sheet";
import { DocumentTable } from "./document-table";
import { SearchResults, SearchSkeleton } from "./search-results";

const DEBOUNCE_MS = 250;
const DOCUMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The open document lives in the URL (`/knowledge#<id>`, the url web_search results carry), so
// links to a document open it and Back closes it.
const subscribeHash = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};
const currentHash = () => window.location.hash.slice(1);
const serverHash = () => "";

function closeDocument() {
  window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

type SearchState = { q: string; version: number; results?: DocumentApiSummary[]; error?: string };

export function KnowledgeView({ documents, limit }: { documents: DocumentApiSummary[]; limit: number }) {
  const router = useRouter();
  const hash = useSyncExternalStore(subscribeHash, currentHash, serverHash);
  const openId = DOCUMENT_ID.test(hash) ? hash : null;
  const [query, setQuery] = useState("");
  const [version, setVersion] = useState(0);
  const [search, setSearch] = useState<SearchState | null>(null);
  const active = query.trim();

  useEffect(() => {
    if (!active) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      searchDocuments(active, ctrl.signal).then(
        (results) => setSearch({ q: active, version, results }),
        (e: Error) => {
          if (!ctrl.signal.aborted) setSearch({ q: active, version, error: e.message });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [active, version]);

  // While a new search runs, the previous results stay on screen, dimmed.
  const fresh = search !== null && search.q === active && search.version === version;
  const searching = active !== "" && !fresh;

  const changed = useCallback(() => {
    router.refresh();
    setVersion((v) => v + 1);
  }, [router]);
  const deleted = useCallback(
    (id: string) => {
      setSearch((s) => (s?.results ? { ...s, results: s.results.filter((d) => d.id !== id) } : s));
      if (id === openId) closeDocument();
      changed();
    },
    [changed, openId],
  );
  const open = useCallback((id: string) => {
    window.location.hash = id;
  }, []);

  const addButton = (
    <Button>
      <Plus /> Add document
    </Button>
  );

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 p-4 sm:p-6">
        <div className="flex items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Knowledge</h1>
            <p className="text-sm text-muted-foreground">The workspace&apos;s documents. web_search looks here first, so plans run offline.</p>
          </div>
          <AddDocumentDialog trigger={addButton} onAdded={changed} />
        </div>

        <div className="relative">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && setQuery("")}
            placeholder="Search documents — “AI marketing trends”, “coffee blend”, “four-day week” -remote"
            aria-label="Search documents"
            className="h-10 pr-10 pl-9 [&::-webkit-search-cancel-button]:hidden"
            data-testid="knowledge-search"
          />
          <div className="absolute top-1/2 right-2 -translate-y-1/2">
            {searching ? (
              <Loader2 className="mr-1 size-4 animate-spin text-muted-foreground" aria-label="Searching" />
            ) : (
              query && (
                <Button variant="ghost" size="icon" className="size-7" onClick={() => setQuery("")} aria-label="Clear search">
                  <X />
                </Button>
              )
            )}
          </div>
        </div>

        {active ? (
          fresh && search.error ? (
            <div role="alert" className="rounded-md border border-destructive/50 bg-destructive/5 p-3 text-sm text-destructive">
              Search failed: {search.error}
            </div>
          ) : search?.results ? (
            <div aria-busy={searching} className={searching ? "opacity-60 transition-opacity" : "transition-opacity"}>
              <SearchResults query={search.q} results={search.results} onOpen={open} onDeleted={deleted} />
            </div>
          ) : (
            <SearchSkeleton />
          )
        ) : documents.length === 0 ? (
          <div className="flex flex-col items-center gap-3 rounded-lg border border-dashed p-12 text-center" data-testid="knowledge-empty">
            <BookOpen className="size-8 text-muted-foreground" aria-hidden />
            <div>
              <p className="font-medium">No documents yet</p>
              <p className="text-sm text-muted-foreground">Paste notes, upload Markdown or import a web page; web_search will find them.</p>
            </div>
            <AddDocumentDialog trigger={addButton} onAdded={changed} />
          </div>
        ) : (
          <div className="flex flex-col gap-2">
            <DocumentTable documents={documents} onOpen={open} onDeleted={deleted} />
            <p className="text-xs text-muted-foreground">
              {documents.length >= limit
                ? `The ${limit} most recent documents; search to find older ones.`
                : `${documents.length} ${documents.length === 1 ? "document" : "documents"}`}
            </p>
          </div>
        )}
      </div>
      <DocumentSheet id={openId} onClose={closeDocument} />
    </div>
  );
}
