import { isSupabaseConfigured } from "../supabase/config";
import { workspaceFromCookieHeader } from "../workspaces/cookie";
import type { User } from "./user";

export { LOCAL_OWNER, UnauthenticatedError, type User } from "./user";

/** `Bearer pvt_…`: a Planvas API token, not some other credential (lib/workspaces/secrets.ts names the prefix). */
const API_TOKEN_HEADER = /^\s*bearer\s+pvt_/i;

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
  // With Supabase Auth too, scripts and the CLI authenticate with a Planvas API token.
  const { headers } = await import("next/headers");
  const authorization = (await headers()).get("authorization");
  if (authorization && API_TOKEN_HEADER.test(authorization)) {
    const { userFromBearer } = await import("./bearer");
    return userFromBearer(authorization);
  }
  const { getSupabaseUser } = await import("./supabase");
  return getSupabaseUser();
}
