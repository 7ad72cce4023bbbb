import type { Role } from "@/lib/workspaces/roles";

/** What each role may do, in the words the members page and the invite dialog show. */
export const ROLE_LABEL: Record<Role, { name: string; does: string }> = {
  owner: { name: "Owner", does: "everything, including making owners" },
  admin: { name: "Admin", does: "manages members and settings, edits and runs plans" },
  editor: { name: "Editor", does: "creates, edits and runs plans" },
  viewer: { name: "Viewer", does: "reads plans and runs" },
};

export const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");
