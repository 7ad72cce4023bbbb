import { AlertCircle, Ban, CheckCircle2, Circle, Clock, Loader2, MinusCircle, ShieldAlert, ShieldCheck, XCircle, type LucideIcon } from "lucide-react";
import type { Status } from "@/lib/runs/status";
import { cn } from "@/lib/utils";

/** One look per status, everywhere a status is shown (nodes, lists, badges). */
export const STATUS_STYLE: Record<Status, { label: string; icon: LucideIcon; className: string; ring: string }> = {
  pending: { label: "Pending", icon: Circle, className: "text-muted-foreground", ring: "border-border" },
  running: { label: "Running", icon: Loader2, className: "text-sky-600 dark:text-sky-400", ring: "border-sky-500/70" },
  awaiting_approval: { label: "Awaiting approval", icon: ShieldAlert, className: "text-amber-600 dark:text-amber-400", ring: "border-amber-500" },
  approved: { label: "Approved", icon: ShieldCheck, className: "text-emerald-600 dark:text-emerald-400", ring: "border-emerald-500/70" },
  rejected: { label: "Rejected", icon: XCircle, className: "text-red-600 dark:text-red-400", ring: "border-red-500/70" },
  succeeded: { label: "Succeeded", icon: CheckCircle2, className: "text-emerald-600 dark:text-emerald-400", ring: "border-emerald-500/70" },
  failed: { label: "Failed", icon: AlertCircle, className: "text-red-600 dark:text-red-400", ring: "border-red-500/70" },
  skipped: { label: "Skipped", icon: MinusCircle, className: "text-muted-foreground", ring: "border-dashed border-border" },
  cancelled: { label: "Cancelled", icon: Ban, className: "text-muted-foreground", ring: "border-border" },
  expired: { label: "Expired", icon: Clock, className: "text-orange-600 dark:text-orange-400", ring: "border-orange-500/70" },
};

export function StatusIcon({ status, className }: { status: Status; className?: string }) {
  const s = STATUS_STYLE[status] ?? STATUS_STYLE.pending;
  const Icon = s.icon;
  return <Icon aria-hidden className={cn("size-4 shrink-0", s.className, status === "running" && "animate-spin", className)} />;
}

export function StatusBadge({ status, className }: { status: Status; className?: string }) {
  const s = STATUS_STYLE[status] ?? STATUS_STYLE.pending;
  return (
    <span data-testid="status-badge" data-status={status} className={cn("inline-flex items-center gap-1 rounded-md border px-1.5 py-0.5 text-xs font-medium", s.className, className)}>
      <StatusIcon status={status} className="size-3.5" />
      {s.label}
    </span>
  );
}
