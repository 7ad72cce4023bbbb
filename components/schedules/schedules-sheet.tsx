"use client";

import { CalendarClock, Plus, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import type { ScheduleTarget } from "./api";
import { ScheduleForm } from "./schedule-form";
import { ScheduleList } from "./schedule-list";

/** "Schedules" of one plan or template: its schedules with their history, and a form for a new one. */
export function SchedulesSheet({
  target,
  name,
  open,
  onOpenChange,
  triggerClassName,
  triggerVariant = "ghost",
  compact = false,
}: {
  target: ScheduleTarget;
  /** The plan's or template's name (the default schedule name). */
  name: string;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  triggerClassName?: string;
  triggerVariant?: "ghost" | "outline";
  /** Icon only below 2xl (the editor toolbar's row has room for one more label only there). */
  compact?: boolean | "always";
}) {
  const [creating, setCreating] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const filter = target.kind === "plan" ? { planId: target.planId } : { templateId: target.templateId };
  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetTrigger asChild>
        <Button variant={triggerVariant} size="sm" className={triggerClassName} data-testid="schedules-button" aria-label="Schedules" title="Schedules">
          <CalendarClock /> <span className={compact === "always" ? "sr-only" : compact ? "hidden 2xl:inline" : undefined}>Schedules</span>
        </Button>
      </SheetTrigger>
      <SheetContent className="w-full overflow-y-auto sm:w-[32rem] sm:max-w-lg">
        <SheetHeader>
          <SheetTitle>Schedules</SheetTitle>
          <SheetDescription>
            Run this {target.kind} by itself on a cron schedule, as you. Runs with approval gates wait for a decision as usual.
          </SheetDescription>
        </SheetHeader>
        <div className="flex flex-col gap-4 px-4 pb-4">
          {creating ? (
            <div className="flex flex-col gap-2">
              <div className="flex items-center justify-between">
                <h3 className="text-sm font-medium">New schedule</h3>
                <Button variant="ghost" size="icon" className="size-7" onClick={() => setCreating(false)} aria-label="Close the new schedule form">
                  <X />
                </Button>
              </div>
              <ScheduleForm
                target={target}
                defaultName={name}
                onCreated={() => {
                  setCreating(false);
                  setRefresh((n) => n + 1);
                }}
              />
            </div>
          ) : (
            <Button size="sm" className="self-start" onClick={() => setCreating(true)} data-testid="new-schedule">
              <Plus /> New schedule
            </Button>
          )}
          <ScheduleList filter={filter} refreshKey={refresh} />
        </div>
      </SheetContent>
    </Sheet>
  );
}
