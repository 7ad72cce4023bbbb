"use client";

import { Check, Copy, Loader2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import type { Role } from "@/lib/workspaces/roles";
import { createInvitation } from "./api";
import { ROLE_LABEL } from "./role-labels";

type InviteRole = Exclude<Role, "owner">;

/**
 * "Invite": choose a role and the approver capability, get a link to send (there is no mail
 * server to need). The link is shown once — only its hash is stored — with Copy and its expiry.
 */
export function InviteDialog({ trigger, onCreated }: { trigger: React.ReactElement; onCreated: () => void }) {
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<InviteRole>("editor");
  const [approver, setApprover] = useState(false);
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [copied, setCopied] = useState(false);

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      setLink(null);
      setCopied(false);
      setRole("editor");
      setApprover(false);
    }
  }

  async function create() {
    setBusy(true);
    try {
      const made = await createInvitation({ role, approver });
      setLink(made);
      onCreated();
    } catch (e) {
      toast.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
      toast.success("Link copied");
    } catch {
      toast.error("Could not copy: select the link and copy it yourself");
    }
  }

  // Owners are made from members (an invitation never makes one); admins may invite admins.
  const roles: InviteRole[] = ["admin", "editor", "viewer"];

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Invite a member</DialogTitle>
          <DialogDescription>
            {link
              ? "Send this link to the person you invite. It works once, and only until it expires."
              : "Choose what they may do; you get a link to send them."}
          </DialogDescription>
        </DialogHeader>
        {link ? (
          <div className="flex flex-col gap-2">
            <Label htmlFor="invite-link">Invitation link</Label>
            <div className="flex gap-2">
              <Input id="invite-link" readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
              <Button type="button" variant="outline" onClick={() => void copy()}>
                {copied ? <Check /> : <Copy />} Copy
              </Button>
            </div>
            <p className="text-sm text-muted-foreground" data-testid="invite-expiry">
              Expires {new Date(link.expiresAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}. This is the only time the link is
              shown.
            </p>
          </div>
        ) : (
          <div className="flex flex-col gap-4">
            <div className="flex flex-col gap-2">
              <Label htmlFor="invite-role">Role</Label>
              <Select value={role} onValueChange={(r) => setRole(r as InviteRole)}>
                <SelectTrigger id="invite-role" className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {roles.map((r) => (
                    <SelectItem key={r} value={r}>
                      {ROLE_LABEL[r].name} — {ROLE_LABEL[r].does}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
            <div className="flex items-center justify-between gap-4 rounded-md border p-3">
              <div>
                <Label htmlFor="invite-approver">Approver</Label>
                <p className="text-sm text-muted-foreground">May approve, edit or reject steps at approval gates.</p>
              </div>
              <Switch id="invite-approver" checked={approver} onCheckedChange={setApprover} />
            </div>
          </div>
        )}
        <DialogFooter>
          {link ? (
            <Button type="button" onClick={() => reset(false)}>
              Done
            </Button>
          ) : (
            <Button type="button" onClick={() => void create()} disabled={busy}>
              {busy && <Loader2 className="animate-spin" aria-hidden />} Create link
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
