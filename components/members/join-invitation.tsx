"use client";

import { Link2Off, Loader2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Role } from "@/lib/workspaces/roles";
import { acceptInvitation, type ApiFailure } from "./api";
import { article, ROLE_LABEL } from "./role-labels";

type Field = "name" | "email" | "password";
type Invite = { workspaceName: string; role: Exclude<Role, "owner">; approver: boolean } | { problem: string };

/**
 * The page an invitation link opens. Signed in: "Accept". Signed out on the embedded default: a
 * form that makes the account and joins in one step, or a way to sign in first. A link that no
 * longer works says why.
 */
export function JoinInvitation({
  token,
  invite,
  user,
  localAccounts,
}: {
  token: string;
  invite: Invite;
  user: { name: string; email: string | null } | null;
  localAccounts: boolean;
}) {
  const [values, setValues] = useState({ name: "", email: "", password: "" });
  const [errors, setErrors] = useState<Partial<Record<Field | "form", string>>>({});
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  const signInHref = `/login?next=${encodeURIComponent(`/invite/${token}`)}`;

  if ("problem" in invite) {
    return (
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <Link2Off className="size-5 text-muted-foreground" aria-hidden />
            This invitation does not work
          </CardTitle>
          <CardDescription role="alert" className="first-letter:uppercase">
            {invite.problem}.
          </CardDescription>
        </CardHeader>
        <CardFooter>
          <Button asChild variant="outline" className="w-full">
            <Link href={user ? "/" : "/login"}>{user ? "Go to your plans" : "Sign in"}</Link>
          </Button>
        </CardFooter>
      </Card>
    );
  }

  async function join(e?: React.FormEvent<HTMLFormElement>) {
    e?.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await acceptInvitation(token, user ? undefined : values);
      toast.success(`You joined ${(invite as { workspaceName: string }).workspaceName}`);
      // On to the plans; the refresh renders every server component again with the new session and membership.
      router.replace("/");
      router.refresh();
    } catch (err) {
      const failure = err as ApiFailure;
      const byField: Partial<Record<Field | "form", string>> = {};
      for (const i of failure.issues ?? []) if (i.path === "name" || i.path === "email" || i.path === "password") byField[i.path] = i.message;
      if (!Object.keys(byField).length) byField.form = failure.message;
      setErrors(byField);
    } finally {
      setBusy(false);
    }
  }

  const role = ROLE_LABEL[invite.role];
  const what = (
    <>
      You are invited to <span className="font-medium text-foreground">{invite.workspaceName}</span> as {article(invite.role)}{" "}
      <span className="font-medium text-foreground">{invite.role}</span>
      {invite.approver && " and approver"}: {role.does}
      {invite.approver && ", and decides at approval gates"}.
    </>
  );
  const formError = errors.form && (
    <p role="alert" className="text-sm text-destructive">
      {errors.form}
    </p>
  );

  if (user) {
    return (
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle>Join {invite.workspaceName}</CardTitle>
          <CardDescription>{what}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-2 text-sm text-muted-foreground">
          <p>
            Signed in as <span className="text-foreground">{user.email ?? user.name}</span>.
          </p>
          {formError}
        </CardContent>
        <CardFooter>
          <Button className="w-full" onClick={() => void join()} disabled={busy}>
            {busy && <Loader2 className="animate-spin" aria-hidden />} Accept
          </Button>
        </CardFooter>
      </Card>
    );
  }

  if (!localAccounts) {
    return (
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle>Join {invite.workspaceName}</CardTitle>
          <CardDescription>{what}</CardDescription>
        </CardHeader>
        <CardContent className="text-sm text-muted-foreground">Sign in, or create your account, then accept the invitation on this page.</CardContent>
        <CardFooter>
          <Button asChild className="w-full">
            <Link href={signInHref}>Sign in to accept</Link>
          </Button>
        </CardFooter>
      </Card>
    );
  }

  const field = (name: Field, label: string, props: React.ComponentProps<typeof Input>) => (
    <div className="flex flex-col gap-2">
      <Label htmlFor={`join-${name}`}>{label}</Label>
      <Input
        id={`join-${name}`}
        required
        value={values[name]}
        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `join-${name}-error` : undefined}
        {...props}
      />
      {errors[name] && (
        <p id={`join-${name}-error`} className="text-sm text-destructive">
          {errors[name]}
        </p>
      )}
    </div>
  );

  return (
    <Card className="w-full max-w-sm">
      <CardHeader>
        <CardTitle>Join {invite.workspaceName}</CardTitle>
        <CardDescription>{what}</CardDescription>
      </CardHeader>
      <form onSubmit={join}>
        <CardContent className="flex flex-col gap-4">
          {field("name", "Name", { autoComplete: "name" })}
          {field("email", "Email", { type: "email", autoComplete: "email" })}
          {field("password", "Password", { type: "password", autoComplete: "new-password", minLength: 10 })}
          <p className="-mt-2 text-xs text-muted-foreground">At least 10 characters.</p>
          {formError}
        </CardContent>
        <CardFooter className="mt-4 flex flex-col gap-3">
          <Button type="submit" className="w-full" disabled={busy}>
            {busy && <Loader2 className="animate-spin" aria-hidden />} Join {invite.workspaceName}
          </Button>
          <p className="text-sm text-muted-foreground">
            Have an account already?{" "}
            <Link href={signInHref} className="font-medium text-foreground underline underline-offset-4">
              Sign in
            </Link>
          </p>
        </CardFooter>
      </form>
    </Card>
  );
}
