// The `planvas.workspace` cookie: which of their workspaces a signed-in person is looking at. It is
// a preference, not a credential — every read checks membership (lib/workspaces/current.ts), so a
// forged value lands the person in their personal workspace, never in someone else's.
import { isUuid } from "../ids";

export const WORKSPACE_COOKIE = "planvas.workspace";

/** The workspace id a Cookie header asks for, when it is a well-formed uuid. */
export function workspaceFromCookieHeader(cookie: string | null | undefined): string | undefined {
  if (!cookie) return undefined;
  for (const part of cookie.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== WORKSPACE_COOKIE) continue;
    let value = part.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      return undefined;
    }
    return isUuid(value) ? value.toLowerCase() : undefined;
  }
  return undefined;
}

/** Set-Cookie for choosing `workspaceId`: a year, the whole site, not readable by scripts. */
export function workspaceCookie(workspaceId: string, secure: boolean): string {
  return `${WORKSPACE_COOKIE}=${workspaceId}; Path=/; Max-Age=${60 * 60 * 24 * 365}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
