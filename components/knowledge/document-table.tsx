"use client";

import { RelativeTime } from "@/components/plans/relative-time";
import { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DocumentApiSummary } from "@/lib/knowledge/http";
import { DeleteDocumentButton } from "./delete-document-button";
import { FORMAT_LABELS, formatChars } from "./format";
import { SampleBadge } from "./sample-badge";

export function DocumentTable({
  documents,
  onOpen,
  onDeleted,
}: {
  documents: DocumentApiSummary[];
  onOpen: (id: string) => void;
  onDeleted: (id: string) => void;
}) {
  return (
    <Table className="table-fixed" data-testid="document-list">
      <TableHeader>
        <TableRow>
          <TableHead className="px-4">Title</TableHead>
          <TableHead className="hidden w-28 px-4 sm:table-cell">Format</TableHead>
          <TableHead className="hidden w-32 px-4 text-right sm:table-cell">Size</TableHead>
          <TableHead className="w-28 px-2 text-right sm:w-36 sm:px-4">Added</TableHead>
          <TableActionsHead />
        </TableRow>
      </TableHeader>
      <TableBody>
        {documents.map((d) => (
          <TableRow key={d.id} data-testid="document-row" data-document-id={d.id}>
            <TableCell className="pr-2 pl-4">
              <div className="flex min-w-0 items-center gap-2">
                <button
                  type="button"
                  onClick={() => onOpen(d.id)}
                  className="truncate text-left font-medium hover:underline focus-visible:underline focus-visible:outline-none"
                  title={d.title}
                >
                  {d.title}
                </button>
                {d.isSample && <SampleBadge />}
              </div>
            </TableCell>
            <TableCell className="hidden px-4 text-muted-foreground sm:table-cell">{FORMAT_LABELS[d.format]}</TableCell>
            <TableCell className="hidden px-4 text-right text-muted-foreground tabular-nums sm:table-cell">{formatChars(d.chars)}</TableCell>
            <TableCell className="px-2 text-right whitespace-nowrap text-muted-foreground sm:px-4">
              <RelativeTime iso={d.createdAt} />
            </TableCell>
            <TableCell className="px-2 py-1 text-right">
              <DeleteDocumentButton doc={d} onDeleted={onDeleted} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
