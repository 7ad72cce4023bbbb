import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import Link from "next/link";
import { Workflow } from "lucide-react";
import { HeaderUser, LocalHeaderUser } from "@/components/auth/header-user";
import { ThemeProvider } from "@/components/theme-provider";
import { SiteNav } from "@/components/nav/site-nav";
import { ThemeToggle } from "@/components/theme-toggle";
import { WorkspaceSlot } from "@/components/workspaces/workspace-slot";
import { Toaster } from "@/components/ui/sonner";
import { isSupabaseConfigured } from "@/lib/supabase/config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Planvas", template: "%s · Planvas" },
  description: "Turn a goal into a plan of tool steps, edit it on a canvas, and run it with human approval gates.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <ThemeProvider>
          <div className="flex h-dvh flex-col">
            <header className="flex h-12 shrink-0 items-center gap-2 border-b px-3 sm:gap-4 sm:px-4">
              <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
                <Workflow className="size-5 text-primary" aria-hidden />
                {/* On a phone the mark alone, so the workspace switcher fits the header's row. */}
                <span className="sr-only sm:not-sr-only">Planvas</span>
              </Link>
              <WorkspaceSlot />
              <SiteNav />
              <div className="ml-auto flex items-center gap-1">
                <ThemeToggle />
                {isSupabaseConfigured() ? <HeaderUser /> : <LocalHeaderUser />}
              </div>
            </header>
            <main className="min-h-0 flex-1">{children}</main>
          </div>
          <Toaster richColors closeButton />
        </ThemeProvider>
      </body>
    </html>
  );
}
