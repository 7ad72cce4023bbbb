import { History } from "lucide-react";
import Link from "next/link";
import { Elapsed, RelativeTime } from "@/components/plans/relative-time";
import type { listRuns } from "@/lib/runs/service";
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
    <div className="overflow-hidden rounded-lg border">
      <table className="w-full text-sm" data-testid="runs-table">
        <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
          <tr>
            <th className="px-3 py-2 font-medium">Status</th>
            {showPlan && <th className="px-3 py-2 font-medium">Plan</th>}
            <th className="px-3 py-2 font-medium">Started by</th>
            <th className="px-3 py-2 text-right font-medium">Started</th>
            <th className="px-3 py-2 text-right font-medium">Duration</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} className="border-t hover:bg-muted/40">
              <td className="px-3 py-2">
                <Link href={`/runs/${r.id}`} className="hover:underline" aria-label={`Open run ${r.id}`}>
                  <StatusBadge status={r.status} />
                </Link>
                {r.awaitingApproval > 0 && <span className="ml-2 text-xs text-amber-600">{r.awaitingApproval} waiting</span>}
              </td>
              {showPlan && (
                <td className="px-3 py-2">
                  <Link href={`/runs/${r.id}`} className="font-medium hover:underline">
                    {r.planTitle}
                  </Link>{" "}
                  <span className="text-xs text-muted-foreground">v{r.version}</span>
                  {r.rerunOf && <span className="ml-1 text-xs text-muted-foreground">· rerun from {r.rerunFrom}</span>}
                </td>
              )}
              <td className="px-3 py-2 text-muted-foreground">{r.startedBy.name || "—"}</td>
              <td className="px-3 py-2 text-right text-muted-foreground">{r.createdAt ? <RelativeTime iso={r.createdAt} /> : "—"}</td>
              <td className="px-3 py-2 text-right tabular-nums">{r.startedAt ? <Elapsed from={r.startedAt} to={r.finishedAt} /> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
