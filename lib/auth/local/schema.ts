import { boolean, pgSchema, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Typed mirror of supabase/migrations/20261202010000_local_accounts.sql, in the shape better-auth's
// Drizzle adapter expects: one table per model (user, session, account, verification), properties
// named as better-auth's fields. lib/auth/local/local.test.ts checks it against the migrated tables.

const localAuth = pgSchema("local_auth");
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const user = localAuth.table("user", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const session = localAuth.table("session", {
  id: uuid("id").primaryKey(),
  userId: uuid("user_id").notNull(),
  token: text("token").notNull(),
  expiresAt: ts("expires_at").notNull(),
  ipAddress: text("ip_address"),
  userAgent: text("user_agent"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const account = localAuth.table("account", {
  id: uuid("id").primaryKey(),
  userId: uuid("user_id").notNull(),
  accountId: text("account_id").notNull(),
  providerId: text("provider_id").notNull(),
  accessToken: text("access_token"),
  refreshToken: text("refresh_token"),
  idToken: text("id_token"),
  accessTokenExpiresAt: ts("access_token_expires_at"),
  refreshTokenExpiresAt: ts("refresh_token_expires_at"),
  scope: text("scope"),
  password: text("password"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const verification = localAuth.table("verification", {
  id: uuid("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: ts("expires_at").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const localAuthSchema = { user, session, account, verification };
