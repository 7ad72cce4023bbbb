"use client";

import { Check, Copy, KeyRound, Loader2, Plus, TriangleAlert, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/confirm-button";
import { RelativeTime } from "@/components/plans/relative-time";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { createToken, listTokens, RequestError, revokeToken, type TokenItem } from "@/components/workspaces/api";

/**
 * The user's API tokens: each works in one workspace (the current one when it was created), is
 * shown once when it is created (only its hash is kept) and can be revoked here.
 */
export function TokensView({ initial, workspace }: { initial: TokenItem[]; workspace: { id: string; name: string } }) {
  const [tokens, setTokens] = useState(initial);
  const [creating, setCreating] = useState(false);

  async function refresh() {
    try {
      setTokens(await listTokens());
    } catch (e) {
      toast.error(`Could not reload the tokens: ${(e as Error).message}`);
    }
  }

  async function revoke(t: TokenItem) {
    try {
      await revokeToken(t.id);
      toast.success(`Revoked “${t.name}”`);
      setTokens((all) => all.filter((x) => x.id !== t.id));
    } catch (e) {
      toast.error(`Could not revoke “${t.name}”: ${(e as Error).message}`);
      throw e;
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
          <p className="text-sm text-muted-foreground">
            For scripts and the CLI: <code className="font-mono text-xs">Authorization: Bearer …</code> or{" "}
            <code className="font-mono text-xs">PLANVAS_TOKEN</code>. A token acts as you, in one workspace only.
          </p>
        </div>
        <Button onClick={() => setCreating(true)}>
          <Plus className="size-4" aria-hidden />
          New token
        </Button>
      </div>
      {tokens.length === 0 ? (
        <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed p-10 text-center text-sm text-muted-foreground">
          <KeyRound className="size-6" aria-hidden />
          No API tokens yet.
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <Table aria-label="API tokens">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Workspace</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>Last used</TableHead>
                <TableActionsHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {tokens.map((t) => (
                <TableRow key={t.id} data-testid="token-row">
                  <TableCell className="font-medium">{t.name}</TableCell>
                  <TableCell>{t.workspace.name}</TableCell>
                  <TableCell className="text-muted-foreground">
                    <RelativeTime iso={t.createdAt} />
                  </TableCell>
                  <TableCell className="text-muted-foreground">{t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : "never"}</TableCell>
                  <TableCell className="px-2">
                    <ConfirmButton
                      trigger={
                        <Button variant="ghost" size="icon" aria-label={`Revoke ${t.name}`}>
                          <Trash2 className="size-4" aria-hidden />
                        </Button>
                      }
                      question={`Revoke “${t.name}”?`}
                      description="Scripts and CLIs using this token get 401 from their next request. This cannot be undone."
                      confirmLabel="Revoke"
                      onConfirm={() => revoke(t)}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <NewTokenDialog open={creating} onOpenChange={setCreating} workspace={workspace} onCreated={() => void refresh()} />
    </div>
  );
}

function NewTokenDialog({
  open,
  onOpenChange,
  workspace,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  workspace: { id: string; name: string };
  onCreated: () => void;
}) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  function close(o: boolean) {
    if (o) return onOpenChange(true);
    // The secret is gone once the dialog closes: it was never stored.
    setSecret(null);
    setName("");
    setError(null);
    setCopied(false);
    onOpenChange(false);
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim() || pending) return;
    setPending(true);
    setError(null);
    try {
      const made = await createToken(name.trim(), workspace.id);
      setSecret(made.token);
      onCreated();
    } catch (err) {
      setError(err instanceof RequestError ? err.message : `Could not create the token: ${(err as Error).message}`);
    } finally {
      setPending(false);
    }
  }

  async function copy() {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
      toast.success("Token copied");
    } catch {
      toast.error("The browser refused the clipboard: select the token and copy it by hand");
    }
  }

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="sm:max-w-lg">
        {secret ? (
          <div className="flex flex-col gap-4">
            <DialogHeader>
              <DialogTitle>Copy your new token</DialogTitle>
              <DialogDescription>It works in “{workspace.name}”.</DialogDescription>
            </DialogHeader>
            <div className="flex items-start gap-2 rounded-md border border-amber-500/40 bg-amber-500/10 p-3 text-sm" role="note">
              <TriangleAlert className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" aria-hidden />
              <span>This is the only time it is shown: Planvas keeps only a hash of it. Store it somewhere safe now.</span>
            </div>
            <div className="flex gap-2">
              <Input
                readOnly
                value={secret}
                aria-label="New API token"
                className="font-mono text-xs"
                onFocus={(e) => e.currentTarget.select()}
                data-testid="new-token"
              />
              <Button type="button" variant="outline" onClick={() => void copy()}>
                {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
                Copy
              </Button>
            </div>
            <DialogFooter>
              <Button type="button" onClick={() => close(false)}>
                Done
              </Button>
            </DialogFooter>
          </div>
        ) : (
          <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4">
            <DialogHeader>
              <DialogTitle>New API token</DialogTitle>
              <DialogDescription>For the workspace “{workspace.name}”. Switch workspaces first for a token of another one.</DialogDescription>
            </DialogHeader>
            <div className="flex flex-col gap-2">
              <Label htmlFor="token-name">Name</Label>
              <Input
                id="token-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={100}
                placeholder="CI pipeline"
                autoFocus
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "token-name-error" : undefined}
              />
              {error && (
                <p id="token-name-error" role="alert" className="text-sm text-destructive">
                  {error}
                </p>
              )}
            </div>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => close(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={!name.trim() || pending}>
                {pending && <Loader2 className="size-4 animate-spin" aria-hidden />}
                Create token
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
