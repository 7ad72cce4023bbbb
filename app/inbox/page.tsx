import type { Metadata } from "next";
import { InboxView } from "@/components/runs/inbox-view";
import { dbAndUser } from "@/lib/runs/http";
import { listAwaitingApproval } from "@/lib/runs/service";
import { currentWorkspaceId } from "@/lib/workspaces/current";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage() {
  const { db, user } = await dbAndUser();
  return <InboxView initial={await listAwaitingApproval(db, user, undefined, await currentWorkspaceId(db, user))} />;
}
