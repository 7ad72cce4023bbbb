// The first start of an installation: create the owner account. It claims the local owner's
// identity — the plans, runs and documents made before sign-in existed stay theirs — and gets an
// API token for scripts (`npx planvas setup` prints it). Refused once any account exists.
import { LOCAL_OWNER } from "../user";
import type { Database } from "../../db/client";
import { currentWorkspaceId } from "../../workspaces/current";
import { createToken } from "../../workspaces/tokens";
import { createAccount, withUserId, type LocalAuth } from ".";

export class SetupDoneError extends Error {
  constructor() {
    super("this installation has an owner already: sign in, or ask the owner for an invitation");
    this.name = "SetupDoneError";
  }
}

/** Whether the first owner still has to be created (no local account exists). */
export async function needsSetup(db: Database): Promise<boolean> {
  const rows = await db.query("select 1 from local_auth.user limit 1");
  return rows.length === 0;
}

export async function setupOwner(
  db: Database,
  auth: LocalAuth,
  input: { email: string; password: string; name: string },
): Promise<{ user: { id: string; email: string; name: string }; workspaceId: string; token: string }> {
  if (!(await needsSetup(db))) throw new SetupDoneError();
  // The owner takes the local owner's id, a primary key: of two setups at once, one account is made.
  let user: { id: string; email: string; name: string };
  try {
    user = await withUserId(LOCAL_OWNER.id, () => createAccount(auth, input));
  } catch (e) {
    if (!(await needsSetup(db))) throw new SetupDoneError(); // the other setup won the race

    throw e;
  }
  const workspaceId = await currentWorkspaceId(db, user);
  const { token } = await createToken(db, user, { workspaceId, name: "setup" });
  return { user, workspaceId, token };
}
