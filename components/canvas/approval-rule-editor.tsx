"use client";

import { useEffect, useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { DEFAULT_APPROVAL_RULE, type ApprovalRule } from "@/lib/plan/approval-rule";
import { ROLES, type Role } from "@/lib/workspaces/roles";

interface MemberOption {
  userId: string;
  name?: string;
  email?: string;
  role: Role;
  approver: boolean;
}

const ROLE_LABEL: Record<Role, string> = { owner: "Owners", admin: "Admins and up", editor: "Editors and up", viewer: "Every member" };

/** The workspace's members, for naming deciders; empty when they cannot be read (the rule still works by id). */
function useMembers(enabled: boolean): MemberOption[] | null {
  const [members, setMembers] = useState<MemberOption[] | null>(null);
  useEffect(() => {
    if (!enabled || members) return;
    let live = true;
    void fetch("/api/workspace/members", { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : { members: [] }))
      .then((b: { members?: MemberOption[] }) => live && setMembers(b.members ?? []))
      .catch(() => live && setMembers([]));
    return () => {
      live = false;
    };
  }, [enabled, members]);
  return members;
}

/**
 * Who may decide a gate, in the inspector: any approver (default), named members, or a role and
 * up; four-eyes; how many approvals. The server enforces the same rule (lib/runs/gate-rules.ts).
 */
export function ApprovalRuleEditor({
  rule,
  readOnly,
  onChange,
}: {
  rule: ApprovalRule | undefined;
  readOnly?: boolean;
  onChange: (rule: ApprovalRule, coalesce?: string) => void;
}) {
  const r = rule ?? DEFAULT_APPROVAL_RULE;
  const members = useMembers(r.deciders.kind === "members");
  const ids = { kind: useId(), role: useId(), four: useId(), quorum: useId() };
  const set = (patch: Partial<ApprovalRule>, coalesce?: string) => onChange({ ...r, ...patch }, coalesce);
  const chosen = r.deciders.kind === "members" ? r.deciders.userIds : [];

  return (
    <div className="flex flex-col gap-2" data-testid="approval-rule">
      <Label htmlFor={ids.kind} className="text-xs">
        Who may decide
      </Label>
      <Select
        value={r.deciders.kind}
        disabled={readOnly}
        onValueChange={(kind) =>
          set({
            deciders:
              kind === "members"
                ? { kind: "members", userIds: chosen.length ? chosen : [] }
                : kind === "role"
                  ? { kind: "role", role: "editor" }
                  : { kind: "approvers" },
          })
        }
      >
        <SelectTrigger id={ids.kind} className="h-8" data-testid="approval-rule-kind">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value="approvers">Any approver</SelectItem>
          <SelectItem value="members">Specific members</SelectItem>
          <SelectItem value="role">A role and up</SelectItem>
        </SelectContent>
      </Select>

      {r.deciders.kind === "role" && (
        <Select value={r.deciders.role} disabled={readOnly} onValueChange={(role) => set({ deciders: { kind: "role", role: role as Role } })}>
          <SelectTrigger id={ids.role} className="h-8" aria-label="Role">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {ROLES.map((role) => (
              <SelectItem key={role} value={role}>
                {ROLE_LABEL[role]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      )}

      {r.deciders.kind === "members" && (
        <fieldset className="flex flex-col gap-1 rounded-md border p-2" data-testid="approval-rule-members">
          <legend className="px-1 text-xs text-muted-foreground">Members who may decide</legend>
          {members === null && <p className="text-xs text-muted-foreground">Loading members…</p>}
          {members?.length === 0 && <p className="text-xs text-muted-foreground">No members to choose from.</p>}
          {members?.map((m) => (
            <label key={m.userId} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-primary"
                disabled={readOnly}
                checked={chosen.includes(m.userId)}
                onChange={(e) => {
                  const userIds = e.target.checked ? [...chosen, m.userId] : chosen.filter((id) => id !== m.userId);
                  // An empty list is not a rule: back to any approver.
                  set({ deciders: userIds.length ? { kind: "members", userIds } : { kind: "approvers" } });
                }}
              />
              <span className="truncate">{m.name || m.email || m.userId}</span>
              <span className="ml-auto text-xs text-muted-foreground">{m.role}</span>
            </label>
          ))}
        </fieldset>
      )}

      <div className="flex items-center justify-between gap-3">
        <Label htmlFor={ids.four} className="text-xs">
          Not the person who started the run (four-eyes)
        </Label>
        <Switch id={ids.four} checked={r.notInitiator} disabled={readOnly} onCheckedChange={(notInitiator) => set({ notInitiator })} />
      </div>
      <div className="flex items-center justify-between gap-3">
        <Label htmlFor={ids.quorum} className="text-xs">
          Approvals needed
        </Label>
        <Input
          id={ids.quorum}
          type="number"
          min={1}
          max={10}
          className="h-8 w-20"
          disabled={readOnly}
          value={r.quorum}
          onChange={(e) => {
            const n = Math.trunc(Number(e.target.value));
            if (Number.isFinite(n) && n >= 1 && n <= 10) set({ quorum: n }, "quorum");
          }}
        />
      </div>
      <p className="text-xs text-muted-foreground">
        {r.quorum > 1 ? `${r.quorum} different people must approve; one rejection stops or revises the step.` : "One approval passes the gate."}
      </p>
    </div>
  );
}
