"use client";

import { createContext, useContext, useId } from "react";
import { get, useController, useFormState, useWatch, type Control, type FieldValues, type UseFormRegister } from "react-hook-form";
import type { z } from "zod";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { wholeReference } from "@/lib/plan/reference-syntax";
import type { FieldSpec } from "@/lib/tools/fields";
import { cn } from "@/lib/utils";
import { ReferenceHint, ReferencePicker, ReferenceValue, useReferences } from "./reference-picker";

// The fields of the generated inputs form: one component per kind of schema field (lib/tools/fields.ts).

export const UNSET = "__unset__";

/** The form's schema, for fields whose errors react-hook-form does not keep (per-key errors of records). */
export const SchemaContext = createContext<z.ZodType | undefined>(undefined);

/**
 * What "required" and an empty field mean where the form is used: in the inspector a step decides an
 * empty input at run time; in a template's form an empty required parameter is simply missing.
 */
export const FieldCopyContext = createContext({
  required: "The tool needs this; left empty, the step decides it at run time",
  requiredSr: " (needed by the tool)",
  emptyRequired: "decided at run time if empty",
});

/** In the editor: which input paths of the selected step are template parameters ("sections" → "slides"). */
export const ParamSlotsContext = createContext<ReadonlyMap<string, string>>(new Map());

/** An inline error under a field, announced to screen readers. */
export function FieldError({ message, id }: { message?: string; id?: string }) {
  return message ? (
    <p id={id} role="alert" className="text-xs font-medium text-destructive">
      {message}
    </p>
  ) : null;
}

/** Form values → static inputs: empty strings, NaN, empty lists and empty objects mean "not set". */
export function cleanInput(value: unknown): unknown {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "number") return Number.isNaN(value) ? undefined : value;
  if (Array.isArray(value)) {
    const items = value.map(cleanInput).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof value === "object") {
    // Keys may be user-typed (header names): a null prototype keeps "__proto__" an ordinary key.
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) {
      const c = cleanInput(v);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

export const toText = (v: unknown) => (v === "" ? undefined : v);
// A reference put in by the picker (react-hook-form's setValue applies setValueAs too) stays a reference.
export const toNumber = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : wholeReference(v) ? v : Number(v));

export interface FieldProps {
  spec: FieldSpec;
  path: string;
  control: Control<FieldValues>;
  register: UseFormRegister<FieldValues>;
}

export function useError(control: Control<FieldValues>, path: string): string | undefined {
  const { errors } = useFormState({ control, name: path });
  const e = get(errors, path) as { message?: string } | undefined;
  return e?.message;
}

