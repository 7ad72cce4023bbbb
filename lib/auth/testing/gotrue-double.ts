// TEST DOUBLE of Supabase Auth (GoTrue) — not Supabase. A node:http server on 127.0.0.1 that
// answers only what the server-side session check needs: `GET /auth/v1/user` returns the user for
// the one known bearer token and 401 otherwise. Plus helpers that write a session cookie in the
// exact format @supabase/ssr 0.12.x writes (`sb-<project-ref>-auth-token`, `base64-` + base64url
// JSON, chunked as `.0`, `.1`, … past 3180 characters). Test support only.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface GoTrueDouble {
  url: string;
  /** Requests received, as "METHOD path". */
  requests: string[];
  close(): Promise<void>;
}

export const DOUBLE_TOKEN = "test-access-token";

export const DOUBLE_USER = {
  id: "6b1c2a3e-2f4d-4c5b-9a8e-7d6c5b4a3f21",
  aud: "authenticated",
  role: "authenticated",
  email: "ada@example.test",
  user_metadata: { full_name: "Ada Lovelace" },
  app_metadata: { provider: "email", providers: ["email"] },
  created_at: "2026-01-01T00:00:00Z",
};

export async function startGoTrueDouble(): Promise<GoTrueDouble> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    requests.push(`${req.method} ${path}`);
    res.setHeader("content-type", "application/json");
    if (req.method === "GET" && path === "/auth/v1/user") {
      if (req.headers.authorization === `Bearer ${DOUBLE_TOKEN}`) {
        res.end(JSON.stringify(DOUBLE_USER));
        return;
      }
      res.statusCode = 401;
      res.end(JSON.stringify({ code: 401, error_code: "bad_jwt", msg: "invalid JWT: unable to parse or verify signature" }));
      return;
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ code: 404, error_code: "not_found", msg: "not found in the test double" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** supabase-js's default storage key: `sb-<first label of the URL's hostname>-auth-token`. */
export function authCookieName(supabaseUrl: string): string {
  return `sb-${new URL(supabaseUrl).hostname.split(".")[0]}-auth-token`;
}

/**
 * The cookies @supabase/ssr writes for a session: `base64-<base64url(JSON)>`, one cookie when it
 * fits in 3180 URI-encoded characters, otherwise `<name>.0`, `<name>.1`, … (base64url needs no
 * URI encoding, so plain slicing matches its chunker).
 */
export function sessionCookies(supabaseUrl: string, accessToken: string, user: object = DOUBLE_USER): { name: string; value: string }[] {
  const now = Math.floor(Date.now() / 1000);
  const session = { access_token: accessToken, token_type: "bearer", expires_in: 3600, expires_at: now + 3600, refresh_token: "test-refresh-token", user };
  const value = `base64-${Buffer.from(JSON.stringify(session), "utf8").toString("base64url")}`;
  const name = authCookieName(supabaseUrl);
  const max = 3180;
  if (value.length <= max) return [{ name, value }];
  const chunks: { name: string; value: string }[] = [];
  for (let i = 0; i * max < value.length; i++) chunks.push({ name: `${name}.${i}`, value: value.slice(i * max, (i + 1) * max) });
  return chunks;
}
