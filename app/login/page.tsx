import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LocalSignIn } from "@/components/auth/local-sign-in";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentUser } from "@/lib/auth";
import { needsSetup } from "@/lib/auth/local/setup";
import { getDb } from "@/lib/db";
import { safeNextPath } from "@/lib/auth/next-path";
import { isSupabaseConfigured } from "@/lib/supabase/config";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  if (!isSupabaseConfigured()) {
    // A fresh installation has no account to sign in with: create the owner first.
    if (await needsSetup(await getDb())) redirect(`/setup${next ? `?next=${encodeURIComponent(safeNextPath(next))}` : ""}`);
    // Signed in already (a valid session, not just a cookie): on to where they were going.
    if (await getCurrentUser().then(Boolean, () => false)) redirect(safeNextPath(next));
    return (
      <div className="flex h-full items-center justify-center p-4">
        <LocalSignIn mode="sign-in" next={safeNextPath(next)} />
      </div>
    );
  }
  return (
    <div className="flex h-full items-center justify-center p-4">
      <LoginForm next={safeNextPath(next)} />
    </div>
  );
}
