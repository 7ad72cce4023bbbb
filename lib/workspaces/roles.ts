// What each workspace role may do — the same rules the RLS policies in
// supabase/migrations/20261202000000_workspaces.sql enforce, stated once for the server's own checks
// (the runner acts as service role, so run starts and decisions are checked here before they are
// recorded) and for the UI (which hides what a member may not do, and says why).

export const ROLES = ["owner", "admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** A member as the checks see them: a role, and whether they hold the approver capability. */
export interface Member {
  userId: string;
  role: Role;
  approver: boolean;
  name?: string;
}

export type Capability = "read" | "edit_plans" | "run_plans" | "manage_members" | "manage_owners" | "delete_workspace" | "approve";

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

/** Whether `role` is `min` or above (owner > admin > editor > viewer). */
export const atLeast = (role: Role, min: Role): boolean => RANK[role] >= RANK[min];

const NEEDS: Record<Exclude<Capability, "approve">, Role> = {
  read: "viewer",
  edit_plans: "editor",
  run_plans: "editor",
  manage_members: "admin",
  manage_owners: "owner",
  delete_workspace: "owner",
};

export function can(member: Pick<Member, "role" | "approver"> | null | undefined, capability: Capability): boolean {
  if (!member) return false;
  if (capability === "approve") return member.approver;
  return atLeast(member.role, NEEDS[capability]);
}

const PLURAL: Record<Role, string> = { owner: "owners", admin: "admins", editor: "editors", viewer: "viewers" };

/** "editors, admins and owners": who holds `min` or above, for messages. */
export function rolesFrom(min: Role): string {
  const names = ROLES.filter((r) => atLeast(r, min)).map((r) => PLURAL[r]);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** Why `member` may not do `capability`, in words for a 403; null when they may. */
export function refusal(member: Pick<Member, "role" | "approver"> | null | undefined, capability: Capability): string | null {
  if (can(member, capability)) return null;
  if (!member) return "you are not a member of this workspace";
  if (capability === "approve") return "you are not an approver in this workspace; an owner or admin can make you one";
  return `only ${rolesFrom(NEEDS[capability])} may do this; you are ${/^[aeiou]/.test(member.role) ? "an" : "a"} ${member.role}`;
}
