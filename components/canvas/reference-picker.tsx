"use client";

import { Braces, X } from "lucide-react";
import { createContext, useContext, useMemo } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { describeType, matchReferences, referenceName, referenceOptions, referenceToken, wholeReference } from "@/lib/plan/references";
import type { PlanStep } from "@/lib/plan/schema";
import { getTool } from "@/lib/tools/catalog";

// "Insert reference": an input takes an earlier step's output, `{{steps.<id>.output.<path>}}`. The
// picker offers only the ancestors' output fields whose type fits the input (lib/plan/references.ts);
// the value is put in when the step runs and the model cannot change it.

/** The plan and the step whose inputs the form edits (absent outside the editor: no picker). */
export const ReferencesContext = createContext<{ steps: readonly PlanStep[]; stepId: string } | null>(null);

/** Whether a field at this form path can take a reference from the picker (top-level inputs). */
export function useReferences(path: string | undefined) {
  const ctx = useContext(ReferencesContext);
  return ctx && path && !path.includes(".") ? ctx : null;
}

export function ReferencePicker({ path, label, text }: { path: string; label: string; text: boolean }) {
  const ctx = useReferences(path);
  const form = useFormContext();
  const groups = useMemo(() => (ctx ? referenceOptions({ steps: [...ctx.steps] }, ctx.stepId, [path]) : []), [ctx, path]);
  if (!ctx) return null;
  const insert = (token: string) => {
    const current: unknown = form.getValues(path);
    // Text keeps what is written around the reference; any other input is the referenced value.
    const next = text && typeof current === "string" && current.trim() && !wholeReference(current) ? `${current} ${token}` : token;
    form.setValue(path, next, { shouldDirty: true, shouldValidate: true, shouldTouch: true });
  };
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          className="ml-auto h-6 gap-1 px-1.5 text-xs text-muted-foreground"
          aria-label={`Insert reference into ${label}`}
        >
          <Braces className="size-3.5" aria-hidden />
          Insert reference
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-80" data-testid="reference-menu">
        {groups.length === 0 ? (
          <DropdownMenuItem disabled>No earlier step has an output that fits {label.toLowerCase()}</DropdownMenuItem>
        ) : (
          groups.map((g, gi) => (
            <DropdownMenuGroup key={g.stepId}>
              {gi > 0 && <DropdownMenuSeparator />}
              <DropdownMenuLabel className="flex flex-col gap-0.5 py-1">
                <span className="font-mono text-xs">
                  {g.stepId} <span className="font-sans font-normal text-muted-foreground">({getTool(g.toolName)?.title ?? g.toolName})</span>
                </span>
                <span className="truncate text-xs font-normal text-muted-foreground">{g.description}</span>
              </DropdownMenuLabel>
              {g.fields.map((f) => {
                const token = referenceToken(g.stepId, f.path);
                return (
                  <DropdownMenuItem key={token} onSelect={() => insert(token)} data-reference={referenceName({ stepId: g.stepId, path: f.path })}>
                    <span className="font-mono text-xs">output.{f.path.join(".")}</span>
                    <span className="ml-auto truncate font-mono text-[10px] text-muted-foreground">
                      {describeType(f.type)}
                      {f.optional ? "?" : ""}
                    </span>
                  </DropdownMenuItem>
                );
              })}
            </DropdownMenuGroup>
          ))
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** A non-text input whose whole value is a reference: shown as the reference, removable. */
export function ReferenceValue({ id, path, value, label }: { id: string; path: string; value: string; label: string }) {
  const form = useFormContext();
  const ref = wholeReference(value);
  const onClear = () => form.setValue(path, undefined, { shouldDirty: true, shouldValidate: true });
  return (
    <div id={id} className="flex items-center gap-2 rounded-md border border-sky-500/50 bg-sky-50 px-2 py-1 dark:bg-sky-950" data-testid="reference-value">
      <Braces className="size-3.5 shrink-0 text-sky-700 dark:text-sky-300" aria-hidden />
      <code className="truncate font-mono text-xs text-sky-900 dark:text-sky-100">{ref ? referenceName(ref) : value}</code>
      <Button type="button" variant="ghost" size="icon" className="ml-auto size-6" aria-label={`Remove the reference from ${label}`} onClick={onClear}>
        <X />
      </Button>
    </div>
  );
}

/** Under a text input that holds references: what happens to them. */
export function ReferenceHint({ path }: { path: string }) {
  const value: unknown = useWatch({ name: path });
  const refs = typeof value === "string" ? matchReferences(value).flatMap((m) => (m.ref ? [referenceName(m.ref)] : [])) : [];
  if (!refs.length) return null;
  return (
    <p className="text-xs text-sky-800 dark:text-sky-200" data-testid="reference-hint">
      Filled in from {[...new Set(refs)].join(", ")} when the step runs; the model cannot change it.
    </p>
  );
}
