"use client";

import { Download, LayoutTemplate, Search, ShieldCheck, Upload } from "lucide-react";
import { SchedulesSheet } from "@/components/schedules/schedules-sheet";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ToolIcon } from "@/components/canvas/tool-icon";
import { getTool } from "@/lib/tools/catalog";
import type { TemplateCard } from "./api";
import { WebhooksSheet } from "@/components/webhooks/webhooks-sheet";
import { UseTemplateDialog } from "./use-template-dialog";

export interface GalleryItem extends TemplateCard {
  /** The tools of its steps, in order, and how many steps wait for approval. */
  tools: string[];
  gates: number;
  params: { name: string; label: string }[];
}

/** The workspace's templates and the starters, searchable by name, description and parameters. */
export function TemplateGallery({ items }: { items: GalleryItem[] }) {
  const [query, setQuery] = useState("");
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return items;
    return items.filter((t) => [t.name, t.description, ...t.params.map((p) => p.label)].join(" ").toLowerCase().includes(q));
  }, [items, query]);
  const own = shown.filter((t) => !t.starter);
  const starters = shown.filter((t) => t.starter);
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 p-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Templates</h1>
          <p className="text-sm text-muted-foreground">Plans with parameters: fill in the form and get a plan to edit or run.</p>
        </div>
        <div className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
          <ImportButton />
          <label className="relative w-full sm:w-72">
            <span className="sr-only">Search templates</span>
            <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
            <Input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search templates" className="pl-8" data-testid="template-search" />
          </label>
        </div>
      </div>
      {shown.length === 0 ? (
        <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed p-12 text-center" data-testid="templates-empty">
          <LayoutTemplate className="size-8 text-muted-foreground" aria-hidden />
          <p className="font-medium">No template matches “{query}”</p>
          <p className="text-sm text-muted-foreground">Try another word, or clear the search.</p>
        </div>
      ) : (
        <>
          <Section
            title="This workspace"
            items={own}
            empty="No templates of your own yet: open a plan and choose Save as template, or import a template file."
          />
          <Section title="Starter templates" items={starters} />
        </>
      )}
    </div>
  );
}

function Section({ title, items, empty }: { title: string; items: GalleryItem[]; empty?: string }) {
  if (!items.length && !empty) return null;
  return (
    <section className="flex flex-col gap-3" aria-label={title}>
      <h2 className="text-sm font-medium text-muted-foreground">{title}</h2>
      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground">{empty}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {items.map((t) => (
            <li key={t.id} className="flex flex-col gap-3 rounded-lg border bg-card p-4" data-testid="template-card" data-template={t.id}>
              <div className="flex items-start justify-between gap-2">
                <h3 className="font-medium">{t.name}</h3>
                {!t.starter && <Badge variant="secondary">v{t.latestVersion}</Badge>}
              </div>
              <p className="text-sm text-muted-foreground">{t.description}</p>
              <div className="flex flex-wrap items-center gap-1.5" aria-label="Steps">
                {t.tools.map((tool, i) => (
                  <span key={i} className="inline-flex size-6 items-center justify-center rounded border bg-muted" title={getTool(tool)?.title ?? tool}>
                    {/* The card lists tool names; the icon is the tool's own (an unknown tool gets the generic one). */}
                    <ToolIcon name={getTool(tool)?.icon} className="size-3.5" />
                    <span className="sr-only">{tool}</span>
                  </span>
                ))}
                {t.gates > 0 && (
                  <span className="ml-1 inline-flex items-center gap-1 text-xs text-muted-foreground">
                    <ShieldCheck className="size-3.5" aria-hidden /> {t.gates} approval{t.gates === 1 ? "" : "s"}
                  </span>
                )}
              </div>
              <div className="mt-auto flex flex-wrap items-center justify-between gap-2">
                <span className="text-xs text-muted-foreground">
                  {t.params.length ? `Asks for: ${t.params.map((p) => p.label).join(", ")}` : "No parameters"}
                </span>
                <div className="flex items-center gap-1">
                  <Button variant="ghost" size="icon" asChild>
                    <a href={`/api/templates/${encodeURIComponent(t.id)}/export`} download aria-label={`Export ${t.name} as a file`} title="Export as a file">
                      <Download />
                    </a>
                  </Button>
                  <WebhooksSheet
                    target={{ kind: "template", id: t.id, version: t.starter ? undefined : t.latestVersion }}
                    name={t.name}
                    sampleBody={Object.fromEntries(t.params.map((p) => [p.name, `your ${p.label.toLowerCase()}`]))}
                    compact
                  />
                  <SchedulesSheet target={{ kind: "template", templateId: t.id, version: null }} name={t.name} triggerVariant="ghost" compact="always" />
                  <UseTemplateDialog id={t.id} name={t.name} />
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Imports a template file (exported from this or another Planvas) into this workspace. */
function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  async function importFile(file: File) {
    setBusy(true);
    try {
      let body: unknown;
      try {
        body = JSON.parse(await file.text());
      } catch (e) {
        toast.error(`${file.name} is not JSON`, { description: (e as Error).message });
        return;
      }
      const res = await fetch("/api/templates/import", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const answer = (await res.json().catch(() => ({}))) as { error?: string; issues?: { path: string; message: string }[]; notes?: string[] };
      if (!res.ok) {
        const first = answer.issues?.[0];
        toast.error(answer.error ?? `Import failed (HTTP ${res.status})`, { description: first ? `${first.path}: ${first.message}` : undefined });
        return;
      }
      toast.success(`Imported ${file.name}`, { description: answer.notes?.length ? answer.notes.join("\n") : undefined });
      router.refresh();
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        data-testid="template-import-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void importFile(f);
        }}
      />
      <Button variant="outline" size="sm" disabled={busy} onClick={() => input.current?.click()}>
        <Upload /> Import
      </Button>
    </>
  );
}
