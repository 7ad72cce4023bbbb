"use client";

import { CalendarClock, ChevronDown, ChevronRight, Loader2, Pause, Play } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { toast } from "sonner";
import { ConfirmDeleteButton } from "@/components/confirm-delete-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatFire } from "@/lib/triggers/cron";
import { deleteSchedule, fetchSchedule, listSchedules, updateSchedule, type FireRow, type ScheduleRow } from "./api";

const FIRE_BADGE: Record<FireRow["status"], "default" | "secondary" | "destructive" | "outline" | "warning"> = {
  started: "secondary",
  pending: "outline",
  queued: "warning",
  skipped: "outline",
  missed: "outline",
  failed: "destructive",
};

const targetLabel = (s: ScheduleRow) =>
  s.target.kind === "plan"
    ? `Plan · ${s.target.version === null ? "latest version" : `version ${s.target.version}`}`
    : `Template ${s.target.templateId.length > 24 ? "" : s.target.templateId} · ${s.target.version === null ? "latest published" : `version ${s.target.version}`}`;

/** The schedules (of one plan or template, or of the workspace), each with pause/resume and its history. */
export function ScheduleList({
  filter,
  refreshKey = 0,
  showTarget = false,
}: {
  filter?: { planId?: string; templateId?: string };
  refreshKey?: number;
  showTarget?: boolean;
}) {
  const [rows, setRows] = useState<ScheduleRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const planId = filter?.planId;
  const templateId = filter?.templateId;
  const load = useCallback(() => {
    listSchedules({ planId, templateId }).then(
      (r) => {
        setRows(r);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [planId, templateId]);
  useEffect(load, [load, refreshKey]);

  if (error)
    return (
      <p className="text-sm text-destructive" role="alert">
        Could not load the schedules: {error}
      </p>
    );
  if (!rows)
    return (
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        <Loader2 className="size-4 animate-spin" aria-hidden /> Loading schedules…
      </p>
    );
  if (!rows.length)
    return (
      <div
        className="flex flex-col items-center gap-2 rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground"
        data-testid="schedules-empty"
      >
        <CalendarClock className="size-6" aria-hidden />
        <p>No schedules yet.</p>
        <p>A schedule runs {filter ? "this" : "a plan or template"} by itself, e.g. every Monday at 09:00 in your time zone.</p>
      </div>
    );
  return (
    <ul className="flex flex-col gap-2" data-testid="schedule-list">
      {rows.map((s) => (
        <ScheduleItem key={s.id} s={s} showTarget={showTarget} onChanged={load} />
      ))}
    </ul>
  );
}

function ScheduleItem({ s, showTarget, onChanged }: { s: ScheduleRow; showTarget: boolean; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  async function toggle() {
    setBusy(true);
    try {
      const next = await updateSchedule(s.id, { paused: !s.paused });
      toast.success(next.paused ? `Paused “${s.name}”` : `Resumed “${s.name}”`, {
        description: next.nextFireAt ? `Next: ${formatFire(new Date(next.nextFireAt), next.timezone)}` : undefined,
      });
      onChanged();
    } catch (e) {
      toast.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <li className="rounded-md border p-3" data-testid="schedule-item">
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className="truncate font-medium">{s.name}</span>
            {s.paused ? (
              <Badge variant="warning" data-testid="schedule-status">
                Paused
              </Badge>
            ) : (
              <Badge variant="secondary" data-testid="schedule-status">
                Active
              </Badge>
            )}
          </div>
          <p className="text-sm text-muted-foreground" data-testid="schedule-description">
            {s.description}
            {s.nextFireAt && <> · next {formatFire(new Date(s.nextFireAt), s.timezone)}</>}
          </p>
          {showTarget && (
            <p className="text-xs text-muted-foreground">
              {s.target.kind === "plan" ? (
                <Link className="underline-offset-2 hover:underline" href={`/plans/${s.target.planId}`}>
                  {targetLabel(s)}
                </Link>
              ) : (
                targetLabel(s)
              )}
            </p>
          )}
          {s.paused && s.pausedReason && (
            <p className="mt-1 text-xs text-destructive" data-testid="schedule-paused-reason">
              {s.pausedReason}
            </p>
          )}
        </div>
        <Button variant="outline" size="sm" onClick={() => void toggle()} disabled={busy} aria-label={s.paused ? `Resume ${s.name}` : `Pause ${s.name}`}>
          {s.paused ? <Play /> : <Pause />} {s.paused ? "Resume" : "Pause"}
        </Button>
        <ConfirmDeleteButton
          name={s.name}
          question={`Delete the schedule “${s.name}”?`}
          description="It stops firing; runs it started stay."
          onConfirm={async () => {
            await deleteSchedule(s.id);
            onChanged();
          }}
        />
      </div>
      <Button variant="ghost" size="sm" className="mt-1 -ml-2 h-7 px-2 text-xs" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        {open ? <ChevronDown /> : <ChevronRight />} History
      </Button>
      {open && <History id={s.id} timezone={s.timezone} />}
    </li>
  );
}

function History({ id, timezone }: { id: string; timezone: string }) {
  const [fires, setFires] = useState<FireRow[] | null>(null);
  useEffect(() => {
    let alive = true;
    fetchSchedule(id).then(
      (s) => alive && setFires(s.fires),
      () => alive && setFires([]),
    );
    return () => {
      alive = false;
    };
  }, [id]);
  if (!fires) return <Loader2 className="size-4 animate-spin text-muted-foreground" aria-label="Loading the history" />;
  if (!fires.length) return <p className="text-xs text-muted-foreground">No fires yet.</p>;
  return (
    <ol className="mt-1 flex flex-col gap-1 text-xs" data-testid="schedule-history">
      {fires.map((f) => (
        <li key={f.scheduledAt} className="flex flex-wrap items-center gap-2">
          <span className="w-24 shrink-0 tabular-nums">{formatFire(new Date(f.scheduledAt), timezone)}</span>
          <Badge variant={FIRE_BADGE[f.status]}>{f.status}</Badge>
          {f.runId && (
            <Link href={`/runs/${f.runId}`} className="underline underline-offset-2" data-testid="schedule-fire-run">
              run {f.runStatus ? `· ${f.runStatus.replace("_", " ")}` : ""}
            </Link>
          )}
          {f.reason && <span className="text-muted-foreground">{f.reason}</span>}
        </li>
      ))}
    </ol>
  );
}
