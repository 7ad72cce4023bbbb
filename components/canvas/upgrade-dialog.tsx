"use client";

import { AlertTriangle, ArrowUpCircle, Braces, Loader2 } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { toast } from "sonner";
import { fetchTemplateVersion, listTemplates, type TemplateDetail } from "@/components/templates/api";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { diffPlans } from "@/lib/plan/diff";
import { prepareUpgrade } from "@/lib/templates/editing";
import type { StepOutcome } from "@/lib/templates/upgrade";
import { cn } from "@/lib/utils";
import { useEditor, useEditorStore } from "./editor-context";
import { PlanDiffView } from "./plan-diff-view";

const OUTCOME: Record<StepOutcome["kind"], string> = {
  unchanged: "Unchanged",
  template: "Template's change",
  mine: "Your edit kept",
  merged: "Both merged",
  added_by_template: "Added by the template",
  added_by_me: "Your step kept",
  removed_by_template: "Removed by the template",
  removed_by_me: "Your removal kept",
  conflict: "Conflict",
  conflict_removed: "Conflict",
};

/** Under the toolbar of a plan made from a template: where it came from, and a newer version to upgrade to. */
export function TemplateBanner() {
  const pin = useEditor((s) => s.template);
  const [info, setInfo] = useState<{ name: string; latest: number } | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!pin) return;
    let live = true;
    listTemplates().then(
      (all) => {
        const t = all.find((x) => x.id === pin.id);
        if (live && t) setInfo({ name: t.name, latest: t.latestVersion });
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [pin]);
  if (!pin) return null;
  const newer = info && info.latest > pin.version ? info.latest : null;
  return (
    <div className="flex flex-wrap items-center gap-2 border-b bg-muted/40 px-3 py-1.5 text-xs" data-testid="template-banner">
      <Braces className="size-3.5 text-violet-600 dark:text-violet-300" aria-hidden />
      <span>
        from{" "}
        <Link href="/templates" className="font-medium underline-offset-2 hover:underline">
          {info?.name ?? "a template"}
        </Link>{" "}
        v{pin.version}
        {newer && <span className="font-medium"> · v{newer} available</span>}
      </span>
      {newer && (
        <Button size="sm" variant="outline" className="h-6 text-xs" onClick={() => setOpen(true)} data-testid="template-upgrade">
          <ArrowUpCircle /> Upgrade
        </Button>
      )}
      {newer && open && <UpgradeDialog templateName={info!.name} to={newer} onClose={() => setOpen(false)} />}
    </div>
  );
}

function UpgradeDialog({ templateName, to, onClose }: { templateName: string; to: number; onClose: () => void }) {
  const store = useEditorStore();
  const pin = useEditor((s) => s.template)!;
  const working = useEditor((s) => s.working);
  const [versions, setVersions] = useState<{ from: TemplateDetail; to: TemplateDetail } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, "mine" | "template">>({});
  useEffect(() => {
    Promise.all([fetchTemplateVersion(pin.id, pin.version), fetchTemplateVersion(pin.id, to)]).then(
      ([from, next]) => setVersions({ from, to: next }),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [pin.id, pin.version, to]);
  const prepared = useMemo(
    () => (versions ? prepareUpgrade(versions.from, versions.to, pin.params, working, choices) : null),
    [versions, pin.params, working, choices],
  );
  const diff = useMemo(() => (prepared ? diffPlans(working, prepared.merge.plan) : null), [prepared, working]);

  const accept = () => {
    if (!prepared) return;
    store.getState().acceptUpgrade(prepared.merge.plan, { id: pin.id, version: to, params: prepared.values });
    toast.success(`Upgraded to ${templateName} v${to}: save to keep it`);
    onClose();
  };

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl" data-testid="upgrade-dialog">
        <DialogHeader>
          <DialogTitle>
            Upgrade to {templateName} v{to}
          </DialogTitle>
          <DialogDescription>
            The template&apos;s changes since v{pin.version} merged into this plan, step by step. Your own edits stay unless both changed the same thing: then
            you choose.
          </DialogDescription>
        </DialogHeader>
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            Could not load the versions: {error}
          </p>
        ) : !prepared || !diff ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <Loader2 className="size-4 animate-spin" aria-hidden /> Loading both versions…
          </p>
        ) : (
          <div className="flex flex-col gap-4">
            {(prepared.changes.length > 0 || prepared.problems.length > 0) && (
              <section
                aria-label="Parameter changes"
                className="flex flex-col gap-1 rounded-md border border-approval/50 p-2"
                data-testid="upgrade-param-changes"
              >
                {prepared.changes.map((c) => (
                  <p key={`${c.kind}:${c.name}`} className="flex gap-1.5 text-xs" data-kind={c.kind}>
                    <AlertTriangle className="mt-0.5 size-3.5 shrink-0 text-approval" aria-hidden /> {c.message}
                  </p>
                ))}
              </section>
            )}
            {Object.keys(prepared.values).length > 0 && (
              <p className="text-xs text-muted-foreground">
                Carried over:{" "}
                {Object.entries(prepared.values)
                  .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
                  .join(", ")}
              </p>
            )}
            <section aria-label="Steps">
              <h3 className="mb-2 text-sm font-medium">Steps</h3>
              <ul className="flex flex-col gap-1.5" data-testid="upgrade-outcomes">
                {prepared.merge.steps.map((o) => {
                  const conflict = o.kind === "conflict" || o.kind === "conflict_removed";
                  return (
                    <li
                      key={o.id}
                      data-testid="upgrade-outcome"
                      data-step-id={o.id}
                      data-kind={o.kind}
                      className={cn("flex flex-wrap items-center gap-2 rounded-md border px-2 py-1.5 text-xs", conflict && "border-destructive/60")}
                    >
                      <code className="font-mono">{o.id}</code>
                      <span className={cn(conflict ? "font-medium text-destructive" : "text-muted-foreground")}>{OUTCOME[o.kind]}</span>
                      {o.kind === "conflict" && <span className="text-muted-foreground">({o.fields.join(", ")})</span>}
                      {o.kind === "conflict_removed" && (
                        <span className="text-muted-foreground">
                          {o.removedBy === "template" ? "(the template removed it, you changed it)" : "(you removed it, the template changed it)"}
                        </span>
                      )}
                      {conflict && (
                        <span role="radiogroup" aria-label={`Resolve ${o.id}`} className="ml-auto flex gap-1">
                          {(["mine", "template"] as const).map((c) => (
                            <Button
                              key={c}
                              type="button"
                              size="sm"
                              role="radio"
                              aria-checked={(choices[o.id] ?? "mine") === c}
                              variant={(choices[o.id] ?? "mine") === c ? "default" : "outline"}
                              className="h-6 text-xs"
                              data-testid={`resolve-${c}`}
                              onClick={() => setChoices((ch) => ({ ...ch, [o.id]: c }))}
                            >
                              {c === "mine" ? "Keep mine" : "Take the template's"}
                            </Button>
                          ))}
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
            <section aria-label="What changes on the canvas">
              <h3 className="mb-2 text-sm font-medium">On the canvas</h3>
              <PlanDiffView diff={diff} />
            </section>
          </div>
        )}
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={accept} disabled={!prepared} data-testid="upgrade-accept">
            Upgrade to v{to}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
