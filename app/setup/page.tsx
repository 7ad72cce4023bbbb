import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LocalSignIn } from "@/components/auth/local-sign-in";
import { needsSetup } from "@/lib/auth/local/setup";
import { safeNextPath } from "@/lib/auth/next-path";
import { getDb } from "@/lib/db";
import { isSupabaseConfigured } from "@/lib/supabase/config";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create the owner account" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (isSupabaseConfigured() || !(await needsSetup(await getDb()))) redirect("/login");
  const { next } = await searchParams;
  return (
    <div className="flex h-full items-center justify-center p-4">
      <LocalSignIn mode="setup" next={safeNextPath(next)} />
    </div>
  );
}
