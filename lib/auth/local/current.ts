// The acting user on the embedded default: a Bearer API token (CLI, scripts) or the session cookie
// of a local account. Neither → UnauthenticatedError (API handlers answer 401; pages go to /login,
// or /setup while the installation has no owner yet).
import { headers } from "next/headers";
import { getDb } from "../../db";
import { userFromBearer } from "../bearer";
import { UnauthenticatedError, type User } from "../user";
import { getLocalAuth } from "./instance";
import { needsSetup } from "./setup";

export async function getLocalUser(): Promise<User> {
  const h = await headers();
  const authorization = h.get("authorization");
  if (authorization) return userFromBearer(authorization);
  const session = await (await getLocalAuth()).api.getSession({ headers: h });
  if (session) return { id: session.user.id, name: session.user.name, email: session.user.email };
  const db = await getDb();
  throw new UnauthenticatedError((await needsSetup(db)) ? "create the owner account first: open /setup, or run npx planvas setup" : "sign in required");
}
