"use client";

import { AlertCircle, Braces, Loader2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useState } from "react";
import { toast } from "sonner";
import { ApiError } from "@/components/plans/api";
import { fetchTemplateVersion, publishTemplate, publishTemplateVersion } from "@/components/templates/api";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { isUuid } from "@/lib/ids";
import { pruneParams } from "@/lib/templates/editing";
import { typeParams, type ParamProblem } from "@/lib/templates/params";
import { labelOf } from "@/lib/tools/fields";
import { cn } from "@/lib/utils";
import { useEditor, useEditorStore } from "./editor-context";
import { savedPlan } from "./editor-doc";

const UNNAMED = /^\{\{(\w+)\}\} names no parameter$/;

/**
 * "Save as template": the plan on the canvas with the parameters made on it, published as a new
 * workspace template — or, when the plan came from (or was published as) one of the workspace's own
 * templates, as that template's next version. Parameter problems are shown where they are and block
 * publishing; the server checks the same again.
 */
export function TemplateDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-lg" data-testid="template-dialog">
        {open && <TemplateForm onClose={() => onOpenChange(false)} />}
      </DialogContent>
    </Dialog>
  );
}

function TemplateForm({ onClose }: { onClose: () => void }) {
  const store = useEditorStore();
  const router = useRouter();
  const doc = useEditor((s) => s.doc);
  const working = useEditor((s) => s.working);
  const allParams = useEditor((s) => s.params);
  // Bindings to steps deleted since they were made go with the steps.
  const params = useMemo(() => pruneParams(allParams, working), [allParams, working]);
  const published = useEditor((s) => s.published);
  const pin = useEditor((s) => s.template);
  const canSave = useEditor((s) => s.check.ok);
  // The template this plan can publish a new version of: the one it published, else the one it came from.
  const target = published ?? (pin && isUuid(pin.id) ? { id: pin.id, name: "", version: pin.version } : null);
  const [mode, setMode] = useState<"new" | "version">(target ? "version" : "new");
  const [name, setName] = useState(working.title);
  const [description, setDescription] = useState("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [serverIssues, setServerIssues] = useState<ParamProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    // A plan made from a template publishes with that template's parameters unless it has its own.
    if (target && !published && !store.getState().params.length)
      fetchTemplateVersion(target.id, target.version).then(
        (v) => store.getState().setParams(v.params),
        () => {},
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on opening only
  }, []);

  const problems = useMemo(() => typeParams(working, params).problems, [working, params]);
  const blocked = problems.length > 0 || !canSave || !name.trim() || (mode === "version" && !note.trim());

  const publish = async (e: React.FormEvent) => {
    e.preventDefault();
    if (blocked) return;
    setBusy(true);
    setError(null);
    setServerIssues([]);
    const plan = savedPlan(doc, doc.plan.title);
    try {
      if (mode === "version" && target) {
        const r = await publishTemplateVersion(target.id, { plan, params, changeNote: note.trim(), baseVersion: target.version });
        store.getState().setPublished({ id: target.id, name: target.name || name.trim(), version: r.version });
        toast.success(`Published version ${r.version}`);
      } else {
        const r = await publishTemplate({
          name: name.trim(),
          description: description.trim(),
          plan,
          params,
          ...(note.trim() ? { changeNote: note.trim() } : {}),
        });
        store.getState().setPublished({ id: r.id, name: name.trim(), version: r.version });
        toast.success(`Published “${name.trim()}” as a template`, { action: { label: "Open templates", onClick: () => router.push("/templates") } });
      }
      onClose();
    } catch (err) {
      const issues = err instanceof ApiError && Array.isArray(err.body.issues) ? (err.body.issues as ParamProblem[]) : [];
      setServerIssues(issues);
      setError(err instanceof ApiError && err.status === 409 ? `Someone published meanwhile: ${err.message}` : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const shown = [...problems, ...serverIssues];
  return (
    <>
      <DialogHeader>
        <DialogTitle>Save as template</DialogTitle>
        <DialogDescription>
          Publishes this plan to the workspace&apos;s{" "}
          <Link href="/templates" className="underline underline-offset-2">
            templates
          </Link>{" "}
          with {params.length === 1 ? "1 parameter" : `${params.length} parameters`}. Versions are never overwritten.
        </DialogDescription>
      </DialogHeader>
      <form className="flex flex-col gap-4" onSubmit={publish} noValidate>
        {target && (
          <div role="radiogroup" aria-label="Publish as" className="grid grid-cols-2 gap-2">
            {(["version", "new"] as const).map((m) => (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={mode === m}
                data-testid={`template-mode-${m}`}
                onClick={() => setMode(m)}
                className={cn(
                  "rounded-md border p-2 text-left text-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
                  mode === m ? "border-primary bg-primary/5" : "hover:bg-accent",
                )}
              >
                <span className="block font-medium">{m === "version" ? "Publish new version" : "New template"}</span>
                <span className="block text-xs text-muted-foreground">
                  {m === "version" ? `of ${target.name || "the template"}, after v${target.version}` : "a separate template, v1"}
                </span>
              </button>
            ))}
          </div>
        )}
        {mode === "new" && (
          <>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${id}-name`}>Name</Label>
              <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} aria-invalid={!name.trim() ? true : undefined} />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${id}-desc`}>Description</Label>
              <Textarea id={`${id}-desc`} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
            </div>
          </>
        )}
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-note`}>Change note{mode === "version" ? "" : " (optional)"}</Label>
          <Input
            id={`${id}-note`}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={mode === "version" ? "What changed in this version" : "First version"}
            maxLength={2000}
          />
        </div>

        <section aria-label="Parameters" className="flex flex-col gap-2">
          <h3 className="text-sm font-medium">Parameters</h3>
          {params.length === 0 ? (
            <p className="text-xs text-muted-foreground">None yet: select a step and make one of its inputs a parameter, or use {"{{name}}"} in its text.</p>
          ) : (
            <ul className="flex flex-wrap gap-1.5" data-testid="template-params">
              {params.map((p) => (
                <li key={p.name} className="inline-flex items-center gap-1 rounded-full border px-2 py-0.5 font-mono text-xs">
                  <Braces className="size-3 text-violet-600 dark:text-violet-300" aria-hidden /> {p.name}
                  <span className="font-sans text-muted-foreground">
                    {p.bindings.length ? `→ ${p.bindings.length} input${p.bindings.length === 1 ? "" : "s"}` : "text only"}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {shown.length > 0 && (
            <div role="alert" data-testid="template-problems">
              <ul className="flex flex-col gap-1.5 rounded-md border border-destructive/40 p-2">
                {shown.map((p, i) => {
                  const unnamed = UNNAMED.exec(p.message)?.[1];
                  return (
                    <li key={`${p.path}:${i}`} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
                      <AlertCircle className="size-3.5 shrink-0 text-destructive" aria-hidden />
                      <code className="font-mono">{p.path}</code>
                      <span>{p.message}</span>
                      {unnamed && (
                        <Button
                          type="button"
                          size="sm"
                          variant="outline"
                          className="ml-auto h-6 text-xs"
                          data-testid="add-text-param"
                          onClick={() =>
                            store.getState().setParams([...store.getState().params, { name: unnamed, label: labelOf(unnamed), required: true, bindings: [] }])
                          }
                        >
                          Add {unnamed} as a parameter
                        </Button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
          {!canSave && <p className="text-xs text-destructive">Fix the plan&apos;s problems first (Issues).</p>}
        </section>
        {error && (
          <p role="alert" className="text-sm text-destructive" data-testid="template-error">
            {error}
          </p>
        )}
        <DialogFooter>
          <Button type="button" variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={blocked || busy} data-testid="template-publish">
            {busy && <Loader2 className="animate-spin" aria-hidden />}
            {mode === "version" ? "Publish new version" : "Publish template"}
          </Button>
        </DialogFooter>
      </form>
    </>
  );
}
