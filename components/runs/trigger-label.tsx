import { CalendarClock, Webhook } from "lucide-react";

/** "by schedule “Weekly digest”" / "by webhook" for a run a trigger started; nothing for runs started by hand (reruns say so themselves). */
export function TriggerLabel({ trigger, name, className = "" }: { trigger: string; name?: string | null; className?: string }) {
  if (trigger !== "schedule" && trigger !== "webhook") return null;
  const Icon = trigger === "schedule" ? CalendarClock : Webhook;
  return (
    <span className={`inline-flex items-center gap-1 text-xs text-muted-foreground ${className}`} data-testid="run-trigger" data-trigger={trigger}>
      <Icon className="size-3" aria-hidden />
      <span className="truncate">{name ? `by ${trigger} “${name}”` : `by ${trigger}`}</span>
    </span>
  );
}
