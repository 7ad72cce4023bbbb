import type { Metadata } from "next";
import { InboxView } from "@/components/runs/inbox-view";
import { dbAndUser } from "@/lib/runs/http";
import { listAwaitingApproval } from "@/lib/runs/service";
import { currentWorkspaceId } from "@/lib/workspaces/current";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage() {
  const { db, user } = await dbAndUser();
  const workspaceId = await currentWorkspaceId(db, user);
  // Keyed by workspace: switching starts the view afresh with that workspace's items.
  return <InboxView key={workspaceId} initial={await listAwaitingApproval(db, user, undefined, workspaceId)} />;
}
