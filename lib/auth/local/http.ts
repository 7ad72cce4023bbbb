// Sign-in and sign-out over better-auth's own request handler, so its protections apply to every
// attempt (rate limit per client, origin check against the request's own host): the app's routes
// only translate paths and answers into Planvas's API shape.
import { apiError } from "../../http/json";
import { isSupabaseConfigured } from "../../supabase/config";
import { getLocalAuth, publicUrl } from "./instance";

/** Sends `req` to better-auth's handler at `path` (e.g. "/sign-in/email"), with the same headers and body. */
export async function viaAuthHandler(req: Request, path: string, body?: unknown): Promise<Response> {
  const auth = await getLocalAuth();
  const headers = new Headers(req.headers);
  headers.set("content-type", "application/json");
  // Browsers send Origin with every POST, so a cross-site attempt always carries its own and is
  // refused. A request without one is not from a browser (the CLI, a script): there is no victim's
  // session to ride on, so it is treated as same-origin.
  if (!headers.has("origin")) {
    const host = headers.get("host") ?? new URL(publicUrl()).host;
    headers.set("origin", `${new URL(req.url).protocol}//${host}`);
    headers.set("host", host);
  }
  return auth.handler(
    new Request(new URL(`/api/auth${path}`, publicUrl()), {
      method: "POST",
      headers,
      body: JSON.stringify(body ?? {}),
    }),
  );
}

/**
 * Signs in an account this very request created (setup, joining from an invitation), with the
 * password it was just given: better-auth's server API, not its HTTP handler, so it is not counted
 * as a sign-in attempt of the client — it guesses nothing, and a team joining at once from one
 * address must not lock each other out of the real sign-in form.
 */
/**
 * A browser's cross-site request, refused before an account is made and signed in from it (the
 * server API below skips better-auth's own origin check). Requests without Origin are not from a
 * browser page of another site (the CLI, scripts), as in `viaAuthHandler`.
 */
export function crossSiteRefusal(req: Request): Response | null {
  const origin = req.headers.get("origin");
  if (!origin) return null;
  const host = req.headers.get("host") ?? new URL(req.url).host;
  let from: string;
  try {
    from = new URL(origin).host;
  } catch {
    from = "";
  }
  // The request's own host, or the public address (behind a proxy that rewrites Host).
  return from === host || from === new URL(publicUrl()).host
    ? null
    : apiError(403, `a request from another site (${origin.slice(0, 100)}) may not create or sign in an account`);
}

export async function signInNewAccount(req: Request, email: string, password: string): Promise<Response> {
  const auth = await getLocalAuth();
  return auth.api.signInEmail({ body: { email, password, rememberMe: true }, headers: new Headers(req.headers), asResponse: true });
}

/** Copies the Set-Cookie headers of better-auth's answer onto ours. */
export function withCookiesOf(source: Response, target: Response): Response {
  for (const cookie of source.headers.getSetCookie()) target.headers.append("set-cookie", cookie);
  return target;
}

/** Local accounts exist only on the embedded default; with Supabase, sign-in is Supabase Auth's. */
export function localAccountsOnly(): Response | null {
  return isSupabaseConfigured() ? apiError(404, "sign-in is Supabase Auth here: use /login") : null;
}
