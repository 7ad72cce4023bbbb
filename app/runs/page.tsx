import type { Metadata } from "next";
import { RunsTable } from "@/components/runs/runs-table";
import { dbAndUser } from "@/lib/runs/http";
import { listRuns } from "@/lib/runs/service";
import { currentWorkspaceId } from "@/lib/workspaces/current";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage() {
  const { db, user } = await dbAndUser();
  const runs = await listRuns(db, user, { limit: 200, workspaceId: await currentWorkspaceId(db, user) });
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-4 p-4 sm:p-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Runs</h1>
        <p className="text-sm text-muted-foreground">Every run of this workspace&apos;s plans, newest first.</p>
      </div>
      <RunsTable runs={runs} />
    </div>
  );
}
