import { z } from "zod";
import { crossSiteRefusal, localAccountsOnly, signInNewAccount, withCookiesOf } from "@/lib/auth/local/http";
import { getLocalAuth } from "@/lib/auth/local/instance";
import { AccountError } from "@/lib/auth/local";
import { needsSetup, SetupDoneError, setupOwner } from "@/lib/auth/local/setup";
import { getDb } from "@/lib/db";
import { apiError, handle, json, parseBody } from "@/lib/http/json";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const setupBody = z
  .object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(200), name: z.string().trim().min(1).max(200) })
  .strict();

/** Whether the installation still needs its owner account. */
export const GET = handle(async () => {
  const off = localAccountsOnly();
  if (off) return off;
  return json({ needsSetup: await needsSetup(await getDb()) });
});

/**
 * Creates the owner account on a fresh installation (it claims the data made before sign-in) and
 * signs them in; answers the owner's first API token once. 409 once an owner exists.
 */
export const POST = handle(async (req: Request) => {
  const off = localAccountsOnly() ?? crossSiteRefusal(req);
  if (off) return off;
  const body = await parseBody(req, setupBody, { what: "invalid setup" });
  if (!body.ok) return body.response;
  const db = await getDb();
  try {
    const { user, workspaceId, token } = await setupOwner(db, await getLocalAuth(), body.data);
    const signIn = await signInNewAccount(req, user.email, body.data.password);
    return withCookiesOf(signIn, json({ user, workspaceId, token }, { status: 201 }));
  } catch (e) {
    if (e instanceof SetupDoneError) return apiError(409, e.message, [{ path: "(request)", message: "setup is done" }]);
    if (e instanceof AccountError) return apiError(400, e.message, [{ path: e.field, message: e.message.replace(/^\w+: /, "") }]);
    throw e;
  }
});
