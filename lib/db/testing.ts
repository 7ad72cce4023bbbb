// Test support: a migrated database per test, on PGlite always and on PostgreSQL when
// TEST_DATABASE_URL is set. Not imported by application code.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { LOCAL_OWNER } from "../auth/user";
import type { Database } from "./client";
import { migrate, readMigrations } from "./migrate";
import { openPglite } from "./pglite";
import { openPostgres } from "./postgres";
import { ensureUser } from "./rls";

export type TestBackend = "pglite" | "postgres";

/** The backends the database tests run on here. */
export const testBackends: TestBackend[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

function schemaFingerprint(): string {
  const h = createHash("sha256");
  h.update(readFileSync(path.join(process.cwd(), "lib", "db", "compat.sql")));
  for (const m of readMigrations()) h.update(m.version).update(m.sql);
  return h.digest("hex").slice(0, 16);
}

/**
 * initdb in PGlite costs ~2 s; loading a dump of an already migrated directory ~0.3 s. The dump is
 * cached on disk, keyed by the migrations' content, and rebuilt when they change.
 */
async function pgliteSnapshot(): Promise<Blob> {
  const file = path.join(process.cwd(), "node_modules", ".cache", "planvas", `pglite-${schemaFingerprint()}.tar`);
  if (!existsSync(file)) {
    const db = await openPglite();
    await migrate(db);
    await ensureUser(db, LOCAL_OWNER);
    const dump = await db.pglite.dumpDataDir("none");
    await db.close();
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
  }
  return new Blob([readFileSync(file)]);
}

/** A fresh, migrated, isolated database. Close it with `drop()`. `url`: its address, on PostgreSQL. */
export async function openTestDatabase(backend: TestBackend): Promise<Database & { drop(): Promise<void>; url?: string }> {
  if (backend === "pglite") {
    const db = await openPglite(undefined, { loadDataDir: await pgliteSnapshot() });
    return { ...db, drop: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `planvas_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), { max: 4 });
  await migrate(db);
  await ensureUser(db, LOCAL_OWNER);
  return {
    ...db,
    url: url.toString(),
    async drop() {
      await db.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
