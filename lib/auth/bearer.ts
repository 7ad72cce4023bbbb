// `Authorization: Bearer <API token>`: the user and workspace of a personal API token, on either
// backing (tokens live in the app's database, not in the identity provider).
import { getDb } from "../db";
import { authenticateTokenUser, TokenError } from "../workspaces/tokens";
import { UnauthenticatedError, type User } from "./user";

/** The token's user, acting in the token's workspace only; 401 (UnauthenticatedError) for a bad header or token. */
export async function userFromBearer(authorization: string): Promise<User> {
  const [scheme, token] = authorization.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() !== "bearer" || !token) throw new UnauthenticatedError('Authorization must be "Bearer <API token>"');
  const db = await getDb();
  try {
    const { userId, workspaceId, name, email } = await authenticateTokenUser(db, token);
    return { id: userId, name: name || email || "API token", ...(email ? { email } : {}), tokenWorkspaceId: workspaceId };
  } catch (e) {
    if (e instanceof TokenError) throw new UnauthenticatedError(e.message);
    throw e;
  }
}
