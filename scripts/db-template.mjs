// A prepared embedded database per production build: creating a PGlite database (initdb, the
// migrations, the sample documents) takes 4–8 s, copying a prepared one ~0.1 s. `npm run app`
// prepares it once after a build, from the same migrations and seed code the server would run, and
// copies it into a data directory that does not exist yet. The template belongs to one build: its
// marker holds the build's source fingerprint, so changed migrations never reach a new database
// through a stale copy.
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export const TEMPLATE_DIR = path.join(".next", "planvas-db-template");
const MARKER = "planvas-template.json";

/** Whether the template under `root` was made for sources with fingerprint `current`. */
export function templateFits(root, current) {
  try {
    const marker = JSON.parse(readFileSync(path.join(root, TEMPLATE_DIR, MARKER), "utf8"));
    return marker.fingerprint === current && existsSync(path.join(root, TEMPLATE_DIR, "pglite", "PG_VERSION"));
  } catch {
    return false;
  }
}

/**
 * Makes the template: `create(dir)` must create a complete database in `dir/pglite` and close it.
 * Built beside the final place and renamed into it, so a crash never leaves a half-made template.
 */
export function makeTemplate(root, current, create) {
  const final = path.join(root, TEMPLATE_DIR);
  const partial = `${final}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  try {
    if (!create(partial)) return false;
    writeFileSync(path.join(partial, MARKER), `${JSON.stringify({ fingerprint: current, madeAt: new Date().toISOString() })}\n`);
    rmSync(final, { recursive: true, force: true });
    renameSync(partial, final);
    return true;
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

/** Copies the template's database to `pgliteDir` (which must not exist yet). */
export function copyTemplate(root, pgliteDir) {
  const target = path.resolve(pgliteDir);
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(path.join(root, TEMPLATE_DIR, "pglite"), partial, { recursive: true });
  renameSync(partial, target);
}
