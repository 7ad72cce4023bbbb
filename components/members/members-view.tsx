"use client";

import { LogOut, Trash2, UserPlus, Users } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/confirm-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { MemberRow, WorkspaceMembers } from "@/lib/workspaces/members";
import { can, ROLES, type Role } from "@/lib/workspaces/roles";
import { removeMember, revokeInvitation, updateMember } from "./api";
import { InviteDialog } from "./invite-dialog";
import { article, ROLE_LABEL } from "./role-labels";

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });

/** The members of the current workspace: a table owners and admins edit, everyone else reads. */
export function MembersView({ data }: { data: WorkspaceMembers }) {
  const router = useRouter();
  const { me, workspace, members, invitations } = data;
  const manage = can(me, "manage_members");
  const owner = can(me, "manage_owners");
  const [busy, setBusy] = useState<string | null>(null);

  async function change(m: MemberRow, patch: { role?: Role; approver?: boolean }) {
    setBusy(m.userId);
    try {
      const done = await updateMember(m.userId, patch);
      toast.success(
        patch.role ? `${m.name} is now ${article(done.role)} ${done.role}` : `${m.name} ${done.approver ? "may now approve" : "no longer approves"}`,
      );
      router.refresh();
    } catch (e) {
      toast.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function remove(m: MemberRow) {
    const self = m.userId === me.userId;
    try {
      await removeMember(m.userId);
    } catch (e) {
      toast.error((e as Error).message);
      throw e;
    }
    toast.success(self ? `You left ${workspace.name}` : `${m.name} was removed from ${workspace.name}`);
    if (self) router.replace("/");
    router.refresh();
  }

  async function revoke(id: string) {
    try {
      await revokeInvitation(id);
    } catch (e) {
      toast.error((e as Error).message);
      throw e;
    }
    toast.success("Invitation revoked: the link no longer works");
    router.refresh();
  }

  const managers = members.filter((m) => can(m, "manage_members"));
  const owners = members.filter((m) => m.role === "owner").length;
  // One's own personal workspace cannot be left (its owner is the person it belongs to).
  const canLeave = !(workspace.personal && me.role === "owner");

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 p-4 sm:p-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
            <p className="text-sm text-muted-foreground">
              Who works in <span className="font-medium text-foreground">{workspace.name}</span>, with which role. Approvers decide at approval gates.
            </p>
          </div>
          {manage && (
            <InviteDialog
              onCreated={() => router.refresh()}
              trigger={
                <Button>
                  <UserPlus /> Invite
                </Button>
              }
            />
          )}
        </div>

        {!manage && (
          <p role="note" className="rounded-md border bg-muted/40 p-3 text-sm text-muted-foreground" data-testid="members-read-only">
            You are {article(me.role)} {me.role} here, so this list is read-only. Only owners and admins change members and roles
            {managers.length ? `: ask ${managers.map((m) => `${m.name} (${m.role})`).join(", ")}.` : "."}
          </p>
        )}

        <Table aria-label="Members">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Approver</TableHead>
              <TableHead className="hidden sm:table-cell">Joined</TableHead>
              {(manage || canLeave) && <TableActionsHead />}
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.map((m) => {
              const self = m.userId === me.userId;
              // Only owners make or unmake owners; admins see an owner's role as text.
              const editable = manage && (owner || m.role !== "owner");
              const roleChoices = ROLES.filter((r) => owner || r !== "owner");
              // The last owner keeps the role (the database refuses otherwise): shown, not offered.
              const lastOwner = m.role === "owner" && owners === 1;
              return (
                <TableRow key={m.userId} data-testid={`member-${m.email ?? m.userId}`}>
                  <TableCell>
                    <div className="font-medium">
                      {m.name}
                      {self && <span className="ml-1.5 text-xs font-normal text-muted-foreground">(you)</span>}
                    </div>
                    {m.email && <div className="text-xs text-muted-foreground">{m.email}</div>}
                  </TableCell>
                  <TableCell>
                    {editable && !lastOwner ? (
                      <Select value={m.role} onValueChange={(role) => void change(m, { role: role as Role })} disabled={busy === m.userId}>
                        <SelectTrigger size="sm" className="w-28" aria-label={`Role of ${m.name}`}>
                          <SelectValue />
                        </SelectTrigger>
                        <SelectContent>
                          {roleChoices.map((r) => (
                            <SelectItem key={r} value={r}>
                              {ROLE_LABEL[r].name}
                            </SelectItem>
                          ))}
                        </SelectContent>
                      </Select>
                    ) : (
                      <Badge
                        variant={m.role === "owner" ? "default" : "secondary"}
                        title={lastOwner && editable ? "A workspace keeps at least one owner" : undefined}
                      >
                        {ROLE_LABEL[m.role].name}
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell>
                    {editable ? (
                      <Switch
                        checked={m.approver}
                        onCheckedChange={(approver) => void change(m, { approver })}
                        disabled={busy === m.userId}
                        aria-label={`${m.name} may approve`}
                      />
                    ) : (
                      <span className="text-sm text-muted-foreground">{m.approver ? "Approves" : "—"}</span>
                    )}
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground sm:table-cell">{day(m.joinedAt)}</TableCell>
                  {(manage || canLeave) && (
                    <TableCell className="px-2 text-right">
                      {self
                        ? canLeave && (
                            <ConfirmButton
                              question={`Leave ${workspace.name}?`}
                              description="You lose access to its plans and runs at once. Someone has to invite you again to come back."
                              confirmLabel="Leave"
                              onConfirm={() => remove(m)}
                              trigger={
                                <Button variant="ghost" size="icon" aria-label={`Leave ${workspace.name}`}>
                                  <LogOut />
                                </Button>
                              }
                            />
                          )
                        : editable && (
                            <ConfirmButton
                              question={`Remove ${m.name}?`}
                              description={`${m.name} loses access to ${workspace.name}'s plans and runs at once, and their API tokens for it stop working.`}
                              confirmLabel="Remove"
                              onConfirm={() => remove(m)}
                              trigger={
                                <Button variant="ghost" size="icon" aria-label={`Remove ${m.name}`}>
                                  <Trash2 />
                                </Button>
                              }
                            />
                          )}
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>

        {invitations && (
          <section aria-labelledby="pending-invitations" className="flex flex-col gap-3">
            <h2 id="pending-invitations" className="text-lg font-semibold tracking-tight">
              Pending invitations
            </h2>
            {invitations.length === 0 ? (
              <div className="flex items-center gap-3 rounded-lg border border-dashed p-6 text-sm text-muted-foreground">
                <Users className="size-5" aria-hidden />
                No pending invitations. Invite someone to get a link to send them; it works once and expires.
              </div>
            ) : (
              <Table aria-label="Pending invitations">
                <TableHeader>
                  <TableRow>
                    <TableHead>Role</TableHead>
                    <TableHead>For</TableHead>
                    <TableHead>Expires</TableHead>
                    <TableActionsHead />
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {invitations.map((i) => (
                    <TableRow key={i.id} data-testid="pending-invitation">
                      <TableCell>
                        {ROLE_LABEL[i.role].name}
                        {i.approver && <span className="text-muted-foreground"> · approver</span>}
                      </TableCell>
                      <TableCell className="text-muted-foreground">{i.email ?? "Anyone with the link"}</TableCell>
                      <TableCell className="text-muted-foreground">{day(i.expiresAt)}</TableCell>
                      <TableCell className="px-2 text-right">
                        <ConfirmButton
                          question="Revoke this invitation?"
                          description="The link stops working at once; whoever opens it is told it was revoked."
                          confirmLabel="Revoke"
                          onConfirm={() => revoke(i.id)}
                          trigger={
                            <Button variant="ghost" size="sm">
                              Revoke
                            </Button>
                          }
                        />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
