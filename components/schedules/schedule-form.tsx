"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { CalendarClock, Loader2 } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Field } from "@/components/canvas/input-collection-fields";
import { cleanInput, FieldCopyContext, SchemaContext } from "@/components/canvas/input-fields";
import { ApiError } from "@/components/plans/api";
import { fetchTemplate, type TemplateDetail } from "@/components/templates/api";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { validatePlan } from "@/lib/plan/validate";
import { typeParams, type TypedParam } from "@/lib/templates/params";
import { describeCron, formatFire, nextFires, parseCron } from "@/lib/triggers/cron";
import { createSchedule, type Overlap, type ScheduleRow, type ScheduleTarget } from "./api";

const COPY = { required: "Required", requiredSr: " (required)", emptyRequired: "required" };

const PRESETS: { label: string; cron: string }[] = [
  { label: "Every minute", cron: "* * * * *" },
  { label: "Hourly", cron: "0 * * * *" },
  { label: "Weekdays 09:00", cron: "0 9 * * 1-5" },
  { label: "Mondays 09:00", cron: "0 9 * * 1" },
];

const OVERLAP: Record<Overlap, string> = {
  skip: "Skip the fire while the previous run is unfinished",
  queue: "Queue one fire; start it when the previous run finishes",
  allow: "Start anyway (runs may overlap)",
};

const browserZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
};

/** The cron and zone read back in words with the next fire times, as the user types. */
export function CronPreview({ cron, timezone }: { cron: string; timezone: string }) {
  const parsed = useMemo(() => parseCron(cron, timezone), [cron, timezone]);
  if (!parsed.ok)
    return (
      <p className="text-sm text-destructive" role="alert" data-testid="cron-error">
        {parsed.issues.map((i) => `${i.path === "cron" ? "Cron" : "Time zone"}: ${i.message}`).join("; ")}
      </p>
    );
  const next = nextFires(parsed.cron, new Date(), 5);
  return (
    <div className="rounded-md border bg-muted/40 p-3 text-sm" data-testid="cron-preview">
      <p className="font-medium">
        {describeCron(cron)} {timezone}
      </p>
      <p className="mt-1 text-muted-foreground">Next: {next.map((d) => formatFire(d, timezone)).join(" · ") || "never"}</p>
    </div>
  );
}

