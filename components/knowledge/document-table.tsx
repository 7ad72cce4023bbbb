"use client";

import { RelativeTime } from "@/components/plans/relative-time";
import type { DocumentApiSummary } from "@/lib/knowledge/http";
import { DeleteDocumentButton } from "./delete-document-button";
import { FORMAT_LABELS, formatChars } from "./format";
import { SampleBadge } from "./sample-badge";

export function DocumentTable({ documents, onOpen, onDeleted }: { documents: DocumentApiSummary[]; onOpen: (id: string) => void; onDeleted: (id: string) => void }) {
  return (
    <div className="overflow-hidden rounded-lg border">
      <table className="w-full table-fixed text-sm" data-testid="document-list">
        <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
          <tr>
            <th className="px-4 py-2 font-medium">Title</th>
            <th className="hidden w-28 px-4 py-2 font-medium sm:table-cell">Format</th>
            <th className="hidden w-32 px-4 py-2 text-right font-medium sm:table-cell">Size</th>
            <th className="w-28 px-2 py-2 text-right font-medium sm:w-36 sm:px-4">Added</th>
            <th className="w-12 px-2 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.id} className="border-t transition-colors hover:bg-muted/40" data-testid="document-row" data-document-id={d.id}>
              <td className="py-2 pr-2 pl-4">
                <div className="flex min-w-0 items-center gap-2">
                  <button type="button" onClick={() => onOpen(d.id)} className="truncate text-left font-medium hover:underline focus-visible:underline focus-visible:outline-none" title={d.title}>
                    {d.title}
                  </button>
                  {d.isSample && <SampleBadge />}
                </div>
              </td>
              <td className="hidden px-4 py-2 text-muted-foreground sm:table-cell">{FORMAT_LABELS[d.format]}</td>
              <td className="hidden px-4 py-2 text-right text-muted-foreground tabular-nums sm:table-cell">{formatChars(d.chars)}</td>
              <td className="px-2 py-2 text-right whitespace-nowrap text-muted-foreground sm:px-4">
                <RelativeTime iso={d.createdAt} />
              </td>
              <td className="px-2 py-1 text-right">
                <DeleteDocumentButton doc={d} onDeleted={onDeleted} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
