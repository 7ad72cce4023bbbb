import { describe, expect, it } from "vitest";
import { atLeast, can, refusal, rolesFrom, ROLES, type Capability } from "./roles";

describe("workspace roles", () => {
  // The same table as the README's and the RLS policies'.
  const table: Record<Capability, string[]> = {
    read: ["owner", "admin", "editor", "viewer"],
    edit_plans: ["owner", "admin", "editor"],
    run_plans: ["owner", "admin", "editor"],
    manage_members: ["owner", "admin"],
    manage_owners: ["owner"],
    delete_workspace: ["owner"],
    approve: [],
  };
  for (const [capability, roles] of Object.entries(table) as [Capability, string[]][])
    for (const role of ROLES)
      it(`${role} ${roles.includes(role) ? "may" : "may not"} ${capability} (without the approver capability)`, () => {
        expect(can({ role, approver: false }, capability)).toBe(roles.includes(role));
      });

  it("approving is a capability of its own, for any role", () => {
    expect(can({ role: "viewer", approver: true }, "approve")).toBe(true);
    expect(can({ role: "owner", approver: false }, "approve")).toBe(false);
    expect(can(null, "read")).toBe(false);
  });

  it("orders the roles", () => {
    expect(atLeast("admin", "editor")).toBe(true);
    expect(atLeast("viewer", "editor")).toBe(false);
    expect(rolesFrom("editor")).toBe("owners, admins and editors");
    expect(rolesFrom("owner")).toBe("owners");
  });

  it("says why in words", () => {
    expect(refusal({ role: "viewer", approver: false }, "edit_plans")).toBe("only owners, admins and editors may do this; you are a viewer");
    expect(refusal({ role: "admin", approver: false }, "manage_owners")).toBe("only owners may do this; you are an admin");
    expect(refusal(undefined, "read")).toBe("you are not a member of this workspace");
    expect(refusal({ role: "editor", approver: true }, "approve")).toBeNull();
  });
});