/** Creates a schedule on a plan or template: cron + zone with a live preview, values, overlap, auto-pause. */
export function ScheduleForm({ target, defaultName, onCreated }: { target: ScheduleTarget; defaultName: string; onCreated: (s: ScheduleRow) => void }) {
  const [name, setName] = useState(defaultName);
  const [cron, setCron] = useState("0 9 * * 1");
  const [timezone, setTimezone] = useState(browserZone);
  const [overlap, setOverlap] = useState<Overlap>("skip");
  const [maxFailures, setMaxFailures] = useState("3");
  const [pin, setPin] = useState<string>("latest");
  const [busy, setBusy] = useState(false);
  const [detail, setDetail] = useState<TemplateDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const zones = useMemo(() => {
    try {
      return Intl.supportedValuesOf("timeZone");
    } catch {
      return [];
    }
  }, []);

  useEffect(() => {
    if (target.kind !== "template") return;
    fetchTemplate(target.templateId).then(setDetail, (e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)));
  }, [target]);

  const typed: TypedParam[] = useMemo(() => {
    if (!detail) return [];
    const v = validatePlan(detail.plan);
    return v.ok ? typeParams(v.plan, detail.params).typed : [];
  }, [detail]);
  const schema = useMemo(
    () =>
      z.object(
        Object.fromEntries(typed.map((t) => [t.param.name, t.param.required && t.field.defaultValue === undefined ? t.schemas[0]! : t.schemas[0]!.optional()])),
      ),
    [typed],
  );
  const defaults = useMemo(
    () => ({
      ...Object.fromEntries(typed.filter((t) => t.field.defaultValue !== undefined).map((t) => [t.param.name, t.field.defaultValue])),
      ...Object.fromEntries(Object.entries(detail?.example ?? {}).filter(([k]) => typed.some((t) => t.param.name === k))),
    }),
    [typed, detail],
  );
  const form = useForm<FieldValues>({ resolver: zodResolver(schema as z.ZodType<FieldValues, FieldValues>) as Resolver<FieldValues>, mode: "onChange" });
  useEffect(() => form.reset(defaults), [defaults, form]);

  const latestVersion = target.kind === "template" ? (detail?.version ?? 1) : null;

  const submit = form.handleSubmit(async (raw) => {
    setBusy(true);
    try {
      const version = pin === "latest" ? null : Number(pin);
      const made = await createSchedule({
        name,
        target: { ...target, version },
        params: target.kind === "template" ? ((cleanInput(raw) ?? {}) as Record<string, unknown>) : {},
        cron,
        timezone,
        overlap,
        maxFailures: Number(maxFailures),
      });
      toast.success(`Scheduled “${made.name}”`, { description: made.description });
      onCreated(made);
    } catch (e) {
      const issues = e instanceof ApiError && Array.isArray(e.body.issues) ? (e.body.issues as { path: string; message: string }[]) : [];
      for (const i of issues) if (i.path.startsWith("params.")) form.setError(i.path.slice(7), { message: i.message });
      toast.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  });

  return (
    <form className="flex flex-col gap-4" onSubmit={submit} noValidate data-testid="schedule-form">
      <div className="grid gap-1.5">
        <Label htmlFor="schedule-name">Name</Label>
        <Input id="schedule-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="schedule-cron">Cron (minute hour day month weekday)</Label>
        <Input id="schedule-cron" value={cron} onChange={(e) => setCron(e.target.value)} className="font-mono" spellCheck={false} data-testid="schedule-cron" />
        <div className="flex flex-wrap gap-1">
          {PRESETS.map((p) => (
            <Button
              key={p.cron}
              type="button"
              size="sm"
              variant={cron === p.cron ? "secondary" : "outline"}
              className="h-7 text-xs"
              onClick={() => setCron(p.cron)}
            >
              {p.label}
            </Button>
          ))}
        </div>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="schedule-tz">Time zone</Label>
        <Input
          id="schedule-tz"
          value={timezone}
          onChange={(e) => setTimezone(e.target.value)}
          list="schedule-zones"
          spellCheck={false}
          data-testid="schedule-tz"
        />
        <datalist id="schedule-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <CronPreview cron={cron} timezone={timezone} />
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="grid gap-1.5">
          <Label htmlFor="schedule-version">Version</Label>
          <Select value={pin} onValueChange={setPin}>
            <SelectTrigger id="schedule-version" className="w-full">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="latest">{target.kind === "plan" ? "Latest saved version" : "Latest published version"}</SelectItem>
              {target.kind === "template" &&
                latestVersion &&
                Array.from({ length: latestVersion }, (_, i) => latestVersion - i).map((v) => (
                  <SelectItem key={v} value={String(v)}>
                    Pinned: version {v}
                  </SelectItem>
                ))}
              {target.kind === "plan" && target.version && <SelectItem value={String(target.version)}>Pinned: version {target.version}</SelectItem>}
            </SelectContent>
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="schedule-failures">Pause after failed runs in a row</Label>
          <Input id="schedule-failures" type="number" min={0} max={100} value={maxFailures} onChange={(e) => setMaxFailures(e.target.value)} />
        </div>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="schedule-overlap">If the previous run is still unfinished</Label>
        <Select value={overlap} onValueChange={(v) => setOverlap(v as Overlap)}>
          <SelectTrigger id="schedule-overlap" className="w-full">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {(Object.keys(OVERLAP) as Overlap[]).map((k) => (
              <SelectItem key={k} value={k}>
                {OVERLAP[k]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {target.kind === "template" && (
        <fieldset className="flex flex-col gap-3 rounded-md border p-3">
          <legend className="px-1 text-sm font-medium">Values for each run</legend>
          {loadError ? (
            <p className="text-sm text-destructive">Could not load the template: {loadError}</p>
          ) : !detail ? (
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              <Loader2 className="size-4 animate-spin" aria-hidden /> Loading the parameters…
            </p>
          ) : typed.length === 0 ? (
            <p className="text-sm text-muted-foreground">This template has no parameters.</p>
          ) : (
            <FieldCopyContext.Provider value={COPY}>
              <SchemaContext.Provider value={schema}>
                {typed.map((t) => (
                  <Field key={t.param.name} spec={t.field} path={t.param.name} control={form.control} register={form.register} />
                ))}
              </SchemaContext.Provider>
            </FieldCopyContext.Provider>
          )}
        </fieldset>
      )}
      <Button type="submit" disabled={busy || !parseCron(cron, timezone).ok} data-testid="create-schedule">
        {busy ? <Loader2 className="animate-spin" aria-hidden /> : <CalendarClock />} Create schedule
      </Button>
    </form>
  );
}
