import { getCurrentUser, UnauthenticatedError } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { currentWorkspaceId } from "@/lib/workspaces/current";
import { listMyWorkspaces } from "@/lib/workspaces/mine";
import { WorkspaceSwitcher } from "./workspace-switcher";
import type { WorkspaceItem } from "./api";

/** The signed-in user's workspaces and the current one; null when nobody is signed in or the database cannot answer. */
async function load(): Promise<{ workspaces: WorkspaceItem[]; currentId: string } | null> {
  try {
    const [db, user] = await Promise.all([getDb(), getCurrentUser()]);
    const [workspaces, currentId] = await Promise.all([listMyWorkspaces(db, user), currentWorkspaceId(db, user)]);
    return { workspaces: workspaces.map(({ id, name, personal, role }) => ({ id, name, personal, role })), currentId };
  } catch (e) {
    if (!(e instanceof UnauthenticatedError)) console.error("[planvas] the workspace switcher could not load:", e);
    return null;
  }
}

/**
 * The header's workspace slot. Nothing on /login and /setup (nobody is signed in), and nothing
 * rather than a broken header when the database cannot be reached (the page itself reports that).
 */
export async function WorkspaceSlot() {
  const loaded = await load();
  if (!loaded?.workspaces.length) return null;
  return <WorkspaceSwitcher workspaces={loaded.workspaces} currentId={loaded.currentId} />;
}
