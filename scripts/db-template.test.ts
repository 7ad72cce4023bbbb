import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copyTemplate, makeTemplate, TEMPLATE_DIR, templateFits } from "./db-template.mjs";

// A stand-in for scripts/prepare-db.ts: the shape of a PGlite data directory is all these functions look at.
function fakeDatabase(dir: string, version = "17") {
  mkdirSync(path.join(dir, "pglite", "base"), { recursive: true });
  writeFileSync(path.join(dir, "pglite", "PG_VERSION"), version);
  writeFileSync(path.join(dir, "pglite", "base", "1"), "rows");
  return true;
}

describe("the prepared database of a build", () => {
  let root = "";
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const fresh = () => (root = mkdtempSync(path.join(tmpdir(), "planvas-template-")));

  it("fits only the sources it was made from", () => {
    fresh();
    expect(templateFits(root, "abc")).toBe(false);
    expect(makeTemplate(root, "abc", (dir: string) => fakeDatabase(dir))).toBe(true);
    expect(templateFits(root, "abc")).toBe(true);
    expect(templateFits(root, "def")).toBe(false);
  });

  it("leaves nothing behind when making it fails, and keeps no half-made template", () => {
    fresh();
    expect(makeTemplate(root, "abc", (dir: string) => (mkdirSync(dir, { recursive: true }), false))).toBe(false);
    expect(templateFits(root, "abc")).toBe(false);
    expect(readdirSync(path.join(root, ".next"), { withFileTypes: true }).length).toBe(0);
    expect(() =>
      makeTemplate(root, "abc", () => {
        throw new Error("initdb crashed");
      }),
    ).toThrow("initdb crashed");
    expect(existsSync(path.join(root, TEMPLATE_DIR))).toBe(false);
  });

  it("replaces the template of an earlier build", () => {
    fresh();
    makeTemplate(root, "old", (dir: string) => fakeDatabase(dir, "16"));
    makeTemplate(root, "new", (dir: string) => fakeDatabase(dir, "17"));
    expect(templateFits(root, "old")).toBe(false);
    expect(readFileSync(path.join(root, TEMPLATE_DIR, "pglite", "PG_VERSION"), "utf8")).toBe("17");
  });

  it("copies the database into a new data directory", () => {
    fresh();
    makeTemplate(root, "abc", (dir: string) => fakeDatabase(dir));
    const target = path.join(root, "data", "pglite");
    copyTemplate(root, target);
    expect(readFileSync(path.join(target, "base", "1"), "utf8")).toBe("rows");
    expect(readdirSync(path.dirname(target))).toEqual(["pglite"]);
  });
});
