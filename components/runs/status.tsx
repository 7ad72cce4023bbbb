import { AlertCircle, Ban, CheckCircle2, Circle, Clock, Loader2, MinusCircle, ShieldAlert, ShieldCheck, XCircle, type LucideIcon } from "lucide-react";
import type { Status } from "@/lib/runs/status";
import { cn } from "@/lib/utils";

/** One look per status, everywhere a status is shown (nodes, lists, badges); colours are the --status-* tokens. */
export const STATUS_STYLE: Record<Status, { label: string; icon: LucideIcon; className: string; ring: string }> = {
  pending: { label: "Pending", icon: Circle, className: "text-muted-foreground", ring: "border-border" },
  running: { label: "Running", icon: Loader2, className: "text-status-running", ring: "border-status-running/70" },
  awaiting_approval: { label: "Awaiting approval", icon: ShieldAlert, className: "text-status-awaiting", ring: "border-status-awaiting" },
  approved: { label: "Approved", icon: ShieldCheck, className: "text-status-success", ring: "border-status-success/70" },
  rejected: { label: "Rejected", icon: XCircle, className: "text-status-failure", ring: "border-status-failure/70" },
  succeeded: { label: "Succeeded", icon: CheckCircle2, className: "text-status-success", ring: "border-status-success/70" },
  failed: { label: "Failed", icon: AlertCircle, className: "text-status-failure", ring: "border-status-failure/70" },
  skipped: { label: "Skipped", icon: MinusCircle, className: "text-muted-foreground", ring: "border-dashed border-border" },
  cancelled: { label: "Cancelled", icon: Ban, className: "text-muted-foreground", ring: "border-border" },
  expired: { label: "Expired", icon: Clock, className: "text-status-expired", ring: "border-status-expired/70" },
};

export function StatusIcon({ status, className }: { status: Status; className?: string }) {
  const s = STATUS_STYLE[status] ?? STATUS_STYLE.pending;
  const Icon = s.icon;
  return <Icon aria-hidden className={cn("size-4 shrink-0", s.className, status === "running" && "animate-spin", className)} />;
}

export function StatusBadge({ status, className }: { status: Status; className?: string }) {
  const s = STATUS_STYLE[status] ?? STATUS_STYLE.pending;
  return (
    <span
      data-testid="status-badge"
      data-status={status}
      className={cn("inline-flex items-center gap-1 rounded-md border px-1.5 py-0.5 text-xs font-medium", s.className, className)}
    >
      <StatusIcon status={status} className="size-3.5" />
      {s.label}
    </span>
  );
}
