// `Authorization: Bearer <API token>`: the user and workspace of a personal API token, on either
// backing (tokens live in the app's database, not in the identity provider).
import { getDb } from "../db";
import { authenticateToken, TokenError } from "../workspaces/tokens";
import { UnauthenticatedError, type User } from "./user";

/** The token's user, acting in the token's workspace only; 401 (UnauthenticatedError) for a bad header or token. */
export async function userFromBearer(authorization: string): Promise<User> {
  const [scheme, token] = authorization.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() !== "bearer" || !token) throw new UnauthenticatedError('Authorization must be "Bearer <API token>"');
  const db = await getDb();
  try {
    const { userId, workspaceId } = await authenticateToken(db, token);
    // As the app's own connection: auth.users is not granted to the API roles.
    const [row] = await db.query<{ display_name: string | null; email: string | null }>(
      "select p.display_name, u.email from auth.users u left join public.profiles p on p.id = u.id where u.id = $1",
      [userId],
    );
    return {
      id: userId,
      name: row?.display_name || row?.email || "API token",
      ...(row?.email ? { email: row.email } : {}),
      tokenWorkspaceId: workspaceId,
    };
  } catch (e) {
    if (e instanceof TokenError) throw new UnauthenticatedError(e.message);
    throw e;
  }
}
