// Local accounts on the embedded default: better-auth (email + password, scrypt hashes, sessions in
// httpOnly SameSite=Lax cookies, origin-checked mutations, rate-limited sign-in) on the app's own
// database through its Drizzle adapter. A local user's id is a uuid shared with auth.users (a
// trigger, supabase/migrations/20261202010000_local_accounts.sql), so RLS, workspaces and realtime
// see the same identity as with Supabase Auth.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { Database } from "../../db/client";
import { localAuthSchema } from "./schema";

export interface LocalAuthOptions {
  secret: string;
  /** Where the app is reached (origin checks and cookie flags); inferred from requests when unset. */
  baseURL?: string;
  /** Sign-in attempts per window and client before "too many attempts" (429). */
  signInAttempts?: { window: number; max: number };
}

/** An id a sign-up should take instead of a random one: the first owner claims the local owner's. */
const claimedId = new AsyncLocalStorage<string>();

/** Runs `fn` so that the user it creates gets `id` (and with it the rows that id already owns). */
export const withUserId = <T>(id: string, fn: () => Promise<T>): Promise<T> => claimedId.run(id, fn);

export function createLocalAuth(db: Database, options: LocalAuthOptions) {
  const attempts = options.signInAttempts ?? { window: 60, max: 5 };
  return betterAuth({
    appName: "Planvas",
    secret: options.secret,
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    // Same-origin requests are trusted whatever address the browser used (localhost, 127.0.0.1, a LAN
    // name): the Origin header must equal the Host the request was sent to. A cross-site form or
    // fetch carries another Origin and is refused.
    trustedOrigins: (request?: Request) => {
      const host = request?.headers.get("host");
      return host ? [`http://${host}`, `https://${host}`] : [];
    },
    database: drizzleAdapter(db.drizzle, { provider: "pg", schema: localAuthSchema }),
    advanced: {
      database: { generateId: ({ model }) => (model === "user" ? (claimedId.getStore() ?? randomUUID()) : randomUUID()) },
      cookiePrefix: "planvas",
      // Explicit, so tests check what production does (better-auth skips the check under NODE_ENV=test).
      disableOriginCheck: false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    emailAndPassword: {
      enabled: true,
      // Accounts come from setup and invitations (the server creates them), never from a public form.
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 200,
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "memory",
      customRules: { "/sign-in/email": attempts, "/change-password": attempts },
    },
    telemetry: { enabled: false },
  });
}

export type LocalAuth = ReturnType<typeof createLocalAuth>;

export class AccountError extends Error {
  constructor(
    readonly field: "email" | "password" | "name",
    message: string,
  ) {
    super(message);
    this.name = "AccountError";
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Creates a local account with a password: what setup and accepted invitations do on the server
 * (public sign-up is off). The password is hashed by better-auth (scrypt); errors name the field.
 */
export async function createAccount(
  auth: LocalAuth,
  input: { email: string; password: string; name: string },
): Promise<{ id: string; email: string; name: string }> {
  const ctx = await auth.$context;
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  if (!EMAIL.test(email) || email.length > 320) throw new AccountError("email", "email: an address like name@example.com");
  if (!name || name.length > 200) throw new AccountError("name", "name: 1–200 characters");
  const { minPasswordLength, maxPasswordLength } = ctx.password.config;
  if (input.password.length < minPasswordLength || input.password.length > maxPasswordLength)
    throw new AccountError("password", `password: ${minPasswordLength}–${maxPasswordLength} characters`);
  if (await ctx.internalAdapter.findUserByEmail(email)) throw new AccountError("email", `email: an account for ${email} exists already`);
  const user = await ctx.internalAdapter.createUser({ email, name, emailVerified: false }, { method: "admin" });
  await ctx.internalAdapter.linkAccount({ accountId: user.id, providerId: "credential", userId: user.id, password: await ctx.password.hash(input.password) });
  return { id: user.id, email, name };
}
