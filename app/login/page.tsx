import type { Metadata } from "next";
import Link from "next/link";
import { LoginForm } from "@/components/auth/login-form";
import { Button } from "@/components/ui/button";
import { isSupabaseConfigured } from "@/lib/supabase/config";

export const metadata: Metadata = { title: "Sign in" };

/** Only a path inside this app: no protocol-relative `//host`, no absolute URL. */
function safeNext(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!isSupabaseConfigured()) {
    return (
      <div className="flex h-full flex-col items-center justify-center gap-3 text-center">
        <p className="text-lg font-semibold">No sign-in needed</p>
        <p className="max-w-md text-muted-foreground">
          Supabase is not configured, so this workspace has a single local owner and everyone using it acts as that owner.
        </p>
        <Button asChild variant="outline">
          <Link href="/">Back to plans</Link>
        </Button>
      </div>
    );
  }
  const { next } = await searchParams;
  return (
    <div className="flex h-full items-center justify-center p-4">
      <LoginForm next={safeNext(next)} />
    </div>
  );
}
