import { getCurrentUser, UnauthenticatedError, type User } from "@/lib/auth";
import { AccountError } from "@/lib/auth/local";
import { crossSiteRefusal, signInNewAccount, withCookiesOf } from "@/lib/auth/local/http";
import { getLocalAuth } from "@/lib/auth/local/instance";
import { joinWithNewAccount } from "@/lib/auth/local/join";
import { getDb } from "@/lib/db";
import { apiError, handle, json, parseBody, readBody } from "@/lib/http/json";
import { isSupabaseConfigured } from "@/lib/supabase/config";
import { workspaceCookie } from "@/lib/workspaces/cookie";
import { invitationPath, joinBody, workspaceErrorResponse } from "@/lib/workspaces/members-http";
import { acceptInvitation, readInvitation } from "@/lib/workspaces/invitations";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ token: string }> };

const JOIN_MAX_BYTES = 10_000;

/** What a link invites to (no sign-in needed: the token is the secret), or why it no longer works. */
export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const { token } = await ctx.params;
  try {
    const invite = await readInvitation(await getDb(), token);
    return json({ workspace: { name: invite.workspaceName }, role: invite.role, approver: invite.approver });
  } catch (e) {
    return workspaceErrorResponse(e, "token");
  }
});

/** The joined workspace becomes the current one (the `planvas.workspace` cookie): the invitee lands in it. */
function landIn(req: Request, workspaceId: string, res: Response): Response {
  const secure = new URL(req.url).protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
  res.headers.append("set-cookie", workspaceCookie(workspaceId, secure));
  return res;
}

async function signedInUser(): Promise<User | null> {
  try {
    return await getCurrentUser();
  } catch (e) {
    if (e instanceof UnauthenticatedError) return null;
    throw e;
  }
}

/**
 * Accepts the invitation. Signed in (a session or an API token): as that user. Signed out on the
 * embedded default: `{name, email, password}` creates the local account, accepts, and signs it in.
 * With Supabase Auth, the invitee signs in (or signs up) first and accepts then.
 */
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const { token } = await ctx.params;
  const db = await getDb();
  const user = await signedInUser();
  try {
    if (user) {
      // Nothing in the body counts when signed in, but it is read within the usual limits (413, 408).
      const body = await readBody(req, JOIN_MAX_BYTES);
      if (!body.ok) return body.response;
      const { workspaceId, role } = await acceptInvitation(db, user.id, token);
      return landIn(req, workspaceId, json({ workspaceId, role, user: { id: user.id, name: user.name, email: user.email ?? null } }));
    }
    if (isSupabaseConfigured()) {
      const body = await readBody(req, JOIN_MAX_BYTES);
      if (!body.ok) return body.response;
      await readInvitation(db, token); // a dead link says so before asking anyone to sign in
      const next = encodeURIComponent(invitationPath(token));
      return apiError(401, `sign in or create your account first (/login?next=${next}), then accept the invitation`);
    }
    const crossSite = crossSiteRefusal(req);
    if (crossSite) return crossSite;
    const body = await parseBody(req, joinBody, { what: "invalid account", maxBytes: JOIN_MAX_BYTES });
    if (!body.ok) return body.response;
    const joined = await joinWithNewAccount(db, await getLocalAuth(), token, body.data);
    const signIn = await signInNewAccount(req, joined.user.email, body.data.password);
    return landIn(req, joined.workspaceId, withCookiesOf(signIn, json({ workspaceId: joined.workspaceId, user: joined.user }, { status: 201 })));
  } catch (e) {
    if (e instanceof AccountError) return apiError(400, e.message, [{ path: e.field, message: e.message.replace(/^\w+: /, "") }]);
    return workspaceErrorResponse(e, "token");
  }
});
