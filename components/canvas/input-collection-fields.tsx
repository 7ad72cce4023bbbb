"use client";

import { Plus, Trash2 } from "lucide-react";
import { useContext, useId, useMemo, useState } from "react";
import { get, useController, useFieldArray, useFormState, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { jsonEqual } from "@/lib/plan/diff";
import { BooleanField, cleanInput, EnumField, FieldError, FieldShell, SchemaContext, TextField, toNumber, useError, type FieldProps } from "./input-fields";

// The fields that hold other fields: lists, records and objects, and the switch over every kind.

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
    <FieldShell spec={spec} path={path} id={id} error={listError}>
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
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="size-8"
                  aria-label={`Remove ${spec.label} ${i + 1}`}
                  onClick={() => set(items.filter((_, j) => j !== i))}
                >
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
    <FieldShell spec={spec} path={path} id={id} error={error}>
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
const rowsOf = (v: unknown): Row[] =>
  Object.entries((v && typeof v === "object" ? v : {}) as Record<string, unknown>).map(([key, value]) => ({ key, value: String(value ?? "") }));
const objectOf = (rows: Row[], numeric: boolean) =>
  Object.fromEntries(rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), numeric ? toNumber(r.value) : r.value]));

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
    <FieldShell spec={spec} path={path} id={id} error={listError}>
      <div className="flex flex-col gap-1.5" id={id}>
        {rows.map((r, i) => {
          const err = r.key ? keyErrors[r.key.trim()] : undefined;
          return (
            <div key={i} className="flex flex-col gap-1">
              <div className="flex gap-1.5">
                <Input
                  aria-label={`${spec.label} name ${i + 1}`}
                  placeholder="Name"
                  className="h-8 font-mono text-xs"
                  value={r.key}
                  aria-invalid={err ? true : undefined}
                  onChange={(e) => update(rows.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))}
                />
                <Input
                  aria-label={`${spec.label} value ${i + 1}`}
                  placeholder="Value"
                  className="h-8 font-mono text-xs"
                  value={r.value}
                  onChange={(e) => update(rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
                />
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="size-8"
                  aria-label={`Remove ${spec.label} ${i + 1}`}
                  onClick={() => update(rows.filter((_, j) => j !== i))}
                >
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

export function Field(props: FieldProps) {
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
