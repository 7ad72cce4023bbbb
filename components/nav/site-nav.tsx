"use client";

import { Menu } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Fragment } from "react";
import { InboxLink } from "@/components/runs/inbox-count";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";

interface NavItem {
  href: string;
  label: string;
  match: (pathname: string) => boolean;
}

const LINKS: NavItem[] = [
  { href: "/", label: "Plans", match: (p: string) => p === "/" || p.startsWith("/plans") },
  { href: "/runs", label: "Runs", match: (p: string) => p.startsWith("/runs") },
  { href: "/templates", label: "Templates", match: (p: string) => p.startsWith("/templates") },
  { href: "/schedules", label: "Schedules", match: (p: string) => p.startsWith("/schedules") },
  { href: "/knowledge", label: "Knowledge", match: (p: string) => p.startsWith("/knowledge") },
];

const linkClass = "rounded-md px-2 py-1 hover:bg-accent hover:text-accent-foreground";

/**
 * The header's navigation. Below the `sm` breakpoint the links fold into a menu, so a phone's
 * 390 px header holds the logo, the inbox (a reviewer's way in) and the theme toggle on one row.
 */
export function SiteNav() {
  const pathname = usePathname() ?? "/";
  const inbox = pathname.startsWith("/inbox");
  return (
    <nav aria-label="Main" className="flex items-center gap-1 text-sm text-muted-foreground">
      {LINKS.map((l) => (
        <Fragment key={l.href}>
          {/* The inbox sits right after Runs, and stays in the header on a phone. */}
          {l.href === "/templates" && <InboxLink current={inbox} />}
          <NavLink href={l.href} label={l.label} current={l.match(pathname)} />
        </Fragment>
      ))}
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" className="sm:hidden" aria-label="Menu" data-testid="nav-menu">
            <Menu />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start">
          {LINKS.map((l) => (
            <DropdownMenuItem key={l.href} asChild>
              <Link href={l.href} aria-current={l.match(pathname) ? "page" : undefined}>
                {l.label}
              </Link>
            </DropdownMenuItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
    </nav>
  );
}

function NavLink({ href, label, current }: { href: string; label: string; current: boolean }) {
  return (
    <Link href={href} aria-current={current ? "page" : undefined} className={cn(linkClass, "hidden sm:inline", current && "text-foreground")}>
      {label}
    </Link>
  );
}
