// The acting user on the embedded default: a Bearer API token (CLI, scripts) or the session cookie
// of a local account. Neither → UnauthenticatedError (API handlers answer 401; pages go to /login,
// or /setup while the installation has no owner yet).
import { headers } from "next/headers";
import { getDb } from "../../db";
import { authenticateToken, TokenError } from "../../workspaces/tokens";
import { UnauthenticatedError, type User } from "../user";
import { getLocalAuth } from "./instance";
import { needsSetup } from "./setup";

export async function getLocalUser(): Promise<User> {
  const h = await headers();
  const db = await getDb();
  const authorization = h.get("authorization");
  if (authorization) {
    const [scheme, token] = authorization.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() !== "bearer" || !token) throw new UnauthenticatedError('Authorization must be "Bearer <API token>"');
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
  const session = await (await getLocalAuth()).api.getSession({ headers: h });
  if (session) return { id: session.user.id, name: session.user.name, email: session.user.email };
  throw new UnauthenticatedError((await needsSetup(db)) ? "create the owner account first: open /setup, or run npx planvas setup" : "sign in required");
}
