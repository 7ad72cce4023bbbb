// Next.js 16 proxy (formerly middleware). Without Supabase configured it sends page requests that
// carry no local session cookie to /login (lib/auth/local). With Supabase it refreshes the
// session cookies on every page request (@supabase/ssr's `updateSession` pattern) and sends signed-out
// page requests to /login.
//
// It does not run for /api at all (see the matcher). Whenever a proxy runs for a request with a
// body, Next tees the body into it and then waits for the WHOLE body before the route handler
// starts (next/dist/server/body-streams.js: getCloneableBody().finalize() awaits the request's
// 'end', whatever the proxy returns; proxyClientMaxBodySize only truncates the copy). So a client
// declaring `content-length: 99999999` and sending 2 bytes got no answer at all, and no size or
// time limit in a handler could help. API handlers do not need the proxy: they answer 401 themselves
// (getCurrentUser → UnauthenticatedError → handle()), and their Supabase client refreshes the
// session cookies itself (cookies are writable in route handlers: lib/supabase/server.ts), so
// lib/http/json.ts readBody sees the body as it streams and answers 413 / 408 in time. Pages take
// no body (lib/http/guard.ts answers anything but GET/HEAD on them with 405 before Next reads it).
import { createServerClient } from "@supabase/ssr";
import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { supabasePublicConfig } from "@/lib/supabase/config";

/** Pages reachable without a session (an invitation link: the token is the secret, and it makes the account). */
function isPublicPath(pathname: string): boolean {
  return ["/login", "/setup", "/invite"].some((p) => pathname === p || pathname.startsWith(`${p}/`)) || pathname === "/api" || pathname.startsWith("/api/");
}

/** `/login?next=<where they were going>`. */
function toLogin(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const url = request.nextUrl.clone();
  url.pathname = "/login";
  url.search = "";
  if (pathname !== "/") url.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(url);
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const config = supabasePublicConfig();
  if (!config) {
    // Local accounts: a page without a session cookie goes to /login (which sends a fresh
    // installation on to /setup). The cookie is only looked at here; the page verifies it.
    if (isPublicPath(request.nextUrl.pathname) || getSessionCookie(request, { cookiePrefix: "planvas" })) return NextResponse.next();
    return toLogin(request);
  }

  let response = NextResponse.next({ request });
  const supabase = createServerClient(config.url, config.key, {
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll(cookiesToSet, headers) {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
        response = NextResponse.next({ request });
        for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, options);
        for (const [key, value] of Object.entries(headers ?? {})) response.headers.set(key, value);
      },
    },
  });
  // Nothing between creating the client and getUser(): it refreshes an expired session.
  const {
    data: { user },
  } = await supabase.auth.getUser();

  const { pathname } = request.nextUrl;
  if (!user && !isPublicPath(pathname)) return withCookies(toLogin(request), response);
  if (user && pathname === "/login") {
    const url = request.nextUrl.clone();
    url.pathname = "/";
    url.search = "";
    return withCookies(NextResponse.redirect(url), response);
  }
  return response;
}

/** A redirect must carry the refreshed session cookies too, or the browser and server drift apart. */
function withCookies(target: NextResponse, source: NextResponse): NextResponse {
  for (const cookie of source.cookies.getAll()) target.cookies.set(cookie);
  return target;
}

export const config = {
  matcher: [
    "/((?!_next/static|_next/image|api(?:/|$)|favicon\\.ico|icon\\.svg|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|xml|webmanifest|woff2?|ttf|css|js|map)$).*)",
  ],
};
