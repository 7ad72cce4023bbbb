import type { Metadata } from "next";
import { TokensView } from "@/components/settings/tokens-view";
import { dbAndUser } from "@/lib/runs/http";
import { currentWorkspace } from "@/lib/workspaces/current";
import { listTokens } from "@/lib/workspaces/tokens";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const { db, user } = await dbAndUser();
  const [tokens, workspace] = await Promise.all([listTokens(db, user), currentWorkspace(db, user)]);
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-4 p-4 sm:p-6">
      <TokensView initial={tokens} workspace={{ id: workspace.id, name: workspace.name }} />
    </div>
  );
}
