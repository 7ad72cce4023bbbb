"use client";

import { Braces, X } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { PARAM_NAME } from "@/lib/templates/params";
import { catalog } from "@/lib/tools/catalog";
import { objectFields, type FieldSpec } from "@/lib/tools/fields";
import { useEditor, useEditorStore } from "./editor-context";

/** "maxResults" → "max_results": a parameter name from an input's name. */
const paramNameOf = (input: string) =>
  input
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toLowerCase()
    .replace(/^[^a-z]+/, "")
    .slice(0, 40) || "value";

const shown = (v: unknown) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));

/** The default as typed into the form, read as the input's kind takes it (a number, a list as JSON …). */
export function parseDefault(kind: FieldSpec["kind"], text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const t = text.trim();
  if (t === "") return { ok: true, value: undefined };
  if (kind === "string" || kind === "text" || kind === "enum") return { ok: true, value: text };
  if (kind === "number") return Number.isFinite(Number(t)) ? { ok: true, value: Number(t) } : { ok: false, message: "a number expected" };
  if (kind === "boolean") return t === "true" || t === "false" ? { ok: true, value: t === "true" } : { ok: false, message: "true or false expected" };
  try {
    return { ok: true, value: JSON.parse(t) as unknown };
  } catch {
    return { ok: false, message: "JSON expected" };
  }
}

/** In the inspector: which of the step's inputs are template parameters, and making one a parameter. */
export function StepParams({ stepId, toolName, input }: { stepId: string; toolName: string; input: Record<string, unknown> }) {
  const store = useEditorStore();
  const params = useEditor((s) => s.params);
  const fields = useMemo(() => {
    const schema = catalog.inputFieldsOf(toolName);
    return schema ? objectFields(schema) : [];
  }, [toolName]);
  const slots = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of params) for (const b of p.bindings) if (b.stepId === stepId) m.set(b.path.join("."), p.name);
    return m;
  }, [params, stepId]);
  const [making, setMaking] = useState<string | null>(null);
  const free = fields.filter((f) => !slots.has(f.name));

  return (
    <div className="flex flex-col gap-2" data-testid="step-params">
      <div>
        <h3 className="text-sm font-medium">Template parameters</h3>
        <p className="text-xs text-muted-foreground">
          Inputs a template user fills in. Text may also use placeholders such as <code className="font-mono">{"{{topic}}"}</code>.
        </p>
      </div>
      {slots.size > 0 && (
        <ul className="flex flex-col gap-1.5">
          {[...slots].map(([path, name]) => (
            <li key={path} className="flex items-center gap-2 text-xs" data-testid="step-param">
              <code className="font-mono">{path}</code>
              <span aria-hidden>←</span>
              <Badge variant="outline" className="gap-1 border-violet-500/50 font-mono text-violet-700 dark:text-violet-300">
                <Braces aria-hidden /> {name}
              </Badge>
              <Button
                variant="ghost"
                size="icon"
                className="ml-auto size-6"
                aria-label={`${path} is no longer the parameter ${name}`}
                onClick={() => store.getState().unbindParam(stepId, path.split("."))}
              >
                <X />
              </Button>
            </li>
          ))}
        </ul>
      )}
      {free.length > 0 && (
        <Select value="" onValueChange={setMaking}>
          <SelectTrigger size="sm" className="w-full" aria-label="Make this a parameter" data-testid="make-param">
            <SelectValue placeholder="Make an input a parameter…" />
          </SelectTrigger>
          <SelectContent>
            {free.map((f) => (
              <SelectItem key={f.name} value={f.name}>
                {f.label} <span className="font-mono text-muted-foreground">{f.name}</span>
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      )}
      {making && (
        <MakeParamDialog
          field={fields.find((f) => f.name === making)!}
          current={input[making]}
          taken={params.map((p) => p.name)}
          onClose={() => setMaking(null)}
          onSave={(param) => {
            store.getState().bindParam(param, { stepId, path: [making] });
            setMaking(null);
          }}
        />
      )}
    </div>
  );
}

function MakeParamDialog({
  field,
  current,
  taken,
  onClose,
  onSave,
}: {
  field: FieldSpec;
  current: unknown;
  taken: string[];
  onClose: () => void;
  onSave: (param: { name: string; label: string; description?: string; default?: unknown; required: boolean }) => void;
}) {
  const id = useId();
  const [name, setName] = useState(paramNameOf(field.name));
  const [label, setLabel] = useState(field.label);
  const [description, setDescription] = useState("");
  const [def, setDef] = useState(shown(current ?? field.defaultValue));
  const [required, setRequired] = useState(true);
  const nameError = !PARAM_NAME.test(name) ? "lowercase letters, digits and _, starting with a letter (at most 40)" : null;
  const parsed = parseDefault(field.kind, def);
  const joins = taken.includes(name);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (nameError || !parsed.ok || !label.trim()) return;
    onSave({
      name,
      label: label.trim(),
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(parsed.value !== undefined ? { default: parsed.value } : {}),
      required,
    });
  };
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="sm:max-w-md" data-testid="param-dialog">
        <DialogHeader>
          <DialogTitle>Make “{field.label}” a parameter</DialogTitle>
          <DialogDescription>
            Whoever uses the template fills it in; its type is the input&apos;s own ({field.kind}
            {field.integer ? ", whole number" : ""}).
          </DialogDescription>
        </DialogHeader>
        <form className="flex flex-col gap-3" onSubmit={submit} noValidate>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-name`}>Name</Label>
            <Input id={`${id}-name`} className="font-mono" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={nameError ? true : undefined} />
            {nameError ? (
              <p role="alert" className="text-xs font-medium text-destructive">
                {nameError}
              </p>
            ) : (
              <p className="text-xs text-muted-foreground">{joins ? `Also feeds the existing parameter ${name}.` : <>Use it in text as {`{{${name}}}`}.</>}</p>
            )}
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-label`}>Label</Label>
            <Input id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value)} aria-invalid={!label.trim() ? true : undefined} />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-desc`}>Description</Label>
            <Input id={`${id}-desc`} value={description} onChange={(e) => setDescription(e.target.value)} placeholder="Optional: a hint for the form" />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-default`}>Default</Label>
            <Input id={`${id}-default`} value={def} onChange={(e) => setDef(e.target.value)} aria-invalid={!parsed.ok ? true : undefined} />
            {!parsed.ok && (
              <p role="alert" className="text-xs font-medium text-destructive">
                {parsed.message}
              </p>
            )}
          </div>
          <div className="flex items-center justify-between gap-3">
            <Label htmlFor={`${id}-required`}>Required</Label>
            <Switch id={`${id}-required`} checked={required} onCheckedChange={setRequired} />
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" data-testid="param-save" disabled={!!nameError || !parsed.ok || !label.trim()}>
              Make it a parameter
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
