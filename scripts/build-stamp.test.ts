import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkBuild, decideBuild, fingerprint, sourceFiles, writeStamp } from "./build-stamp.mjs";

describe("decideBuild", () => {
  const stamp = { fingerprint: "abc", buildId: "b1" };
  it("builds when there is no build", () => {
    expect(decideBuild({ buildId: null, stamp, current: "abc" })).toMatchObject({ build: true, reason: "there is no production build yet" });
  });
  it("builds when the build has no stamp or a broken one", () => {
    expect(decideBuild({ buildId: "b1", stamp: null, current: "abc" }).build).toBe(true);
    expect(decideBuild({ buildId: "b1", stamp: { buildId: "b1" }, current: "abc" }).build).toBe(true);
  });
  it("builds when someone else rebuilt .next since the stamp", () => {
    expect(decideBuild({ buildId: "b2", stamp, current: "abc" })).toMatchObject({ build: true, reason: "the build was replaced since npm run app made it" });
  });
  it("builds when the sources changed", () => {
    expect(decideBuild({ buildId: "b1", stamp, current: "def" })).toMatchObject({ build: true, reason: "the sources changed since the last build" });
  });
  it("reuses an up-to-date build", () => {
    expect(decideBuild({ buildId: "b1", stamp, current: "abc" })).toEqual({ build: false, reason: "the build is up to date" });
  });
});

describe("fingerprint and checkBuild on a source tree", () => {
  let root = "";
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function tree() {
    root = mkdtempSync(path.join(tmpdir(), "planvas-stamp-"));
    for (const [rel, text] of Object.entries({
      "package-lock.json": "{}",
      "app/page.tsx": "export default 1",
      "lib/a.ts": "a",
      "lib/a.test.ts": "test",
      "README.md": "docs",
      "e2e/x.spec.ts": "spec",
      "scripts/app.mjs": "launcher",
      "node_modules/next/index.js": "dep",
      ".data/pglite/PG_VERSION": "18",
      ".next/BUILD_ID": "old",
    })) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
  }

  it("hashes the app's sources only", () => {
    tree();
    expect(sourceFiles(root)).toEqual(["app/page.tsx", "lib/a.ts", "package-lock.json"]);
  });

  it("changes with a source's content, the lockfile and NEXT_PUBLIC_* variables, not with mtimes or tests", () => {
    tree();
    const env = {};
    const base = fingerprint(root, env);
    utimesSync(path.join(root, "lib/a.ts"), new Date(0), new Date(0));
    writeFileSync(path.join(root, "lib/a.test.ts"), "another test");
    expect(fingerprint(root, env)).toBe(base);
    expect(fingerprint(root, { NEXT_PUBLIC_SUPABASE_URL: "https://x.supabase.co" })).not.toBe(base);
    writeFileSync(path.join(root, "package-lock.json"), '{"v":2}');
    const lock = fingerprint(root, env);
    expect(lock).not.toBe(base);
    writeFileSync(path.join(root, "lib/a.ts"), "b");
    expect(fingerprint(root, env)).not.toBe(lock);
  });

  it("asks for a build until one is stamped, then until a source changes", () => {
    tree();
    const env = {};
    const first = checkBuild(root, env);
    expect(first.build).toBe(true);
    writeStamp(root, first.current);
    expect(checkBuild(root, env).build).toBe(false);
    writeFileSync(path.join(root, "app/page.tsx"), "export default 2");
    expect(checkBuild(root, env)).toMatchObject({ build: true, reason: "the sources changed since the last build" });
  });
});
