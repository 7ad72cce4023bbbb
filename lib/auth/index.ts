import { isSupabaseConfigured } from "../supabase/config";
import { LOCAL_OWNER, type User } from "./user";

export { LOCAL_OWNER, UnauthenticatedError, type User } from "./user";

/**
 * The acting user. Without Supabase configured: always the local owner (no cookies read, no
 * network). With Supabase: the session's user, verified with Supabase Auth; throws
 * `UnauthenticatedError` when there is none.
 */
export async function getCurrentUser(): Promise<User> {
  if (!isSupabaseConfigured()) return LOCAL_OWNER;
  const { getSupabaseUser } = await import("./supabase");
  return getSupabaseUser();
}
