import { History } from "lucide-react";
import { TriggerLabel } from "./trigger-label";
import Link from "next/link";
import { Elapsed, RelativeTime } from "@/components/plans/relative-time";
import type { listRuns } from "@/lib/runs/service";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { StatusBadge } from "./status";

type Row = Awaited<ReturnType<typeof listRuns>>[number];

/** Runs with status, plan, who started them, when and how long. */
export function RunsTable({ runs, showPlan = true }: { runs: Row[]; showPlan?: boolean }) {
  if (runs.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed p-10 text-center" data-testid="runs-empty">
        <History className="size-7 text-muted-foreground" aria-hidden />
        <p className="font-medium">No runs yet</p>
        <p className="text-sm text-muted-foreground">Save a plan and press Run.</p>
      </div>
    );
  }
  return (
    <Table data-testid="runs-table">
      <TableHeader>
        <TableRow>
          <TableHead>Status</TableHead>
          {showPlan && <TableHead>Plan</TableHead>}
          <TableHead>Started by</TableHead>
          <TableHead className="text-right">Started</TableHead>
          <TableHead className="text-right">Duration</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {runs.map((r) => (
          <TableRow key={r.id}>
            <TableCell>
              <Link href={`/runs/${r.id}`} className="hover:underline">
                <StatusBadge status={r.status} />
                {/* The badge's text first: the link's name must contain what it shows (WCAG 2.5.3). */}
                <span className="sr-only"> — open run {r.id}</span>
              </Link>
              {r.awaitingApproval > 0 && <span className="ml-2 text-xs text-status-awaiting">{r.awaitingApproval} waiting</span>}
            </TableCell>
            {showPlan && (
              <TableCell>
                <Link href={`/runs/${r.id}`} className="font-medium hover:underline">
                  {r.planTitle}
                </Link>{" "}
                <span className="text-xs text-muted-foreground">v{r.version}</span>
                {r.rerunOf && <span className="ml-1 text-xs text-muted-foreground">· rerun from {r.rerunFrom}</span>}
                <TriggerLabel trigger={r.trigger} name={r.triggerName} className="ml-1" />
              </TableCell>
            )}
            <TableCell className="text-muted-foreground">{r.startedBy.name || "—"}</TableCell>
            <TableCell className="text-right text-muted-foreground">{r.createdAt ? <RelativeTime iso={r.createdAt} /> : "—"}</TableCell>
            <TableCell className="text-right tabular-nums">{r.startedAt ? <Elapsed from={r.startedAt} to={r.finishedAt} /> : "—"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
