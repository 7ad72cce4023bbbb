"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Plus, Trash2 } from "lucide-react";
import { createContext, useContext, useEffect, useId, useMemo, useRef, useState } from "react";
import { get, useController, useFieldArray, useForm, useFormState, useWatch, type Control, type FieldValues, type Resolver, type UseFormRegister } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { jsonEqual } from "@/lib/plan/diff";
import { objectFields, type FieldSpec } from "@/lib/tools/fields";
import { inputFieldsOf, staticInputSchema } from "@/lib/tools/schemas";
import { cn } from "@/lib/utils";

const UNSET = "__unset__";

/** The form's schema, for fields whose errors react-hook-form does not keep (per-key errors of records). */
const SchemaContext = createContext<z.ZodType | undefined>(undefined);

/** Form values → static inputs: empty strings, NaN, empty lists and empty objects mean "not set". */
/** An inline error under a field, announced to screen readers. */
function FieldError({ message, id }: { message?: string; id?: string }) {
  return message ? (
    <p id={id} role="alert" className="text-xs font-medium text-destructive">
      {message}
    </p>
  ) : null;
}

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

const toText = (v: unknown) => (v === "" ? undefined : v);
const toNumber = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));

interface FieldProps {
  spec: FieldSpec;
  path: string;
  control: Control<FieldValues>;
  register: UseFormRegister<FieldValues>;
}

function useError(control: Control<FieldValues>, path: string): string | undefined {
  const { errors } = useFormState({ control, name: path });
  const e = get(errors, path) as { message?: string } | undefined;
  return e?.message;
}

