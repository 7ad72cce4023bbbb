"use client";

import { Loader2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { changePassword, RequestError } from "@/components/workspaces/api";

type Field = "currentPassword" | "newPassword" | "confirm";

/** Change a local account's password: the current one, the new one twice; errors sit under their field. */
export function PasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [revokeOthers, setRevokeOthers] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field | "form", string>>>({});
  const [pending, setPending] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (pending) return;
    if (next !== confirm) {
      setErrors({ confirm: "The two new passwords differ" });
      return;
    }
    setPending(true);
    setErrors({});
    try {
      await changePassword({ currentPassword: current, newPassword: next, revokeOtherSessions: revokeOthers });
      setCurrent("");
      setNext("");
      setConfirm("");
      toast.success(revokeOthers ? "Password changed; your other sessions are signed out" : "Password changed");
    } catch (err) {
      const field = err instanceof RequestError && (err.path === "currentPassword" || err.path === "newPassword") ? err.path : "form";
      setErrors({ [field]: err instanceof RequestError && field === "currentPassword" ? "This is not your current password" : (err as Error).message });
    } finally {
      setPending(false);
    }
  }

  const described = (f: Field) => (errors[f] ? { "aria-invalid": true, "aria-describedby": `${f}-error` } : {});
  const message = (f: Field) =>
    errors[f] && (
      <p id={`${f}-error`} role="alert" className="text-sm text-destructive">
        {errors[f]}
      </p>
    );

  return (
    <Card>
      <CardHeader>
        <CardTitle>Change password</CardTitle>
        <CardDescription>At least 10 characters. API tokens keep working.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4">
          <div className="flex flex-col gap-2">
            <Label htmlFor="currentPassword">Current password</Label>
            <Input
              id="currentPassword"
              type="password"
              autoComplete="current-password"
              required
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              {...described("currentPassword")}
            />
            {message("currentPassword")}
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="newPassword">New password</Label>
            <Input
              id="newPassword"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              maxLength={200}
              value={next}
              onChange={(e) => setNext(e.target.value)}
              {...described("newPassword")}
            />
            {message("newPassword")}
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="confirm">New password again</Label>
            <Input
              id="confirm"
              type="password"
              autoComplete="new-password"
              required
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              {...described("confirm")}
            />
            {message("confirm")}
          </div>
          <div className="flex items-center gap-2">
            <Switch id="revoke-others" checked={revokeOthers} onCheckedChange={setRevokeOthers} />
            <Label htmlFor="revoke-others" className="font-normal">
              Sign out my other sessions
            </Label>
          </div>
          {errors.form && (
            <p role="alert" className="text-sm text-destructive">
              {errors.form}
            </p>
          )}
          <div>
            <Button type="submit" disabled={pending || !current || !next || !confirm}>
              {pending && <Loader2 className="size-4 animate-spin" aria-hidden />}
              Change password
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
