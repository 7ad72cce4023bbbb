import type { Metadata } from "next";
import { JoinInvitation } from "@/components/members/join-invitation";
import { getCurrentUser, UnauthenticatedError } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { isSupabaseConfigured } from "@/lib/supabase/config";
import { InvitationError, readInvitation } from "@/lib/workspaces/invitations";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Invitation" };

/** An invitation link (public: the token is the secret): what it invites to, and how to join. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const invite = await readInvitation(db, token).catch((e: unknown) => {
    if (e instanceof InvitationError) return { problem: e.message, rule: e.rule };
    throw e;
  });
  const user = await getCurrentUser().catch((e: unknown) => {
    if (e instanceof UnauthenticatedError) return null;
    throw e;
  });
  return (
    <div className="flex h-full items-center justify-center overflow-y-auto p-4">
      <JoinInvitation
        token={token}
        invite={"problem" in invite ? { problem: invite.problem } : { workspaceName: invite.workspaceName, role: invite.role, approver: invite.approver }}
        user={user && { name: user.name, email: user.email ?? null }}
        localAccounts={!isSupabaseConfigured()}
      />
    </div>
  );
}