function FieldShell({ spec, id, error, children, inline }: { spec: FieldSpec; id: string; error?: string; children: React.ReactNode; inline?: boolean }) {
  const label = (
    <Label htmlFor={id} className="gap-1">
      {spec.label}
      {spec.required && (
        <span className="text-destructive" title="The tool needs this; left empty, the step decides it at run time">
          *<span className="sr-only"> (needed by the tool)</span>
        </span>
      )}
    </Label>
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
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

const placeholderOf = (spec: FieldSpec) => (spec.defaultValue !== undefined ? `default: ${String(spec.defaultValue)}` : spec.required ? "decided at run time if empty" : "optional");

function TextField({ spec, path, control, register }: FieldProps) {
  const id = useId();
  const error = useError(control, path);
  const common = {
    id,
    placeholder: placeholderOf(spec),
    "aria-invalid": error ? true : undefined,
    "aria-describedby": cn(spec.description && `${id}-help`, error && `${id}-error`) || undefined,
  };
  return (
    <FieldShell spec={spec} id={id} error={error}>
      {spec.kind === "text" ? (
        <Textarea rows={3} {...common} {...register(path, { setValueAs: toText })} className="text-sm" />
      ) : spec.kind === "number" ? (
        <Input type="number" step={spec.integer ? 1 : "any"} min={spec.min} max={spec.max} inputMode={spec.integer ? "numeric" : "decimal"} {...common} {...register(path, { setValueAs: toNumber })} className="h-8" />
      ) : (
        <Input {...common} {...register(path, { setValueAs: toText })} className="h-8" />
      )}
    </FieldShell>
  );
}

function EnumField({ spec, path, control }: FieldProps) {
  const id = useId();
  const { field, fieldState } = useController({ name: path, control });
  return (
    <FieldShell spec={spec} id={id} error={fieldState.error?.message}>
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

function BooleanField({ spec, path, control }: FieldProps) {
  const id = useId();
  const { field, fieldState } = useController({ name: path, control });
  return (
    <FieldShell spec={spec} id={id} error={fieldState.error?.message} inline>
      <Switch id={id} checked={field.value === true} onCheckedChange={(c) => field.onChange(c)} />
    </FieldShell>
  );
}

/** A list of plain values (strings, numbers, choices): one row each. */
function PrimitiveArrayField({ spec, path, control }: FieldProps) {
  const id = useId();
  const { field } = useController({ name: path, control });
  const { errors } = useFormState({ control, name: path });
  const items = (Array.isArray(field.value) ? field.value : []) as unknown[];
  const item = spec.item!;
  const set = (next: unknown[]) => field.onChange(next);
  const listError = (get(errors, path) as { message?: string } | undefined)?.message;
  return (
    <FieldShell spec={spec} id={id} error={listError}>
      <div className="flex flex-col gap-1.5" id={id}>
        {items.map((v, i) => {
          const err = (get(errors, `${path}.${i}`) as { message?: string } | undefined)?.message;
          return (
            <div key={i} className="flex flex-col gap-1">
              <div className="flex gap-1.5">
                <Input
                  aria-label={`${spec.label} ${i + 1}`}
                  className="h-8"
                  type={item.kind === "number" ? "number" : "text"}
                  value={v === undefined || v === null ? "" : String(v)}
                  aria-invalid={err ? true : undefined}
                  onChange={(e) => set(items.map((x, j) => (j === i ? (item.kind === "number" ? toNumber(e.target.value) : e.target.value) : x)))}
                />
                <Button type="button" variant="ghost" size="icon" className="size-8" aria-label={`Remove ${spec.label} ${i + 1}`} onClick={() => set(items.filter((_, j) => j !== i))}>
                  <Trash2 />
                </Button>
              </div>
              <FieldError message={err} />
            </div>
          );
        })}
        <Button type="button" variant="outline" size="sm" className="w-fit" onClick={() => set([...items, item.kind === "number" ? undefined : ""])}>
          <Plus /> Add item
        </Button>
      </div>
    </FieldShell>
  );
}

/** A list of objects: each item is a nested group of fields. */
function ObjectArrayField({ spec, path, control, register }: FieldProps) {
  const id = useId();
  const { fields, append, remove } = useFieldArray({ control, name: path });
  const error = useError(control, path);
  return (
    <FieldShell spec={spec} id={id} error={error}>
      <div className="flex flex-col gap-2" id={id}>
        {fields.map((f, i) => (
          <fieldset key={f.id} className="flex flex-col gap-3 rounded-md border p-3">
            <div className="flex items-center justify-between">
              <legend className="text-xs font-medium text-muted-foreground">
                {spec.label} {i + 1}
              </legend>
              <Button type="button" variant="ghost" size="icon" className="size-7" aria-label={`Remove ${spec.label} ${i + 1}`} onClick={() => remove(i)}>
                <Trash2 />
              </Button>
            </div>
            {spec.item!.fields!.map((child) => (
              <Field key={child.name} spec={child} path={`${path}.${i}.${child.name}`} control={control} register={register} />
            ))}
          </fieldset>
        ))}
        <Button type="button" variant="outline" size="sm" className="w-fit" onClick={() => append({})}>
          <Plus /> Add {spec.label.toLowerCase()}
        </Button>
      </div>
    </FieldShell>
  );
}

type Row = { key: string; value: string };
const rowsOf = (v: unknown): Row[] => Object.entries((v && typeof v === "object" ? v : {}) as Record<string, unknown>).map(([key, value]) => ({ key, value: String(value ?? "") }));
const objectOf = (rows: Row[], numeric: boolean) => Object.fromEntries(rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), numeric ? toNumber(r.value) : r.value]));

/** A record (e.g. HTTP headers): key/value rows. */
function RecordField({ spec, path, control }: FieldProps) {
  const id = useId();
  const { field } = useController({ name: path, control });
  const schema = useContext(SchemaContext);
  const all = useWatch({ control });
  const keyErrors = useMemo(() => {
    const r = schema?.safeParse(cleanInput(all) ?? {});
    const out: Record<string, string> = {};
    for (const i of r && !r.success ? r.error.issues : []) if (i.path.length === 2 && i.path[0] === path) out[String(i.path[1])] ??= i.message;
    return out;
  }, [schema, all, path]);
  const { errors } = useFormState({ control, name: path });
  const numeric = spec.item?.kind === "number";
  const [local, setLocal] = useState<{ rows: Row[]; from: unknown }>(() => ({ rows: rowsOf(field.value), from: field.value }));
  let rows = local.rows;
  // The value changed from outside (undo, another step): show it, unless it is what these rows say.
  if (local.from !== field.value && !jsonEqual(objectOf(local.rows, numeric), field.value ?? {})) {
    rows = rowsOf(field.value);
    setLocal({ rows, from: field.value });
  }
  const update = (next: Row[]) => {
    const value = objectOf(next, numeric);
    setLocal({ rows: next, from: value });
    field.onChange(value);
  };
  const listError = (get(errors, path) as { message?: string } | undefined)?.message;
  return (
    <FieldShell spec={spec} id={id} error={listError}>
      <div className="flex flex-col gap-1.5" id={id}>
        {rows.map((r, i) => {
          const err = r.key ? keyErrors[r.key.trim()] : undefined;
          return (
            <div key={i} className="flex flex-col gap-1">
              <div className="flex gap-1.5">
                <Input aria-label={`${spec.label} name ${i + 1}`} placeholder="Name" className="h-8 font-mono text-xs" value={r.key} aria-invalid={err ? true : undefined} onChange={(e) => update(rows.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))} />
                <Input aria-label={`${spec.label} value ${i + 1}`} placeholder="Value" className="h-8 font-mono text-xs" value={r.value} onChange={(e) => update(rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
                <Button type="button" variant="ghost" size="icon" className="size-8" aria-label={`Remove ${spec.label} ${i + 1}`} onClick={() => update(rows.filter((_, j) => j !== i))}>
                  <Trash2 />
                </Button>
              </div>
              <FieldError message={err} />
            </div>
          );
        })}
        <Button type="button" variant="outline" size="sm" className="w-fit" onClick={() => update([...rows, { key: "", value: "" }])}>
          <Plus /> Add entry
        </Button>
      </div>
    </FieldShell>
  );
}

function ObjectField({ spec, path, control, register }: FieldProps) {
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border p-3" data-field={spec.name}>
      <legend className="px-1 text-sm font-medium">
        {spec.label}
        {spec.required && <span className="text-destructive"> *</span>}
      </legend>
      {spec.description && <p className="-mt-1 text-xs text-muted-foreground">{spec.description}</p>}
      {spec.fields!.map((child) => (
        <Field key={child.name} spec={child} path={`${path}.${child.name}`} control={control} register={register} />
      ))}
    </fieldset>
  );
}

function Field(props: FieldProps) {
  switch (props.spec.kind) {
    case "string":
    case "text":
    case "number":
      return <TextField {...props} />;
    case "enum":
      return <EnumField {...props} />;
    case "boolean":
      return <BooleanField {...props} />;
    case "array":
      return props.spec.item?.kind === "object" ? <ObjectArrayField {...props} /> : <PrimitiveArrayField {...props} />;
    case "record":
      return <RecordField {...props} />;
    case "object":
      return <ObjectField {...props} />;
    default:
      return <p className="text-xs text-muted-foreground">{props.spec.label}: edited in the plan JSON only.</p>;
  }
}

/**
 * The step's static inputs as a form generated from the tool's zod schema (react-hook-form with
 * the zod resolver): every change is validated inline and handed to the plan, valid or not, so the
 * canvas shows the problem too.
 */
export function InputForm({ toolName, value, onChange }: { toolName: string; value: Record<string, unknown>; onChange: (next: Record<string, unknown>) => void }) {
  const schema = staticInputSchema(toolName);
  const fields = useMemo(() => {
    const obj = inputFieldsOf(toolName);
    return obj ? objectFields(obj) : [];
  }, [toolName]);
  const form = useForm<FieldValues>({
    // The static-input schema: every field optional, unknown fields refused, cross-field checks kept.
    resolver: schema ? (zodResolver(schema as z.ZodType<FieldValues, FieldValues>) as Resolver<FieldValues>) : undefined,
    mode: "onChange",
    defaultValues: value,
  });
  const { control, register, reset, trigger, subscribe } = form;
  const emitted = useRef<unknown>(value);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  // Show problems with the inputs as loaded straight away.
  useEffect(() => {
    void trigger();
  }, [trigger]);

  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ values }) => {
          const next = (cleanInput(values) ?? {}) as Record<string, unknown>;
          if (jsonEqual(next, emitted.current)) return;
          emitted.current = next;
          onChangeRef.current(next);
        },
      }),
    [subscribe],
  );

  // Undo/redo changed the inputs underneath the form: show them.
  useEffect(() => {
    if (jsonEqual(value, emitted.current)) return;
    emitted.current = value;
    reset(value);
    void trigger();
  }, [value, reset, trigger]);

  if (!fields.length) return <p className="text-sm text-muted-foreground">This tool takes no inputs.</p>;
  return (
    <SchemaContext.Provider value={schema}>
      <form className="flex flex-col gap-4" data-testid="input-form" onSubmit={(e) => e.preventDefault()} noValidate>
        {fields.map((spec) => (
          <Field key={spec.name} spec={spec} path={spec.name} control={control} register={register} />
        ))}
      </form>
    </SchemaContext.Provider>
  );
}
