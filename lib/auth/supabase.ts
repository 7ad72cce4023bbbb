// Supabase Auth: the acting user from the request's session cookies (@supabase/ssr). Loaded by
// lib/auth only when Supabase is configured.
import { isAuthRetryableFetchError, type User as SupabaseAuthUser } from "@supabase/supabase-js";
import { getDb } from "../db";
import { asService } from "../db/rls";
import { processSingleton } from "../singleton";
import { createSupabaseServerClient } from "../supabase/server";
import { UnauthenticatedError, type User } from "./user";

// Users whose profile row this process has ensured (one set per process, see lib/singleton.ts).
const ensuredProfiles = () => processSingleton("profiles", () => new Set<string>());

export function displayName(user: Pick<SupabaseAuthUser, "email" | "user_metadata">): string {
  const meta = (user.user_metadata ?? {}) as Record<string, unknown>;
  const pick = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
  return pick(meta.full_name) ?? pick(meta.name) ?? user.email ?? "";
}

/** The signed-in user, verified with Supabase Auth (`auth.getUser()`, not the unverified cookie). */
export async function getSupabaseUser(): Promise<User> {
  const supabase = await createSupabaseServerClient();
  if (!supabase) throw new UnauthenticatedError("Supabase is not configured");
  const { data, error } = await supabase.auth.getUser();
  // Auth unreachable is a server failure (500), not a missing session.
  if (error && isAuthRetryableFetchError(error)) throw error;
  if (!data.user) throw new UnauthenticatedError();
  const user: User = { id: data.user.id, name: displayName(data.user), email: data.user.email };
  await ensureProfile(user);
  return user;
}

/**
 * Supabase owns `auth.users`; the app keeps a `public.profiles` row per user. Created once per
 * process per user, as service_role (profiles have no insert policy for `authenticated`).
 */
export async function ensureProfile(user: User): Promise<void> {
  const seen = ensuredProfiles();
  if (seen.has(user.id)) return;
  const db = await getDb();
  await asService(db, (tx) => tx.query("insert into public.profiles (id, display_name) values ($1, $2) on conflict (id) do nothing", [user.id, user.name]));
  seen.add(user.id);
}
