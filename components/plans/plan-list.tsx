import { FileJson, Layers } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import type { PlanApiSummary } from "@/lib/http/plans";
import { DeletePlanButton } from "./delete-plan-button";
import { GoalForm } from "./goal-form";
import { ImportDialog } from "./import-dialog";
import { NewBlankPlanButton } from "./new-blank-plan-button";
import { RelativeTime } from "./relative-time";
import { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export function PlanList({ plans, model }: { plans: PlanApiSummary[]; model: { provider: string; description: string } }) {
  const importButton = (
    <Button>
      <FileJson /> Import JSON
    </Button>
  );
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 p-4 sm:p-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Plans</h1>
          <p className="text-sm text-muted-foreground">Every save is a version. Open a plan to see it on the canvas.</p>
        </div>
        <div className="flex items-center gap-2">
          <NewBlankPlanButton />
          <ImportDialog trigger={importButton} />
        </div>
      </div>
      <GoalForm model={model} />
      {plans.length === 0 ? (
        <div className="flex flex-col items-center gap-3 rounded-lg border border-dashed p-12 text-center" data-testid="plans-empty">
          <Layers className="size-8 text-muted-foreground" aria-hidden />
          <div>
            <p className="font-medium">No plans yet</p>
            <p className="text-sm text-muted-foreground">Describe a goal above, start a blank plan, or import a plan as JSON, to see it as a graph of steps.</p>
          </div>
          <div className="flex items-center gap-2">
            <NewBlankPlanButton />
            <ImportDialog trigger={importButton} />
          </div>
        </div>
      ) : (
        <Table data-testid="plan-list">
          <TableHeader>
            <TableRow>
              <TableHead className="px-4">Title</TableHead>
              <TableHead className="px-4 text-right">Steps</TableHead>
              <TableHead className="px-4 text-right">Version</TableHead>
              <TableHead className="px-4 text-right">Last saved</TableHead>
              <TableActionsHead />
            </TableRow>
          </TableHeader>
          <TableBody>
            {plans.map((p) => (
              <TableRow key={p.id}>
                <TableCell className="px-4 py-2.5">
                  <Link href={`/plans/${p.id}`} className="font-medium hover:underline">
                    {p.title}
                  </Link>
                </TableCell>
                <TableCell className="px-4 py-2.5 text-right tabular-nums">{p.stepCount}</TableCell>
                <TableCell className="px-4 py-2.5 text-right tabular-nums">v{p.version}</TableCell>
                <TableCell className="px-4 py-2.5 text-right text-muted-foreground">
                  <RelativeTime iso={p.updatedAt} />
                </TableCell>
                <TableCell className="px-2 py-1 text-right">
                  <DeletePlanButton plan={{ id: p.id, title: p.title }} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
