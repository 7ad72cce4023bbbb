import { isSupabaseConfigured } from "../supabase/config";
import { workspaceFromCookieHeader } from "../workspaces/cookie";
import type { User } from "./user";

export { LOCAL_OWNER, UnauthenticatedError, type User } from "./user";

/**
 * The acting user, from the request: with Supabase configured, the session's user verified with
 * Supabase Auth; otherwise a local account's session or a Bearer API token (lib/auth/local). Throws
 * `UnauthenticatedError` when there is none. A session also carries the workspace its
 * `planvas.workspace` cookie chooses; a token's workspace is the token's own, whatever the cookie says.
 */
export async function getCurrentUser(): Promise<User> {
  const user = await authenticatedUser();
  if (user.tokenWorkspaceId) return user;
  const { headers } = await import("next/headers");
  const chosen = workspaceFromCookieHeader((await headers()).get("cookie"));
  return chosen ? { ...user, chosenWorkspaceId: chosen } : user;
}

async function authenticatedUser(): Promise<User> {
  if (!isSupabaseConfigured()) {
    const { getLocalUser } = await import("./local/current");
    return getLocalUser();
  }
  const { getSupabaseUser } = await import("./supabase");
  return getSupabaseUser();
}
