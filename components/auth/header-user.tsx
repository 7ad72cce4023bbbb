import Link from "next/link";
import { UserMenu } from "@/components/auth/user-menu";
import { getCurrentUser, UnauthenticatedError } from "@/lib/auth";
import { createSupabaseServerClient } from "@/lib/supabase/server";

/**
 * The header's account slot, rendered by the layout only when Supabase is configured (so the
 * embedded workspace never reads cookies here). Reads the verified user straight from Supabase Auth,
 * without the database, so /login renders even when the database is down.
 */
export async function HeaderUser() {
  const supabase = await createSupabaseServerClient();
  if (!supabase) return null;
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) {
    return (
      <Link href="/login" className="rounded-md px-2 py-1 text-sm text-muted-foreground hover:bg-accent hover:text-accent-foreground">
        Sign in
      </Link>
    );
  }
  return <UserMenu email={user.email ?? user.id} />;
}

/** The account slot with local accounts: the session's user (none on /login and /setup). */
export async function LocalHeaderUser() {
  const user = await getCurrentUser().catch((e: unknown) => {
    if (e instanceof UnauthenticatedError) return null;
    throw e;
  });
  return user ? <UserMenu email={user.email ?? user.name} local /> : null;
}
