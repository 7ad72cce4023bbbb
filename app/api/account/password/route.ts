import { z } from "zod";
import { localAccountsOnly, viaAuthHandler, withCookiesOf } from "@/lib/auth/local/http";
import { apiError, handle, json, parseBody } from "@/lib/http/json";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const body = z
  .object({
    currentPassword: z.string().min(1, "must not be empty").max(200, "at most 200 characters"),
    newPassword: z.string().min(10, "at least 10 characters").max(200, "at most 200 characters"),
    /** Sign out every other session of this account (this one stays signed in). Default false. */
    revokeOtherSessions: z.boolean().optional(),
  })
  .strict();

/**
 * Changes the signed-in account's password through better-auth's own endpoint (its session check,
 * origin check and rate limit apply). Local accounts only: with Supabase, Supabase Auth owns passwords.
 */
export const POST = handle(async (req: Request) => {
  const off = localAccountsOnly();
  if (off) return off;
  const parsed = await parseBody(req, body, { what: "invalid password change", maxBytes: 10_000 });
  if (!parsed.ok) return parsed.response;
  if (parsed.data.newPassword === parsed.data.currentPassword)
    return apiError(400, "invalid password change: newPassword: must differ from the current password", [
      { path: "newPassword", message: "must differ from the current password" },
    ]);
  const res = await viaAuthHandler(req, "/change-password", { ...parsed.data, revokeOtherSessions: parsed.data.revokeOtherSessions ?? false });
  if (res.ok) return withCookiesOf(res, json({ changed: true, otherSessionsRevoked: parsed.data.revokeOtherSessions ?? false }));
  if (res.status === 429) {
    const wait = Number(res.headers.get("x-retry-after") ?? 60);
    return apiError(429, `too many attempts; try again in ${wait} s`);
  }
  if (res.status === 401) return apiError(401, "sign in with your password to change it (an API token cannot)");
  if (res.status === 403)
    return apiError(403, "refused: the request came from another site", [{ path: "headers.Origin", message: "must be this app's own address" }]);
  const answer = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  if (answer.code === "INVALID_PASSWORD")
    return apiError(400, "the current password is wrong", [{ path: "currentPassword", message: "is not this account's password" }]);
  if (answer.code === "PASSWORD_TOO_SHORT" || answer.code === "PASSWORD_TOO_LONG")
    return apiError(400, `invalid password change: newPassword: ${answer.message ?? "wrong length"}`, [
      { path: "newPassword", message: answer.message ?? "wrong length" },
    ]);
  return apiError(400, `the password was not changed: ${answer.message ?? `HTTP ${res.status}`}`);
});
