import { isSupabaseConfigured } from "../supabase/config";
import type { User } from "./user";

export { LOCAL_OWNER, UnauthenticatedError, type User } from "./user";

/**
 * The acting user, from the request: with Supabase configured, the session's user verified with
 * Supabase Auth; otherwise a local account's session or a Bearer API token (lib/auth/local). Throws
 * `UnauthenticatedError` when there is none.
 */
export async function getCurrentUser(): Promise<User> {
  if (!isSupabaseConfigured()) {
    const { getLocalUser } = await import("./local/current");
    return getLocalUser();
  }
  const { getSupabaseUser } = await import("./supabase");
  return getSupabaseUser();
}
