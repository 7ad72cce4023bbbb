"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, useRef } from "react";
import { FormProvider, useForm, type FieldValues, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { jsonEqual } from "@/lib/plan/diff";
import { objectFields } from "@/lib/tools/fields";
import { inputFieldsOf, staticInputSchema } from "@/lib/tools/schemas";
import { Field } from "./input-collection-fields";
import { cleanInput, SchemaContext } from "./input-fields";

export { cleanInput };

/**
 * The step's static inputs as a form generated from the tool's zod schema (react-hook-form with
 * the zod resolver): every change is validated inline and handed to the plan, valid or not, so the
 * canvas shows the problem too.
 */
export function InputForm({
  toolName,
  value,
  onChange,
}: {
  toolName: string;
  value: Record<string, unknown>;
  onChange: (next: Record<string, unknown>) => void;
}) {
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
    <FormProvider {...form}>
      <SchemaContext.Provider value={schema}>
        <form className="flex flex-col gap-4" data-testid="input-form" onSubmit={(e) => e.preventDefault()} noValidate>
          {fields.map((spec) => (
            <Field key={spec.name} spec={spec} path={spec.name} control={control} register={register} />
          ))}
        </form>
      </SchemaContext.Provider>
    </FormProvider>
  );
}
