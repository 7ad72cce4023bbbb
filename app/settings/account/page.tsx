import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PasswordForm } from "@/components/settings/password-form";
import { getCurrentUser } from "@/lib/auth";
import { isSupabaseConfigured } from "@/lib/supabase/config";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Account" };

/** The local account's settings. With Supabase, Supabase Auth handles passwords: no page here. */
export default async function AccountPage() {
  if (isSupabaseConfigured()) notFound();
  const user = await getCurrentUser();
  return (
    <div className="mx-auto flex w-full max-w-xl flex-col gap-4 p-4 sm:p-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
        <p className="text-sm text-muted-foreground">
          Signed in as {user.name}
          {user.email ? ` (${user.email})` : ""}.
        </p>
      </div>
      <PasswordForm />
    </div>
  );
}
