import { z } from "zod";
import { getCurrentUser } from "@/lib/auth";
import { localAccountsOnly, viaAuthHandler, withCookiesOf } from "@/lib/auth/local/http";
import { apiError, handle, json, parseBody } from "@/lib/http/json";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const signInBody = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(200) }).strict();

/** Who is signed in (401 when nobody). */
export const GET = handle(async () => json({ user: await getCurrentUser() }));

/** Signs in with email and password: 200 with the session cookie; 401 for a wrong pair; 429 after too many attempts. */
export const POST = handle(async (req: Request) => {
  const off = localAccountsOnly();
  if (off) return off;
  const body = await parseBody(req, signInBody, { what: "invalid sign-in" });
  if (!body.ok) return body.response;
  const res = await viaAuthHandler(req, "/sign-in/email", { email: body.data.email.toLowerCase(), password: body.data.password, rememberMe: true });
  if (res.status === 429) {
    const wait = Number(res.headers.get("x-retry-after") ?? 60);
    return apiError(429, `too many sign-in attempts; try again in ${wait} s`, [{ path: "(request)", message: "rate limited" }]);
  }
  if (res.status === 403)
    return apiError(403, "sign-in refused: the request came from another site", [{ path: "headers.Origin", message: "must be this app's own address" }]);
  if (!res.ok) return apiError(401, "wrong email or password", [{ path: "password", message: "wrong email or password" }]);
  const signedIn = (await res.json()) as { user: { id: string; email: string; name: string } };
  return withCookiesOf(res, json({ user: { id: signedIn.user.id, email: signedIn.user.email, name: signedIn.user.name } }));
});

/** Signs out: the session ends on the server and the cookie is cleared. */
export const DELETE = handle(async (req: Request) => {
  const off = localAccountsOnly();
  if (off) return off;
  const res = await viaAuthHandler(req, "/sign-out");
  return withCookiesOf(res, json({ signedOut: true }));
});
