"use client";

import { KeyRound, LogOut, Settings, UserRound, Users } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { getSupabaseBrowserClient } from "@/lib/supabase/browser";

/**
 * The signed-in user's email, their settings (API tokens; the account's password with local
 * accounts — Supabase Auth handles passwords itself) and "Sign out".
 */
export function UserMenu({ email, local = false }: { email: string; local?: boolean }) {
  const router = useRouter();
  async function signOut() {
    const supabase = local ? null : getSupabaseBrowserClient();
    const { error } = local
      ? await fetch("/api/session", { method: "DELETE" }).then((r) => ({ error: r.ok ? null : { message: `HTTP ${r.status}` } }))
      : supabase
        ? await supabase.auth.signOut()
        : { error: null };
    if (error) {
      toast.error(`Sign out failed: ${error.message}`);
      return;
    }
    router.replace("/login");
    router.refresh();
  }
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Account: ${email}`}>
          <UserRound className="size-4" aria-hidden />
          <span className="hidden max-w-48 truncate sm:inline">{email}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel className="font-normal text-muted-foreground">{email}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings/members">
            <Users className="size-4" aria-hidden />
            Members
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/settings/tokens">
            <KeyRound className="size-4" aria-hidden />
            API tokens
          </Link>
        </DropdownMenuItem>
        {local && (
          <DropdownMenuItem asChild>
            <Link href="/settings/account">
              <Settings className="size-4" aria-hidden />
              Account
            </Link>
          </DropdownMenuItem>
        )}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void signOut()}>
          <LogOut className="size-4" aria-hidden />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
