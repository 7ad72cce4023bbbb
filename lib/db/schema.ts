import { sql } from "drizzle-orm";
import { boolean, customType, integer, jsonb, pgSchema, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Plan } from "../plan/schema";

// Typed mirror of supabase/migrations/*.sql, which stay the source of truth (they carry RLS,
// triggers and grants that Supabase applies with `supabase db push`). A test compares this file
// with the migrated database so the two cannot drift apart.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const authUsers = pgSchema("auth").table("users", {
  id: uuid("id").primaryKey(),
  email: text("email"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const profiles = pgTable("profiles", {
  id: uuid("id").primaryKey(),
  displayName: text("display_name").notNull().default(""),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const plans = pgTable("plans", {
  id: uuid("id").primaryKey().defaultRandom(),
  ownerId: uuid("owner_id")
    .notNull()
    .default(sql`auth.uid()`),
  // Filled from the owner's personal workspace by a trigger when not given (supabase/migrations/*_workspaces.sql).
  workspaceId: uuid("workspace_id")
    .notNull()
    .default(sql`null`),
  title: text("title").notNull(),
  latestVersion: integer("latest_version").notNull().default(0),
  stepCount: integer("step_count").notNull().default(0),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  // The template version the plan was made from (20261202030000_plan_templates.sql): a workspace
  // template's id or a starter's slug, never both.
  templateId: uuid("template_id"),
  templateStarter: text("template_starter"),
  templateVersion: integer("template_version"),
  templateParams: jsonb("template_params").$type<Record<string, unknown>>(),
  // The schedule or webhook this plan is the runnable copy of, when a trigger aimed at a template
  // made it (20261203000000_triggers.sql); one plan per trigger.
  triggerId: uuid("trigger_id"),
});

export const planVersions = pgTable(
  "plan_versions",
  {
    planId: uuid("plan_id").notNull(),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    plan: jsonb("plan").$type<Plan>().notNull(),
    stepCount: integer("step_count").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .default(sql`auth.uid()`),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.version] })],
);

// postgres.js answers bytea with a Buffer (possibly a view into its shared pool), PGlite with a
// Uint8Array: both are copied into a plain Uint8Array that owns its memory.
const bytea = customType<{ data: Uint8Array<ArrayBuffer>; driverData: Uint8Array | string }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => new Uint8Array(typeof value === "string" ? Buffer.from(value.replace(/^\\x/, ""), "hex") : value),
});

export const assets = pgTable("assets", {
  id: uuid("id").primaryKey().defaultRandom(),
  ownerId: uuid("owner_id")
    .notNull()
    .default(sql`auth.uid()`),
  workspaceId: uuid("workspace_id")
    .notNull()
    .default(sql`null`),
  mediaType: text("media_type").notNull(),
  bytes: bytea("bytes").notNull(),
  byteSize: integer("byte_size").notNull(),
  source: text("source"),
  description: text("description"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  personal: boolean("personal").notNull().default(false),
  createdBy: uuid("created_by").default(sql`auth.uid()`),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const memberships = pgTable(
  "memberships",
  {
    workspaceId: uuid("workspace_id").notNull(),
    userId: uuid("user_id").notNull(),
    role: text("role", { enum: ["owner", "admin", "editor", "viewer"] }).notNull(),
    approver: boolean("approver").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);