export function FieldShell({
  spec,
  path,
  id,
  error,
  children,
  inline,
}: {
  spec: FieldSpec;
  /** The field's path in the form ("sections", "headers.0.value"). */
  path?: string;
  id: string;
  error?: string;
  children: React.ReactNode;
  inline?: boolean;
}) {
  const copy = useContext(FieldCopyContext);
  const param = useContext(ParamSlotsContext).get(path ?? "");
  // Plain values only: lists, maps and objects are referenced whole in the plan JSON.
  const scalar = ["string", "text", "number", "enum", "boolean"].includes(spec.kind);
  const refs = useReferences(path);
  const picker = refs && path && scalar ? <ReferencePicker path={path} label={spec.label} text={spec.kind === "string" || spec.kind === "text"} /> : null;
  const labelOnly = (
    <Label htmlFor={id} className="gap-1">
      {spec.label}
      {spec.required && (
        <span className="text-destructive" title={copy.required}>
          *<span className="sr-only">{copy.requiredSr}</span>
        </span>
      )}
      {param && (
        <span
          data-testid="field-param-badge"
          title={`A template user fills this in: parameter ${param}`}
          className="ml-1 rounded-full border border-violet-500/50 bg-violet-50 px-1.5 font-mono text-[10px] font-normal text-violet-800 dark:bg-violet-950 dark:text-violet-200"
        >
          {`{{${param}}}`}
          <span className="sr-only"> (template parameter)</span>
        </span>
      )}
    </Label>
  );
  const label = picker ? (
    <div className="flex items-center gap-2">
      {labelOnly}
      {picker}
    </div>
  ) : (
    labelOnly
  );
  return (
    <div className="flex flex-col gap-1.5" data-field={spec.name}>
      {inline ? (
        <div className="flex items-center justify-between gap-3">
          {label}
          {children}
        </div>
      ) : (
        <>
          {label}
          {children}
        </>
      )}
      {spec.description && (
        <p id={`${id}-help`} className="text-xs text-muted-foreground">
          {spec.description}
        </p>
      )}
      {picker && (spec.kind === "string" || spec.kind === "text") && <ReferenceHint path={path!} />}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export const placeholderOf = (spec: FieldSpec, emptyRequired = "decided at run time if empty") =>
  spec.defaultValue !== undefined ? `default: ${String(spec.defaultValue)}` : spec.required ? emptyRequired : "optional";

/** A non-text field whose whole value is a reference shows the reference instead of its control. */
function useReferenced(control: Control<FieldValues>, path: string, spec: FieldSpec): string | null {
  const value: unknown = useWatch({ control, name: path });
  const refs = useReferences(path);
  return refs && spec.kind !== "string" && spec.kind !== "text" && typeof value === "string" && wholeReference(value) ? value : null;
}

export function TextField({ spec, path, control, register }: FieldProps) {
  const id = useId();
  const copy = useContext(FieldCopyContext);
  const error = useError(control, path);
  const referenced = useReferenced(control, path, spec);
  if (referenced)
    return (
      <FieldShell spec={spec} path={path} id={id} error={error}>
        <ReferenceValue id={id} path={path} value={referenced} label={spec.label} />
      </FieldShell>
    );
  const common = {
    id,
    placeholder: placeholderOf(spec, copy.emptyRequired),
    "aria-invalid": error ? true : undefined,
    "aria-describedby": cn(spec.description && `${id}-help`, error && `${id}-error`) || undefined,
  };
  return (
    <FieldShell spec={spec} path={path} id={id} error={error}>
      {spec.kind === "text" ? (
        <Textarea rows={3} {...common} {...register(path, { setValueAs: toText })} className="text-sm" />
      ) : spec.kind === "number" ? (
        <Input
          type="number"
          step={spec.integer ? 1 : "any"}
          min={spec.min}
          max={spec.max}
          inputMode={spec.integer ? "numeric" : "decimal"}
          {...common}
          {...register(path, { setValueAs: toNumber })}
          className="h-8"
        />
      ) : (
        <Input {...common} {...register(path, { setValueAs: toText })} className="h-8" />
      )}
    </FieldShell>
  );
}

export function EnumField({ spec, path, control }: FieldProps) {
  const id = useId();
  const { field, fieldState } = useController({ name: path, control });
  const referenced = useReferenced(control, path, spec);
  if (referenced)
    return (
      <FieldShell spec={spec} path={path} id={id} error={fieldState.error?.message}>
        <ReferenceValue id={id} path={path} value={referenced} label={spec.label} />
      </FieldShell>
    );
  return (
    <FieldShell spec={spec} path={path} id={id} error={fieldState.error?.message}>
      <Select value={(field.value as string | undefined) ?? UNSET} onValueChange={(v) => field.onChange(v === UNSET ? undefined : v)}>
        <SelectTrigger id={id} size="sm" className="w-full" aria-invalid={fieldState.error ? true : undefined} onBlur={field.onBlur}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={UNSET}>
            <span className="text-muted-foreground">{spec.defaultValue !== undefined ? `Default (${String(spec.defaultValue)})` : "Decided at run time"}</span>
          </SelectItem>
          {spec.options!.map((o) => (
            <SelectItem key={o} value={o}>
              {o}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </FieldShell>
  );
}

export function BooleanField({ spec, path, control }: FieldProps) {
  const id = useId();
  const { field, fieldState } = useController({ name: path, control });
  const referenced = useReferenced(control, path, spec);
  if (referenced)
    return (
      <FieldShell spec={spec} path={path} id={id} error={fieldState.error?.message}>
        <ReferenceValue id={id} path={path} value={referenced} label={spec.label} />
      </FieldShell>
    );
  return (
    <FieldShell spec={spec} path={path} id={id} error={fieldState.error?.message} inline>
      <Switch id={id} checked={field.value === true} onCheckedChange={(c) => field.onChange(c)} />
    </FieldShell>
  );
}
