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

/** Copies the Set-Cookie headers of better-auth's answer onto ours. */
export function withCookiesOf(source: Response, target: Response): Response {
  for (const cookie of source.headers.getSetCookie()) target.headers.append("set-cookie", cookie);
  return target;
}

/** Local accounts exist only on the embedded default; with Supabase, sign-in is Supabase Auth's. */
export function localAccountsOnly(): Response | null {
  return isSupabaseConfigured() ? apiError(404, "sign-in is Supabase Auth here: use /login") : null;
}
