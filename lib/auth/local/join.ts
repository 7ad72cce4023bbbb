// Joining a workspace from an invitation link without an account (the embedded default): the link
// is checked first, then the local account is made and the invitation accepted for it. When the
// acceptance fails after all (someone else used the link a moment earlier), the new account is
// removed again, so a refused link never leaves an account behind.
import type { Database } from "../../db/client";
import { acceptInvitation, readInvitation } from "../../workspaces/invitations";
import { createAccount, type LocalAuth } from ".";

export async function joinWithNewAccount(
  db: Database,
  auth: LocalAuth,
  token: string,
  input: { email: string; password: string; name: string },
): Promise<{ user: { id: string; email: string; name: string }; workspaceId: string }> {
  await readInvitation(db, token);
  const user = await createAccount(auth, input);
  try {
    const { workspaceId } = await acceptInvitation(db, user.id, token);
    return { user, workspaceId };
  } catch (e) {
    // As the app's own connection: local_auth is not granted to the API roles.
    await db.transaction(async (tx) => {
      await tx.query("delete from public.workspaces where personal and created_by = $1", [user.id]);
      await tx.query('delete from local_auth."user" where id = $1', [user.id]);
      await tx.query("delete from auth.users where id = $1", [user.id]);
    });
    throw e;
  }
}
