import { isSupabaseConfigured } from "../supabase/config";

/** Who is acting. With Supabase Auth configured this comes from the session; otherwise it is the
 * single owner of this local workspace. */
export interface User {
  id: string;
  name: string;
  email?: string;
}

export const LOCAL_OWNER: User = {
  id: "00000000-0000-4000-8000-000000000001",
  name: "Local owner",
  email: "owner@planvas.local",
};

/** Supabase Auth is configured and the request carries no valid session. API handlers answer 401. */
export class UnauthenticatedError extends Error {
  constructor(message = "sign in required") {
    super(message);
    this.name = "UnauthenticatedError";
  }
}

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
