"use client";

import { Loader2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type Field = "email" | "password" | "name";

async function post(url: string, body: unknown): Promise<{ ok: boolean; status: number; error?: string; issues?: { path: string; message: string }[] }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => ({}))) as { error?: string; issues?: { path: string; message: string }[] };
  return { ok: res.ok, status: res.status, ...json };
}

/**
 * Sign-in with a local account (the embedded default), or — on a fresh installation — creating the
 * owner account. Errors appear under the field they are about.
 */
export function LocalSignIn({ mode, next }: { mode: "sign-in" | "setup"; next: string }) {
  const [values, setValues] = useState({ email: "", password: "", name: "" });
  const [errors, setErrors] = useState<Partial<Record<Field | "form", string>>>({});
  const [busy, setBusy] = useState(false);
  const setup = mode === "setup";

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const res = setup ? await post("/api/setup", values) : await post("/api/session", { email: values.email, password: values.password });
      if (!res.ok) {
        const byField: Partial<Record<Field | "form", string>> = {};
        for (const i of res.issues ?? []) if (i.path === "email" || i.path === "password" || i.path === "name") byField[i.path] = i.message;
        if (!Object.keys(byField).length) byField.form = res.error ?? `HTTP ${res.status}`;
        setErrors(byField);
        return;
      }
      toast.success(setup ? "Owner account created; you are signed in" : "Signed in");
      // A full navigation: every server component renders again with the new session.
      window.location.assign(next);
    } finally {
      setBusy(false);
    }
  }

  const field = (name: Field, label: string, props: React.ComponentProps<typeof Input>) => (
    <div className="flex flex-col gap-2">
      <Label htmlFor={`auth-${name}`}>{label}</Label>
      <Input
        id={`auth-${name}`}
        required
        value={values[name]}
        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `auth-${name}-error` : undefined}
        {...props}
      />
      {errors[name] && (
        <p id={`auth-${name}-error`} className="text-sm text-destructive">
          {errors[name]}
        </p>
      )}
    </div>
  );

  return (
    <Card className="w-full max-w-sm">
      <CardHeader>
        <CardTitle>{setup ? "Create the owner account" : "Sign in to Planvas"}</CardTitle>
        <CardDescription>
          {setup
            ? "This installation has no owner yet. The owner manages members and owns the plans made so far."
            : "Use the email and password of your Planvas account."}
        </CardDescription>
      </CardHeader>
      <form onSubmit={submit}>
        <CardContent className="flex flex-col gap-4">
          {setup && field("name", "Name", { autoComplete: "name" })}
          {field("email", "Email", { type: "email", autoComplete: "email" })}
          {field("password", "Password", { type: "password", autoComplete: setup ? "new-password" : "current-password", minLength: setup ? 10 : undefined })}
          {setup && <p className="-mt-2 text-xs text-muted-foreground">At least 10 characters.</p>}
          {errors.form && (
            <p role="alert" className="text-sm text-destructive">
              {errors.form}
            </p>
          )}
        </CardContent>
        <CardFooter className="mt-4">
          <Button type="submit" className="w-full" disabled={busy}>
            {busy && <Loader2 className="animate-spin" aria-hidden />}
            {setup ? "Create account" : "Sign in"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
