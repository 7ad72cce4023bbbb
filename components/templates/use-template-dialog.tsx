"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2, Wand2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { useForm, useWatch, type FieldValues, type Resolver } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Field } from "@/components/canvas/input-collection-fields";
import { cleanInput, FieldCopyContext, SchemaContext } from "@/components/canvas/input-fields";
import { PlanPreview } from "@/components/canvas/plan-preview";
import { ApiError, createPlan, runTemplate } from "@/components/plans/api";
import { useIdempotencyKey } from "@/components/runs/use-idempotency-key";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { validatePlan } from "@/lib/plan/validate";
import { instantiate, typeParams, type TypedParam } from "@/lib/templates/params";
import { fetchTemplate, fetchTemplateVersion, instantiateTemplate, type TemplateDetail } from "./api";

const COPY = { required: "Required", requiredSr: " (required)", emptyRequired: "required" };

/** "Use": the template's parameters as a form (the inspector's fields), a live preview, then a new plan. */
export function UseTemplateDialog({
  id,
  name,
  values,
  label = "Use",
  version,
}: {
  id: string;
  name: string;
  /** Values to start the form with (a suggestion from a goal); the user edits them. */
  values?: Record<string, unknown>;
  label?: string;
  version?: number;
}) {
  const [open, setOpen] = useState(false);
  const [detail, setDetail] = useState<TemplateDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open || detail) return;
    (version ? fetchTemplateVersion(id, version) : fetchTemplate(id)).then(setDetail, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [open, detail, id, version]);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" data-testid="use-template">
          <Wand2 /> {label}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>{name}</DialogTitle>
          <DialogDescription>Fill in the parameters; the plan below follows. Create it to edit it on the canvas or run it.</DialogDescription>
        </DialogHeader>
        {error ? (
          <p className="text-sm text-destructive" role="alert">
            Could not load the template: {error}
          </p>
        ) : !detail ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <Loader2 className="size-4 animate-spin" aria-hidden /> Loading the template…
          </p>
        ) : (
          <UseForm detail={detail} values={values} onDone={() => setOpen(false)} />
        )}
      </DialogContent>
    </Dialog>
  );
}

function UseForm({ detail, values, onDone }: { detail: TemplateDetail; values?: Record<string, unknown>; onDone: () => void }) {
  const router = useRouter();
  const base = useMemo(() => {
    const v = validatePlan(detail.plan);
    return v.ok ? v.plan : null;
  }, [detail.plan]);
  const typed: TypedParam[] = useMemo(() => (base ? typeParams(base, detail.params).typed : []), [base, detail.params]);
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
      ...Object.fromEntries(Object.entries(values ?? {}).filter(([k]) => typed.some((t) => t.param.name === k))),
    }),
    [typed, values],
  );
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema as z.ZodType<FieldValues, FieldValues>) as Resolver<FieldValues>,
    mode: "onChange",
    defaultValues: defaults,
  });
  const watched = useWatch({ control: form.control });
  const preview = useMemo(
    () => (base ? instantiate(base, detail.params, (cleanInput(watched) ?? {}) as Record<string, unknown>).plan : null),
    [base, detail.params, watched],
  );
  const [busy, setBusy] = useState(false);
  const runKey = useIdempotencyKey();

  const showProblems = (e: unknown) => {
    const issues = e instanceof ApiError && Array.isArray(e.body.issues) ? (e.body.issues as { path: string; message: string }[]) : [];
    for (const issue of issues) if (issue.path.startsWith("params.")) form.setError(issue.path.slice(7), { message: issue.message });
    toast.error(e instanceof Error ? e.message : String(e));
  };

  const submit = form.handleSubmit(async (raw) => {
    setBusy(true);
    try {
      const made = await instantiateTemplate(detail.templateId, detail.version, (cleanInput(raw) ?? {}) as Record<string, unknown>);
      const saved = await createPlan(made.plan, { id: detail.templateId, version: made.version, params: made.values });
      toast.success(`Created “${made.plan.title}” from the template`);
      onDone();
      router.push(`/plans/${saved.id}`);
    } catch (e) {
      showProblems(e);
    } finally {
      setBusy(false);
    }
  });

  // "Run now": the run of this version with these values (the server keeps a plan pinned to it, for the record).
  const runNow = form.handleSubmit(async (raw) => {
    setBusy(true);
    try {
      const { runId } = await runTemplate(detail.templateId, detail.version, (cleanInput(raw) ?? {}) as Record<string, unknown>, runKey.current());
      runKey.settle();
      toast.success("Run started");
      onDone();
      router.push(`/runs/${runId}`);
    } catch (e) {
      if (e instanceof ApiError) runKey.settle(); // answered: the next click is a new request
      showProblems(e);
    } finally {
      setBusy(false);
    }
  });

  if (!base) return <p className="text-sm text-destructive">The plan in this template is not valid.</p>;
  return (
    <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
      <FieldCopyContext.Provider value={COPY}>
        <SchemaContext.Provider value={schema}>
          <form className="flex flex-col gap-4" onSubmit={submit} noValidate data-testid="template-form">
            {typed.length === 0 && <p className="text-sm text-muted-foreground">This template has no parameters.</p>}
            {typed.map((t) => (
              <Field key={t.param.name} spec={t.field} path={t.param.name} control={form.control} register={form.register} />
            ))}
            <DialogFooter>
              <Button type="button" variant="outline" disabled={busy} onClick={() => void runNow()} data-testid="run-template">
                Run now
              </Button>
              <Button type="submit" disabled={busy} data-testid="create-from-template">
                {busy && <Loader2 className="animate-spin" aria-hidden />} Create plan
              </Button>
            </DialogFooter>
          </form>
        </SchemaContext.Provider>
      </FieldCopyContext.Provider>
      <div className="flex min-h-72 flex-col gap-2">
        <p className="truncate text-sm font-medium" data-testid="template-preview-title">
          {preview?.title}
        </p>
        <div className="min-h-64 flex-1 rounded-md border">{preview && <PlanPreview plan={preview} />}</div>
      </div>
    </div>
  );
}
