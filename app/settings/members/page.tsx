import type { Metadata } from "next";
import { MembersView } from "@/components/members/members-view";
import { dbAndUser } from "@/lib/runs/http";
import { currentWorkspaceId } from "@/lib/workspaces/current";
import { listMembers } from "@/lib/workspaces/members";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const { db, user } = await dbAndUser();
  return <MembersView data={await listMembers(db, user, await currentWorkspaceId(db, user))} />;
}
