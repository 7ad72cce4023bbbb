// Who acts: a leaf module (no imports), so the database layer and the auth layer can both name a
// user without importing each other.

/** Who is acting. With Supabase Auth configured this comes from the session; otherwise it is the
 * single owner of this local workspace. */
export interface User {
  id: string;
  name: string;
  email?: string;
  /** The request authenticated with an API token of this workspace: it acts there and nowhere else. */
  tokenWorkspaceId?: string;
  /** The workspace the `planvas.workspace` cookie asks for (membership is checked where it is used). */
  chosenWorkspaceId?: string;
}

export const LOCAL_OWNER: User = {
  id: "00000000-0000-4000-8000-000000000001",
  name: "Local owner",
  email: "owner@planvas.local",
};

/** Supabase Auth is configured and the request carries no valid session. API handlers answer 401. */
export class UnauthenticatedError extends Error {
  constructor(message = "sign in required") {
    super(message);
    this.name = "UnauthenticatedError";
  }
}
