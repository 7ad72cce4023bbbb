import { sql } from "drizzle-orm";
import { boolean, customType, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Typed mirror of supabase/migrations/20261124020000_documents.sql and 20261202000000_workspaces.sql (the source of truth);
// lib/knowledge/knowledge.test.ts checks the two agree.

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export type DocumentFormat = "text" | "markdown";

export const documents = pgTable("documents", {
  id: uuid("id").primaryKey().defaultRandom(),
  ownerId: uuid("owner_id").default(sql`auth.uid()`),
  // Null for the installation's samples; otherwise filled from the owner's personal workspace when not given.
  workspaceId: uuid("workspace_id"),
  title: text("title").notNull(),
  content: text("content").notNull(),
  format: text("format").$type<DocumentFormat>().notNull().default("markdown"),
  sourceUrl: text("source_url"),
  isSample: boolean("is_sample").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  search: tsvector("search").generatedAlwaysAs(
    sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', content), 'B')`,
  ),
});

export const planvasMeta = pgTable("planvas_meta", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull().default({}),
});
