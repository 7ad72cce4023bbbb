import type { Metadata } from "next";
import { ScheduleList } from "@/components/schedules/schedule-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Schedules" };

/** Every schedule of the current workspace; new ones are made from a plan's or a template's "Schedules". */
export default function SchedulesPage() {
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-4 p-4 sm:p-6">
      <div>
        <h1 className="text-xl font-semibold">Schedules</h1>
        <p className="text-sm text-muted-foreground">
          Plans and templates that run by themselves. Create one from a plan&apos;s toolbar or a template&apos;s card (Schedules).
        </p>
      </div>
      <ScheduleList showTarget />
    </div>
  );
}
